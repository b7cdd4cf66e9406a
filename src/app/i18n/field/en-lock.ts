import type { viLock } from './vi-lock';

/** English for the app lock, a revoked phone and logging out of a shared phone (issue 14, kind 9). */
export const enLock: Record<keyof typeof viLock, string> = {
  'lock.title': 'Ngõ Số is locked',
  'lock.explain': 'Enter your PIN to see the data on this phone.',
  'lock.pin': 'PIN',
  'lock.unlock': 'Unlock',
  'lock.checking': 'Checking…',
  'lock.wrong': 'Wrong PIN.',
  'lock.left': '{count} tries left, then you must log in again with your password.',
  'lock.wait': 'Too many wrong PINs. Try again in {seconds} seconds.',
  'lock.forgot': 'Forgot your PIN? Log in again',
  'lock.forgotHint':
    'Log in again with your password, then choose a new PIN. The data and unsent changes on this phone are kept.',
  'lock.backToPin': 'Back to the PIN',
  'lock.loginRequired':
    'The PIN was wrong {count} times. Log in again with your password. The data and unsent changes on this phone are kept.',
  'lock.setupTitle': 'Choose a PIN for this phone',
  'lock.setupExplain':
    "The PIN protects residents' data if the phone is lost or lent. Ngõ Số asks for it each time it opens and after 5 minutes unused. Do not reuse your phone's or your bank's PIN.",
  'lock.newPin': 'New PIN (4–6 digits)',
  'lock.repeatPin': 'Repeat the PIN',
  'lock.setPin': 'Set PIN',
  'lock.err.pinFormat': 'A PIN is 4 to 6 digits.',
  'lock.err.pinTooSimple': 'This PIN is too easy to guess (repeated or consecutive digits). Choose another.',
  'lock.err.pinMismatch': 'The two entries differ.',
  'lock.lockNow': 'Lock the app now',
  'sync.error.device_revoked': 'This phone has been signed out by an administrator. Please log in again.',
  'wipe.device_revoked':
    "This phone was signed out remotely (device revoked). To protect residents' data, the register on it was erased; the server still has it.",
  'wipe.account_disabled':
    "The account on this phone has been disabled. To protect residents' data, the register on it was erased; the server still has it.",
  'wipe.pendingKept':
    '{count} unsent changes are still kept on this phone: log in again to send them, or ask your team lead to log in here to take them over.',
  'logout.title': 'Log out and erase the data from this phone?',
  'logout.body':
    'Logging out erases the register, drafts and PIN from this phone (the server keeps the data). Do it before giving the phone back or sharing it.',
  'logout.nothingPending': 'Every change has been sent to the server.',
  'logout.pending': '{count} changes have not been sent to the server yet. Sync before logging out.',
  'logout.pendingOthers':
    '{count} of them belong to another account that used this phone; only it can send them.',
  'logout.syncFirst': 'Sync first',
  'logout.syncing': 'Syncing…',
  'logout.discard': 'Discard {count} changes and log out',
  'logout.discardTitle': 'Discard {count} unsent changes?',
  'logout.discardBody':
    '{count} unsent changes will be erased from this phone and never reach the server. This cannot be undone.',
  'logout.discardConfirm': 'Erase {count} changes and log out',
  'logout.working': 'Logging out…',
};
