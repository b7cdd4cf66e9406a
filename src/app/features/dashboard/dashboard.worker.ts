/**
 * The dashboard's worker (issue 18, item 5): figures computed here, so a commune's 260,000 records
 * never freeze the screen. It opens the phone's IndexedDB itself (Dexie works in a worker). Exposed
 * with comlink.
 */
import { expose } from 'comlink';
import { type DashboardWorkerApi, dashboardWorkerApi } from './dashboard-api';

const api: DashboardWorkerApi = dashboardWorkerApi();
expose(api);
