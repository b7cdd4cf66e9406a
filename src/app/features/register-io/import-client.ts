import { transfer, wrap } from 'comlink';
import type { ImportWorkerApi } from './import-api';

export interface ImportWorker {
  api: ImportWorkerApi;
  terminate(): void;
}

type Factory = () => ImportWorker;

/** A real Web Worker, bundled by Vite as its own chunk (precached, so it works offline). */
function startWorker(): ImportWorker {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'import',
  });
  const remote = wrap<ImportWorkerApi>(worker);
  return {
    api: {
      open: (bytes) => remote.open(transfer(bytes, [bytes.buffer])),
      preview: (request) => remote.preview(request),
      resolve: (choices) => remote.resolve(choices),
      writeSlice: (part, start, count) => remote.writeSlice(part, start, count),
    },
    terminate: () => worker.terminate(),
  };
}

let factory: Factory = startWorker;

/** Starts an import worker; one per import screen, ended when the screen closes. */
export function startImportWorker(): ImportWorker {
  return factory();
}

/**
 * For component tests under jsdom, which has no Worker: the worker's own code, run in the test.
 * Never called by the app.
 */
export function setImportWorkerFactoryForTests(next: Factory): void {
  factory = next;
}
