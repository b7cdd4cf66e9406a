import type { viVisitSteps } from './vi-visit-steps';

export const enVisitSteps: Record<keyof typeof viVisitSteps, string> = {
  'visitSteps.legend': 'Done for whom?',
  'visitSteps.hint':
    'Each task is recorded on each person’s skills profile. Choose “Do not record” if that person did not do it.',
  'visitSteps.skip': 'Do not record',
  'visitSteps.already': '{skill}: done before, not recorded again',
  'visitSteps.noConsent': '{name}: no consent to record skills, so nothing goes on their profile.',
  'visitSteps.recordedTitle': 'Recorded on the skills profiles:',
  'visitSteps.personSteps': '{name}: {steps}',
  'visitSteps.step': '{skill} — {status}',
  'visitSteps.nothingRecorded': 'No skill step recorded on a profile.',
  'visitSteps.noConsentSaved': 'Nothing recorded for {names}: no consent to record skills.',
  'visitSteps.undone': 'Removed the visit just saved and the skill steps saved with it',

  'step.vneid_installed.done': 'Installed',
  'step.vneid_installed.failed': 'Could not install',
  'step.vneid_level1.done': 'Done (has a level 1 account)',
  'step.vneid_level1.in_progress': 'Registering, not finished',
  'step.vneid_level1.failed': 'Could not register',
  'step.vneid_level2_referred.done': 'Appointment made / taken to the commune police',
  'step.vneid_level2_referred.failed': 'No appointment yet',
  'step.vneid_level2_active.done': 'Done (level 2 activated)',
  'step.vneid_level2_active.in_progress': 'Waiting for the commune police to approve',
  'step.vneid_level2_active.failed': 'Could not activate',
  'step.vneid_skills_confirmed.done': 'Confirmed on VNeID',
  'step.vneid_skills_confirmed.in_progress': 'Learning on VNeID',
  'step.vneid_skills_confirmed.failed': 'Could not confirm',
  'step.digital_bank_account.referred': 'Sent to the bank to open it',

  'skills.vneid.waitingLevel2': 'VNeID level 1 · Waiting for level 2 at the commune police',

  'classes.recordWithoutConsentNamed': 'Not recorded for {names}: no consent to skills support',
};
