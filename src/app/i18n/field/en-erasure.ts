import type { viErasure } from './vi-erasure';

export const enErasure: Record<keyof typeof viErasure, string> = {
  'erasure.withdrawNameHint':
    'Without consent the full name is not kept: change it to a label (e.g. "Old lady at Mr Tâm\'s"). Left as it is, it becomes "Người dân đã rút lại đồng ý".',
  'erasure.title': "A resident's requests about their data",
  'erasure.explain':
    'Residents may learn what Ngõ Số holds about them and ask for it to be erased. Every export and erasure is written to the audit log.',
  'erasure.export': "Download this person's data",
  'erasure.exported': "Downloaded {name}'s data.",
  'erasure.erase': 'Erase this person',
  'erasure.confirmTitle': 'Erase {name} for good?',
  'erasure.confirmBody':
    'Their name, phone number, skill steps, attendance and notes naming them are erased on the server, and on every phone when it syncs. This cannot be undone.',
  'erasure.confirm': 'Erase',
  'erasure.done': "This person's data has been erased.",
  'erasure.needsConnection': 'This needs a connection and a logged-in account.',
  'erasure.failed': 'Not done: {reason}',
  'erasure.undoGone': "Cannot undo: this person's data has been erased on the server.",
  'rejected.reason.erased':
    'This person has been erased (at their request, or too long after the delete to undo it); they cannot be brought back.',
};
