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
};
