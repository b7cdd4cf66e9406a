import type { viIntegrity } from './vi-integrity';

export const enIntegrity: Record<keyof typeof viIntegrity, string> = {
  'err.dateInFuture': "This date is in the future. Check the phone's date and time.",
  'err.dateTooEarly': 'This date is too far in the past (before 2000).',
  'err.dateTooFar': 'Plan at most one year ahead.',
  'clock.ahead': "The phone's clock is {amount} fast.",
  'clock.behind': "The phone's clock is {amount} slow.",
  'clock.fix':
    'Ngõ Số still records the right date and time, but VNeID and banking apps may fail: go to Settings › Date & time and turn on "Automatic".',
  'clock.days': '{count} days',
  'clock.hours': '{count} hours',
  'clock.minutes': '{count} minutes',
  'account.switchTitle': 'Log in with another account on this phone?',
  'account.switchBody':
    "This phone holds {name}'s data. Once you log in it shows only the villages you may see; other villages' data is removed from the phone (it stays on the server).",
  'account.switchPending':
    '{name} has {count} changes not sent yet: they stay on the phone and are sent only when {name} logs in again.',
  'account.switchKeep': "Log in, keep the other person's changes",
  'account.switchTakeOver': 'Log in and send those {count} changes under my account',
  'account.notYourVillage': 'This village does not belong to the account logged in on this phone.',
  'account.loginToSee': "Log in to see your villages' data. What was entered stays on the phone.",
  'sync.othersPending': '{count} changes by {name} wait for that person to log in and send them.',
};
