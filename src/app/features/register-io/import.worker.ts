/**
 * The import's worker (issue 17, item 5: parsing off the main thread, so the screen never freezes):
 * it holds the workbook between the preview's steps. Exposed with comlink.
 */
import { expose } from 'comlink';
import { type ImportWorkerApi, importWorkerApi } from './import-api';

const api: ImportWorkerApi = importWorkerApi();
expose(api);
