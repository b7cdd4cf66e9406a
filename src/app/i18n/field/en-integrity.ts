import type { viIntegrity } from './vi-integrity';

export const enIntegrity: Record<keyof typeof viIntegrity, string> = {
  'err.dateInFuture': "This date is in the future. Check the phone's date and time.",
  'err.invalidCharacters':
    'Contains characters that cannot be stored (control characters or broken text). Type this part again.',
  'err.dayNotYet': 'This day has not come yet.',
  'err.notNegative': 'A count cannot be negative.',
  'err.adultsAboveResidents': 'There cannot be more people aged 18+ than aged 16+.',
  'err.meetingAboveTotal': 'The number meeting the standard cannot be above the total.',
  'err.lessonOfficialUrl': 'Google Play, the App Store or a .gov.vn site only.',
  'err.lessonSteps': '3 to 7 steps.',
  'err.lessonAsksSecret': 'A card may not tell anyone to give or type a password, OTP or ID number.',
  'err.dateTooEarly': 'This date is too far in the past (before 2000).',
  'err.dateTooFar': 'Plan at most one year ahead.',
  'clock.ahead': "The phone's clock is {amount} fast.",
  'clock.behind': "The phone's clock is {amount} slow.",
  'clock.fix':
    'Ngõ Số still records the right date and time, but VNeID and banking apps may fail: go to Settings › Date & time and turn on "Automatic".',
  'clock.setBack': "The phone's clock was just set back by {amount}.",
  'clock.setBackFix':
    'Ngõ Số dates records by the last standard time it knew, so dates may be a little off: go to Settings › Date & time, turn on "Automatic", and open the app again with a connection.',
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
  'account.villageNotHere':
    'This village is not on this phone, or does not belong to the account logged in. If it is yours, ask a commune officer to grant it.',
  'account.notYourVillage': 'This village does not belong to the account logged in on this phone.',
  'account.loginToSee': "Log in to see your villages' data. What was entered stays on the phone.",
  'form.otherField': 'Other information',
  'err.storageFull':
    "Not saved: the phone's storage is full. What you typed is still on the screen, do not leave the page. Delete some photos, videos or unused apps, then tap Save again.",
  'err.storageUnavailable':
    "Not saved: the browser cannot open Ngõ Số's storage. Close other Ngõ Số tabs and reload the page; what was saved before is still there.",
  'sync.error.storage_full':
    "The phone's storage is full, so no more data can be downloaded. The data already here and unsent changes are kept. Free some space, then tap Sync now.",
  'sync.error.storage_unavailable':
    "The browser cannot open Ngõ Số's storage. Close other Ngõ Số tabs and reload the page; the data on the phone is kept.",
  'sync.error.app_error':
    'The app failed while syncing (not the server). It will retry; the data on the phone is kept.',
  'sync.error.timeout':
    'The server did not answer in time (weak signal?). Your data is still on the phone; will retry.',
  'sync.error.not_our_server':
    'There is a network but not the Ngõ Số server (the Wi-Fi may need a login first). Will retry.',
  'field.deletedAt': 'Deleted (someone else edited it meanwhile)',
  'conflicts.alreadyResolved': 'Someone else has just resolved this conflict; the list is up to date.',
  'rejected.typed': 'Typed',
  'rejected.reason.village_forbidden': 'This village is not (or no longer) one of your account’s.',
  'rejected.reason.village_mismatch': 'This record belongs to another village.',
  'rejected.reason.implausible_date': 'A date that cannot be right (in the future, or too far back).',
  'rejected.reason.invalid_value': 'Not a valid value.',
  'rejected.reason.missing_field': 'Something required is missing.',
  'rejected.reason.cannot_clear': 'This is required and cannot be left empty.',
  'rejected.reason.unknown_field':
    'An old version of the app sent a field the server does not know; reload the app.',
  'rejected.reason.unknown_reference':
    'A related record (e.g. this person’s household) is not on the server.',
  'rejected.reason.too_many_fields': 'The change names too many fields; reload the app.',
  'rejected.reason.change_id_reused': 'Two different changes carry the same id; reload the app.',
  'rejected.reason.reserved_node': 'Invalid timestamp (it uses the server’s own id).',
  'admin.locked': 'Logins are blocked until {time} after too many wrong passwords.',
  'admin.unlock': 'Let them log in again now',
  'admin.unlocked': 'Unlocked. This person can log in again.',
  'rejected.reason.other': 'The server did not accept it ({code}).',
  'sync.error.scope_changed': 'Your villages have just changed; reloading their data.',
  'err.unexpected': 'Something went wrong: {detail}',
  'visits.membersLabel': 'Visited by',
  'skills.record.resident': 'Resident',
  'skills.record.byLabel': 'Recorded by',
  'draft.restored': 'What you were typing at {time} has been restored (not saved yet).',
  'draft.discard': 'Discard draft',
  'draft.discardTitle': 'Discard what you typed?',
  'draft.discardBody': 'What you typed and did not save will be lost.',
  'form.overwritten':
    'Saved. While you were editing, someone else also changed: {fields}. Your value is kept; theirs is in Conflicts for a lead to review.',
  'sync.othersPending': '{count} changes by {name} wait for that person to log in and send them.',
};
