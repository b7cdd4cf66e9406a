// Background Sync (where the browser has it): when the connection returns, the browser wakes the
// service worker with our tag, and the worker asks every open app window to sync. The sync itself
// runs in the page, which owns the outbox and the session; with no window open, the next start syncs.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'ngo-so-sync') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const client of windows) client.postMessage({ type: 'sync-requested' });
    }),
  );
});
