import type { viRegisterStatus } from './vi-register-status';

/** English words for the register status of people and households (issue 18, item 1). */
export const enRegisterStatus: Record<keyof typeof viRegisterStatus, string> = {
  'resident.status': 'Residence status',
  'resident.statusOn': 'Day learned',
  'status.resident.present': 'Lives here',
  'status.resident.away': 'Temporarily away (work, study)',
  'status.resident.moved_out': 'Moved out',
  'status.resident.deceased': 'Deceased',
  'status.resident.hint':
    "People who moved out or died no longer count in the village's figures from that day. People temporarily away still count. Nothing is deleted.",
  'status.dayHint': 'Today by default; change it if you learned earlier.',
  'status.deceasedTitle': 'Record that {name} has died?',
  'status.deceasedBody':
    'From that day this person no longer counts in the village\'s figures. Their record is kept. If this is a mistake, choose "Lives here" again and save.',
  'status.deceasedConfirm': 'Yes, record it',
  'status.badge.away': 'Away',
  'status.badge.moved_out': 'Moved out',
  'status.badge.deceased': 'Deceased',
  'status.badgeOn': '{status} ({day})',
  'field.status': 'Household status',
  'field.statusOn': 'Day learned',
  'field.mergedInto': 'Merged into household',
  'status.household.active': 'Lives here',
  'status.household.moved_out': 'Whole household moved out',
  'status.household.merged': 'Merged into another household',
  'status.household.hint':
    "Households that moved out or merged no longer count in the village's households from that day. Nothing is deleted.",
  'status.mergedSearch': "Find a household by the head's name",
  'status.mergedPick': '— Choose a household —',
  'status.mergedNone': 'No household found in this village.',
  'status.mergedIntoLink': 'Merged into {label}',
};
