import type { viDevices } from './vi-devices';

/** English for vi-devices.ts. */
export const enDevices: Record<keyof typeof viDevices, string> = {
  'devices.title': 'How each phone syncs',
  'devices.attention': '⚠ Phones not synced for more than {days} days: {count}. Call the people using them.',
  'devices.allFine': 'Every phone has synced in the last {days} days.',
  'devices.offline': "The phones' sync status needs a connection.",
  'devices.failed': 'Could not load the phones ({code}).',
  'devices.retry': 'Load the phones again',
  'devices.showOthers': 'Show the phones that sync normally ({count})',
  'devices.hideOthers': 'Hide the phones that sync normally',
  'devices.none': 'No phone is logged in yet.',
  'devices.stale': '⚠ Not synced for more than {days} days',
  'devices.owner': '{device} · @{username}',
  'devices.lastSync': 'Last sync: {when}',
  'devices.neverSynced': 'Never synced',
  'devices.justNow': 'just now',
  'devices.minutesAgo': '{count} min ago',
  'devices.hoursAgo': '{count} h ago',
  'devices.daysAgo': '{count} d ago',
  'devices.pending': 'Changes not yet sent to the server: {count}',
  'devices.pendingStale': '⚠ Changes waiting on the phone for more than {days} days, not sent: {count}',
  'devices.nothingPending': 'Nothing waiting to be sent',
  'devices.expired': 'Session expired: someone must log in again on this phone for it to sync.',
};
