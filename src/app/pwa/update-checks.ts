/**
 * When to ask the browser whether a new version has been deployed. The browser itself looks only when
 * the page loads (or navigates), and a team member may keep the app open in a pocket all day: without
 * these checks they would work on an old version, without the "Tải lại" prompt, until they reloaded.
 */

/** Often enough that a fix reaches the field the same morning, rarely enough to cost nothing. */
export const UPDATE_CHECK_INTERVAL_MS = 30 * 60_000;
/** The app coming back to the foreground every few seconds must not mean a request every few seconds. */
export const MIN_CHECK_GAP_MS = 60_000;

export interface UpdateCheckOptions {
  /** Asks the browser for a new version (Workbox#update()); failures are ignored. */
  update: () => Promise<unknown>;
  intervalMs?: number;
  minGapMs?: number;
  now?: () => number;
}

/** Checks on an interval, on coming back to the foreground and on the signal returning; returns stop. */
export function startUpdateChecks(options: UpdateCheckOptions): () => void {
  const {
    update,
    intervalMs = UPDATE_CHECK_INTERVAL_MS,
    minGapMs = MIN_CHECK_GAP_MS,
    now = () => Date.now(),
  } = options;
  let lastCheck = Number.NEGATIVE_INFINITY;
  let inFlight = false;

  const check = () => {
    // In a pocket or without signal the check would be wasted or fail; `visibilitychange` and `online`
    // check again as soon as that ends.
    if (inFlight || document.visibilityState === 'hidden' || navigator.onLine === false) return;
    if (now() - lastCheck < minGapMs) return;
    lastCheck = now();
    inFlight = true;
    void (async () => {
      try {
        await update();
      } catch {
        // A failed check (a dropped connection, the server restarting) says nothing the person can
        // act on, so it stays quiet; the next trigger tries again.
      } finally {
        inFlight = false;
      }
    })();
  };
  const onVisibilityChange = () => {
    if (document.visibilityState === 'visible') check();
  };

  const timer = setInterval(check, intervalMs);
  document.addEventListener('visibilitychange', onVisibilityChange);
  window.addEventListener('online', check);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibilityChange);
    window.removeEventListener('online', check);
  };
}
