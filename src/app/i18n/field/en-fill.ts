import type { viFill } from './vi-fill';

/** English for forms the app fills from the account and the context (issue 15, kind 6). */
export const enFill: Record<keyof typeof viFill, string> = {
  'fill.saveAndNext': 'Save and add the next person',
  'fill.savedNext': 'Saved {name}. Enter the next person.',
  'fill.addedCount': '{count} people added',
  'fill.householdInLane': 'Add a household in {lane}',
};
