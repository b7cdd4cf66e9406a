/**
 * What the browser benchmarks share: the village-sized data set of DESIGN §6 seeded into a running
 * server with a member account to log in with, and a count of every record table of the app's
 * IndexedDB to check that a sync brought all of it. The phone itself (a 360×740 context) and the steps
 * of a login are the e2e suite's (tests/e2e/harness.ts, tests/e2e/phone.ts).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { SYNCED_TABLES, type SyncedTable } from '../../src/core/changes';
import { cspViolationsOf } from '../../tests/e2e/csp-watch';
import { createAccount, type SeededVillage, seedVillage, setupCommune } from '../lib/server-seed';

/** 2,000 households with their field work: ~8,000 residents and ~10,000 visits and assists. */
export const VILLAGE_HOUSEHOLDS = 2_000;

export type TableCounts = Record<SyncedTable, number>;

export interface MemberVillage {
  village: SeededVillage;
  username: string;
  /** What the member's phone must hold after a complete first sync. */
  expected: TableCounts;
  seedMs: number;
}

/** Seeds the commune, one village (with field work) and a member of it on a fresh server. */
export async function seedMemberVillage(
  baseUrl: string,
  options: { name: string; households: number; seed: number; username: string },
): Promise<MemberVillage> {
  const started = Date.now();
  const commune = await setupCommune(baseUrl);
  const village = await seedVillage(baseUrl, commune, {
    name: options.name,
    households: options.households,
    seed: options.seed,
    fieldWork: true,
  });
  await createAccount(baseUrl, commune, {
    username: options.username,
    role: 'member',
    villageIds: [village.villageId],
  });
  const { households, residents, visits, assists, classes, attendance } = village;
  return {
    village,
    username: options.username,
    expected: {
      villages: 1,
      households,
      residents,
      visits,
      assists,
      classes,
      attendance,
      targets: 0,
      reportingUnits: 0,
      unitFigures: 0,
      activities: 0,
      reports: 0,
      lessonCards: 0,
    },
    seedMs: Date.now() - started,
  };
}

export function totalRecords(counts: TableCounts): number {
  return SYNCED_TABLES.reduce((n, table) => n + counts[table], 0);
}

export function sameCounts(a: TableCounts, b: TableCounts): boolean {
  return SYNCED_TABLES.every((table) => a[table] === b[table]);
}

/**
 * Throws, listing each, if a page of `context` (made by the e2e suite's newPhoneContext, which watches
 * them) broke the app's Content-Security-Policy: the e2e suite would fail on it, and so does the bench.
 */
export function assertCspKept(context: BrowserContext): void {
  const violations = cspViolationsOf(context);
  if (violations.length === 0) return;
  const lines = violations.map((v) => `[${v.seenBy}] ${v.url}: ${v.text}`);
  throw new Error(`Content-Security-Policy violated in the page: ${lines.join('; ')}`);
}

/**
 * Runs `body` against the app's IndexedDB inside the page, with `db` open and `request(store, fn)`
 * turning one object-store request into a promise. Source text, not a function: tsx would wrap named
 * functions in a helper that does not exist in the page.
 */
function inAppDatabase<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('ngo-so');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const request = (store, make) => new Promise((resolve, reject) => {
      const req = make(db.transaction(store).objectStore(store));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try { ${body} } finally { db.close(); }
  })()`) as Promise<T>;
}

/** Rows of each record table of the app's IndexedDB. */
export function countRows(page: Page): Promise<TableCounts> {
  return inAppDatabase(
    page,
    `const result = {};
    for (const table of ${JSON.stringify(SYNCED_TABLES)}) result[table] = await request(table, (s) => s.count());
    return result;`,
  );
}

/** Rows of one object store (the outbox, the refused changes…). */
export function storeCount(page: Page, store: string): Promise<number> {
  return inAppDatabase(page, `return request(${JSON.stringify(store)}, (s) => s.count());`);
}

export function storeKeys(page: Page, store: string): Promise<string[]> {
  return inAppDatabase(page, `return request(${JSON.stringify(store)}, (s) => s.getAllKeys());`);
}
