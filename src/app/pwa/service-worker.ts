/**
 * Service-worker registration through workbox-window. A new version never reloads the page by itself:
 * a team member may be halfway through a form in a doorway. It waits until they tap "Tải lại".
 */
import { Workbox } from 'workbox-window';
import { create } from 'zustand';

interface PwaState {
  updateWaiting: boolean;
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

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js', { scope: '/' });

  wb.addEventListener('waiting', () => {
    usePwa.setState({
      updateWaiting: true,
      applyUpdate: () => {
        // Reload only once the new worker controls the page, so the reload is served by it.
        wb.addEventListener('controlling', () => window.location.reload());
        wb.messageSkipWaiting();
      },
    });
  });
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate) usePwa.setState({ offlineReady: true });
  });
  wb.register().catch((error: unknown) => {
    // Without a worker the app still works online, so this is not the person's problem: the browser
    // may refuse (storage turned off, private mode) or sw.js may be mid-deploy.
    console.warn('Service worker not registered:', error);
  });
}

/** Asks the browser not to evict our IndexedDB under storage pressure: it holds unsynced work. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
