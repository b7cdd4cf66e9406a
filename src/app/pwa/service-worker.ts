/**
 * Service-worker registration through workbox-window. A new version never reloads the page by itself:
 * a team member may be halfway through a form in a doorway. It waits until they tap "Tải lại".
 */
import { Workbox } from 'workbox-window';
import { create } from 'zustand';
import { startUpdateChecks } from './update-checks';

interface PwaState {
  updateWaiting: boolean;
  /** A service worker serves this page: its precache, every screen, is on the phone (offline-readiness.ts). */
  offlineReady: boolean;
  applyUpdate: () => void;
  dismissUpdate: () => void;
}

export const usePwa = create<PwaState>()((set) => ({
  updateWaiting: false,
  offlineReady: false,
  applyUpdate: () => {},
  dismissUpdate: () => set({ updateWaiting: false }),
}));

let stopUpdateChecks: (() => void) | undefined;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js', { scope: '/' });

  // Already controlled when opened from the cache; the first install claims the page when done.
  const container = navigator.serviceWorker;
  const controlled = () => usePwa.setState({ offlineReady: container.controller !== null });
  controlled();
  container.addEventListener('controllerchange', controlled);
  wb.register().then(
    (registration) => {
      if (!registration) return;
      watchForWaitingWorker(registration, () => offerUpdate(wb, registration));
      // One set of checks per page, even if registration ran again.
      stopUpdateChecks?.();
      stopUpdateChecks = startUpdateChecks({ update: () => wb.update() });
    },
    (error: unknown) => {
      // Without a worker the app still works online, so this is not the person's problem: the
      // browser may refuse (storage turned off, private mode) or sw.js may be mid-deploy.
      console.warn('Service worker not registered:', error);
    },
  );
}

/**
 * Offers the update whenever a new version is installed and waiting. Workbox's own "waiting" event
 * is not enough for an app left open all day: after the first update found in a session it stops
 * listening, so a second version deployed while the page stays open would never be offered.
 */
function watchForWaitingWorker(registration: ServiceWorkerRegistration, offer: () => void): void {
  // Without an active worker, a waiting one is the first install, which activates by itself.
  const offerIfWaiting = () => {
    if (registration.waiting && registration.active) offer();
  };
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offerIfWaiting();
    });
  });
  // Installed while no page was open, or while this one was loading.
  offerIfWaiting();
}

let reloading = false;

function offerUpdate(wb: Workbox, registration: ServiceWorkerRegistration): void {
  usePwa.setState({
    updateWaiting: true,
    applyUpdate: () => {
      if (reloading) return;
      reloading = true;
      // Another tab may already have switched to the new version: then this page only needs to load it.
      if (!registration.waiting) {
        window.location.reload();
        return;
      }
      // Reload only once the new worker controls the page, so the reload is served by it.
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    },
  });
}

/** Asks the browser not to evict our IndexedDB under storage pressure: it holds unsynced work. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
