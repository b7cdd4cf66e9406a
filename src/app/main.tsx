// First: schemas created before it would still probe for eval, which the CSP refuses.
import './zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadClockOffset } from './db/clock';
import { normaliseStoredIfNeeded } from './db/database';
import { AppLock } from './features/app-lock/AppLock';
import { loadLaterWords } from './i18n/i18n';
import { registerServiceWorker, requestPersistentStorage } from './pwa/service-worker';
import { useSession } from './sync/session';
import { syncEngine } from './sync/sync-engine';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppLock>
      <App />
    </AppLock>
  </StrictMode>,
);
registerServiceWorker();
// The later screens' words, fetched now so the first tap on a household opens it without waiting.
void loadLaterWords().catch(() => {});
void requestPersistentStorage();
// The cached session lets the app sync as soon as it can, even after an offline start; the clock
// offset measured before dates what is written from the first tap.
void Promise.all([useSession.getState().load(), loadClockOffset()]).then(() => syncEngine.start());
// Rows kept from before text and ids had one form are rewritten in it, once, in the background.
void normaliseStoredIfNeeded().catch(() => {});
