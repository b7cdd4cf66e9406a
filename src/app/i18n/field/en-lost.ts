import type { viLost } from './vi-lost';

/** English for vi-lost.ts. */
export const enLost: Record<keyof typeof viLost, string> = {
  'lost.title': 'Edits not kept',
  'lost.explain':
    'You and someone else changed the same thing before syncing. The server kept the later edit; yours is saved for the team lead to review.',
  'lost.mine': "{field} of {record}: you changed it to '{value}' at {time}",
  'lost.mineEmpty': '{field} of {record}: you cleared it at {time}',
  'lost.mineChanged': '{field} of {record}: you changed it at {time}',
  'lost.theirs': ", but someone else later changed it to '{value}'.",
  'lost.theirsEmpty': ', but someone else later cleared it.',
  'lost.theirsChanged': ', but someone else changed it later.',
  'lost.deleted': 'You edited {record} at {time}, but someone else had deleted {record} before.',
  'lost.kept': 'You deleted {record} at {time}, but someone else kept it.',
  'lost.review': 'The team lead or the commune officer will review it.',
  'lost.dismiss': 'Got it',
  'lost.open': 'Open',
  'lost.record.villages': 'village {name}',
  'lost.record.households': 'household {name}',
  'lost.record.residents': '{name}',
  'lost.record.visits': 'the visit to household {name}',
  'lost.record.assists': 'the skill step of {name}',
  'lost.record.classes': 'the class of {name}',
  'lost.record.attendance': 'the attendance of the class of {name}',
  'lost.record.unknown': 'a record',
};
