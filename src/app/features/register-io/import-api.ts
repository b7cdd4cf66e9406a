import {
  type ImportPreview,
  ImportSession,
  type OpenedWorkbook,
  type PreviewRequest,
} from './import-pipeline';
import { UnreadableFileError } from './read-workbook';

export type OpenResult =
  | { ok: true; workbook: OpenedWorkbook }
  | { ok: false; reason: UnreadableFileError['reason'] };

/** What the page asks of the import worker (comlink passes these calls and their answers). */
export interface ImportWorkerApi {
  /** Reads a file; its bytes are transferred, not copied. */
  open(bytes: Uint8Array): Promise<OpenResult>;
  preview(request: PreviewRequest): Promise<ImportPreview>;
}

/**
 * The worker's side, also used as is by tests that have no Worker (jsdom): the same object, called
 * directly. Failures that are the file's fault come back as `{ ok: false, reason }`.
 */
export function importWorkerApi(): ImportWorkerApi {
  const session = new ImportSession();
  return {
    async open(bytes) {
      try {
        const workbook = session.open(bytes);
        if (!workbook.sheets.some((s) => s.layout)) return { ok: false, reason: 'no_table' };
        return { ok: true, workbook };
      } catch (error) {
        if (error instanceof UnreadableFileError) return { ok: false, reason: error.reason };
        throw error;
      }
    },
    async preview(request) {
      return session.preview(request);
    },
  };
}
