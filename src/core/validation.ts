import type { z } from 'zod';

/**
 * Validation messages are keys, not sentences: the app translates them (vi, en) and the server sends
 * them as machine-readable codes. Every key here must exist in each i18n dictionary (type-checked).
 */
export const VALIDATION_MESSAGES = [
  'err.required',
  'err.tooLong',
  'err.wholeNumber',
  'err.membersRange',
  'err.birthYear',
  'err.phone',
  'err.idNumberInText',
  'err.otpInText',
  'err.passwordInText',
  'err.needsConsent',
  'err.consentPurpose',
  'err.consentCollector',
  'err.phoneNeedsPurpose',
  'err.ethnicNeedsConsent',
  'err.statusDayNeeded',
  'err.percent',
  'err.invalid',
  'err.tooMany',
  'err.followUpNeeded',
  'err.failReasonNeeded',
  'err.dateInFuture',
  'err.dayNotYet',
  'err.invalidCharacters',
  'err.notNegative',
  'err.adultsAboveResidents',
  'err.dateTooEarly',
  'err.dateTooFar',
  'err.meetingAboveTotal',
  'err.lessonOfficialUrl',
  'err.lessonSteps',
  'err.lessonAsksSecret',
] as const;

export type ValidationMessage = (typeof VALIDATION_MESSAGES)[number];

const known = new Set<string>(VALIDATION_MESSAGES);

/** The first message for each field path ("consent.purposes"), ready for a form to show beside the field. */
export function fieldErrors(error: z.ZodError): Record<string, ValidationMessage> {
  const out: Record<string, ValidationMessage> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (out[path]) continue;
    out[path] = known.has(issue.message) ? (issue.message as ValidationMessage) : 'err.invalid';
  }
  return out;
}
