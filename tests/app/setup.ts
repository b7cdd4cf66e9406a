import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { NgoSoDatabase, setDbForTesting } from '../../src/app/db/database';
import { loadLaterWords } from '../../src/app/i18n/i18n';
import { useCommuneClock } from '../../src/app/state/commune-clock';
import { useSession } from '../../src/app/sync/session';

// findBy… and waitFor give up after 1 s by default: a busy machine needs longer to render, and a
// test that waits for a condition loses nothing by waiting more (issue 13, kind 12).
configure({ asyncUtilTimeout: 30_000 });

// Components are rendered here without the lazy routes that load the later screens' words with them.
beforeAll(() => loadLaterWords());

let counter = 0;

// A fresh database per test: no test can pass because of rows another one left behind.
beforeEach(() => {
  counter++;
  setDbForTesting(new NgoSoDatabase(`ngo-so-test-${counter}-${Math.random()}`));
  // The corrected clock is module state: no test may inherit another's offset.
  useCommuneClock.setState({ offsetMs: 0, measured: false, anchorGap: undefined, floorMs: 0 });
  useSession.setState({ session: undefined, loaded: true });
});

afterEach(() => {
  cleanup();
  localStorage.clear();
  // Drafts mirror into sessionStorage (ui/use-form-draft.ts): none may carry over to the next test.
  sessionStorage.clear();
});
