import type { viShell } from './vi-shell';

export const enShell: Record<keyof typeof viShell, string> = {
  'shell.pendingShort': '{count} changes to send',
  'shell.nothingWaiting': 'Nothing waiting to send',
  'shell.signedOut': 'Not logged in, kept on this phone',
  'shell.ready': 'Ready to use without signal',
  'shell.notReady.pulling': 'Not ready: loading village data ({received}/{total})…',
  'shell.notReady.app': 'Not ready: saving the app on the phone…',
  'shell.notReady.data': 'Not ready: village data not fully loaded',
  'shell.panelTitle': 'Sync and working without signal',
  'shell.panelFailed': 'Could not open this part. Try again with signal.',
  'shell.part.app.done': 'The app is saved on the phone',
  'shell.part.app.missing': 'The app is not fully saved yet. It needs signal, wait a moment.',
  'shell.part.data.done': 'All data of your villages is loaded',
  'shell.part.data.pulling': 'Loading village data: {received}/{total}',
  'shell.part.data.missing': 'Village data not fully loaded. It needs signal to continue.',
  'shell.part.data.none': 'Not logged in: only data entered on this phone',
  'shell.part.storage.kept': 'The phone keeps the data for good',
  'shell.part.storage.notKept': 'The phone may delete data when its storage is full. Sync often.',
};
