/**
 * DESIGN §6: first sync of a village (~20,000 records) into an empty phone, through the real UI.
 *
 * One fresh server (PGlite, temporary data dir) is seeded over HTTP with a commune account, one village
 * of 2,000 households (~8,000 residents, ~10,000 visits and assists, a few classes with their attendance)
 * and a member account of that village. Each run opens a new browser context (empty IndexedDB, 360×740
 * phone), loads /login, waits for the service worker, and then times, inside the page, from the click on
 * "Đăng nhập" to the moment the sync engine's record of its first success (meta "lastSyncAt",
 * src/app/sync/sync-engine.ts) is committed to IndexedDB: the app writes it after the last pulled page
 * and the lost-edit check, just before the sync bar turns idle. It is taken from IndexedDB, not the
 * screen, because the screen cannot tell: the app starts the sync as soon as the login is accepted,
 * then asks for a new PIN (issue 14, kind 9) and renders nothing else — sync bar included — until one
 * is chosen. The bench chooses it at once through the UI (tests/e2e/phone.ts choosePin), so for all
 * but the first moments of the sync the village list and the sync bar are on screen, re-reading as
 * pages land, as before the PIN step existed; `pinStepMs` says when the PIN screen went. The WebCrypto
 * hash of the PIN (PBKDF2, ~0.1 s, off the main thread) runs meanwhile, as on a real phone. Node then
 * waits for the bar to show a finished sync as the e2e suite does (waitForSync), and every record
 * table of IndexedDB is counted and must hold every seeded row.
 *
 * The phone profile (DESIGN §6 ¹) is applied through the Chrome DevTools Protocol just before the click,
 * so the timing covers login + sync on a slow phone, not the first page load. Bytes, requests and their
 * timing come from CDP Network events of the page's target.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/chromium';
import { startServer } from '../../tests/e2e/global-setup';
import { newPhoneContext } from '../../tests/e2e/harness';
import { choosePin, waitForSync } from '../../tests/e2e/phone';
import { loginAccount, SEED_PASSWORD } from '../lib/server-seed';
import {
  type Profile,
  type ProfileSummary,
  profilerEnv,
  profileWhile,
  summariseProfile,
} from './cpu-profile';
import {
  assertCspKept,
  countRows,
  sameCounts,
  seedMemberVillage,
  type TableCounts,
  totalRecords,
} from './phone-village';
import { type Encoding, measurePullSize, type PullSize } from './pull-size';
import { log, median, registerCleanup, round, sum, withTimeout } from './util';

export const PHONE_PROFILE = {
  latencyMs: 150,
  downloadBytesPerSecond: 200_000,
  uploadBytesPerSecond: 93_750,
  cpuSlowdown: 4,
};

export type SyncProfile = 'unthrottled' | 'phone';

export interface TimelineEntry {
  path: string;
  method: string;
  /** ms after the first request of the timed window. */
  startMs: number;
  /** Time to the response headers, from the request start. */
  headersMs: number;
  endMs: number;
  wireBytes: number;
  encoding: string;
}

export interface SyncRun {
  profile: SyncProfile;
  /** Click on "Đăng nhập" → the first sync's success committed to IndexedDB, measured in the page. */
  ms: number;
  /** Click on "Đăng nhập" → the PIN screen gone (the shell shows), while the sync runs. */
  pinStepMs: number;
  verified: boolean;
  counted: TableCounts;
  pull: {
    requests: number;
    /** encodedDataLength summed over /api/sync/pull responses: compressed body + headers. */
    wireBytes: number;
    bytesPerRecord: number;
    encoding: string;
    /** First pull request start → last pull response end. */
    spanMs: number;
    /** Median time to the response headers of a pull page: mostly the server's work. */
    medianHeadersMs: number;
  };
  /** Requests the page made after the click (any URL) and of them those to /api/. */
  requests: number;
  apiRequests: number;
  uploadBytes: number;
  longestTaskMs: number;
  longTasksOver100ms: number;
  timeline: TimelineEntry[];
  /** Only with `cpuProfile`: the page's CPU profile during the sync (minified names, dist/ chunks). */
  pageProfile?: ProfileSummary;
  /** Only with `cpuProfile`: the record-table write transactions (one per pulled page). */
  idb?: IdbSummary;
}

interface IdbStats {
  tx: Array<{
    start: number;
    end: number;
    puts: number;
    putMs: number;
    gets: number;
    getMs: number;
    lastRequestAt: number;
  }>;
  readonlyTx: number;
  cursorSteps: number;
  counts: number;
}

export interface IdbSummary {
  writeTransactions: number;
  /** Sum over the transactions of creation → complete. */
  txTotalMs: number;
  /** Synchronous time inside put()/get() calls (structured clone, request creation). */
  putCalls: number;
  putSyncMs: number;
  getCalls: number;
  getSyncMs: number;
  /** Last request issued → complete: the commit, as the page waits for it. */
  commitWaitMs: number;
  /** Per transaction: [start after click, duration, commit wait] in ms. */
  perTx: Array<[number, number, number]>;
  readonlyTransactions: number;
  cursorSteps: number;
  countCalls: number;
}

function summariseIdb(s: IdbStats, clickAt: number): IdbSummary {
  const done = s.tx.filter((t) => t.end > 0);
  return {
    writeTransactions: done.length,
    txTotalMs: round(sum(done.map((t) => t.end - t.start))),
    putCalls: sum(done.map((t) => t.puts)),
    putSyncMs: round(sum(done.map((t) => t.putMs))),
    getCalls: sum(done.map((t) => t.gets)),
    getSyncMs: round(sum(done.map((t) => t.getMs))),
    commitWaitMs: round(sum(done.map((t) => t.end - t.lastRequestAt))),
    perTx: done.map((t) => [
      round(t.start - clickAt),
      round(t.end - t.start),
      round(t.end - t.lastRequestAt),
    ]),
    readonlyTransactions: s.readonlyTx,
    cursorSteps: s.cursorSteps,
    countCalls: s.counts,
  };
}

export interface InitialSyncResult {
  chromium: string;
  seeded: TableCounts & { records: number; seedMs: number };
  serverStartMs: number;
  runs: SyncRun[];
  unthrottled: { medianMs: number; runsMs: number[] };
  phone: { medianMs: number; runsMs: number[] };
  pullSizes: PullSize[];
  diagnosis?: SyncRun;
  /** The server process profiled while it serves the whole pull once more (gzip, from Node). */
  serverPullProfile?: { pull: PullSize; profile: ProfileSummary };
}

interface PageBench {
  clickAt?: number;
  pinShownAt?: number;
  pinDoneAt?: number;
  doneAt?: number;
  longTasks: Array<{ start: number; duration: number }>;
}

/** The meta row the sync engine writes when a sync succeeds (LAST_SUCCESS_KEY, app/sync/sync-engine.ts). */
const LAST_SUCCESS_KEY = 'lastSyncAt';

/**
 * Runs in the page before any of its scripts. Kept as source text: tsx would otherwise wrap named
 * functions in a `__name` helper that does not exist in the page.
 *
 * The end of the timed interval is the `complete` event of the transaction holding the first
 * LAST_SUCCESS_KEY put after the click. Only the `meta` store of read-write transactions gets a
 * wrapped put(), on the store object itself, when Dexie asks the transaction for it (once per
 * operation, not per row): the ~20,000 record puts of a sync run no bench code.
 */
const INSTRUMENT_PAGE = `(() => {
  const bench = { longTasks: [] };
  window.__bench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  document.addEventListener('click', (event) => {
    const button = event.target && event.target.closest ? event.target.closest('button') : null;
    if (bench.clickAt === undefined && button && button.textContent.trim() === 'Đăng nhập') {
      bench.clickAt = performance.now();
    }
  }, true);
  const objectStore = IDBTransaction.prototype.objectStore;
  IDBTransaction.prototype.objectStore = function (name) {
    const store = objectStore.call(this, name);
    // The same store object comes back for every call in one transaction: wrap it once.
    if (name === 'meta' && this.mode === 'readwrite' && !Object.hasOwn(store, 'put')) {
      const put = store.put;
      store.put = function (value) {
        const request = put.apply(this, arguments);
        if (value && value.key === '${LAST_SUCCESS_KEY}' && bench.clickAt !== undefined) {
          this.transaction.addEventListener('complete', () => {
            if (bench.doneAt === undefined) bench.doneAt = performance.now();
          });
        }
        return request;
      };
    }
    return store;
  };
  // The PIN screen (PinSetup.tsx, a main.lock-page) shows after the click and leaves once a PIN is set.
  const pinStep = new MutationObserver(() => {
    if (bench.clickAt === undefined) return;
    const shown = document.querySelector('main.lock-page') !== null;
    if (shown && bench.pinShownAt === undefined) bench.pinShownAt = performance.now();
    if (!shown && bench.pinShownAt !== undefined) {
      bench.pinDoneAt = performance.now();
      pinStep.disconnect();
    }
  });
  pinStep.observe(document, { subtree: true, childList: true });
})();
//# sourceURL=bench-page-timers.js`;

/**
 * Diagnosis only (it slows IndexedDB calls a little): times every read-write transaction on the record
 * tables from its creation to its `complete` event, and the synchronous part of its put()/get() calls
 * (where the structured clone happens); counts the read-only transactions and cursor steps that run
 * meanwhile (live queries re-reading after each page).
 */
const INSTRUMENT_IDB = `(() => {
  const idb = { tx: [], readonlyTx: 0, cursorSteps: 0, counts: 0 };
  window.__idb = idb;
  const stats = new WeakMap();
  const origTx = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, opts) {
    const tx = origTx.call(this, stores, mode, opts);
    const names = [].concat(stores);
    const records = ['villages', 'households', 'residents', 'visits', 'assists', 'classes', 'attendance'];
    if (mode === 'readwrite' && names.some((n) => records.includes(n))) {
      const s = { start: performance.now(), end: 0, puts: 0, putMs: 0, gets: 0, getMs: 0, lastRequestAt: 0 };
      stats.set(tx, s);
      idb.tx.push(s);
      tx.addEventListener('complete', () => { s.end = performance.now(); });
    } else if (mode !== 'readwrite') idb.readonlyTx++;
    return tx;
  };
  const wrap = (proto, name, key, msKey) => {
    const orig = proto[name];
    proto[name] = function (...args) {
      const s = stats.get(this.transaction);
      if (!s) return orig.apply(this, args);
      const t = performance.now();
      const req = orig.apply(this, args);
      s[msKey] += performance.now() - t;
      s[key]++;
      s.lastRequestAt = performance.now();
      return req;
    };
  };
  wrap(IDBObjectStore.prototype, 'put', 'puts', 'putMs');
  wrap(IDBObjectStore.prototype, 'add', 'puts', 'putMs');
  wrap(IDBObjectStore.prototype, 'get', 'gets', 'getMs');
  const origContinue = IDBCursor.prototype.continue;
  IDBCursor.prototype.continue = function (...a) { idb.cursorSteps++; return origContinue.apply(this, a); };
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    const origCount = proto.count;
    proto.count = function (...a) { idb.counts++; return origCount.apply(this, a); };
  }
})();
//# sourceURL=bench-idb-timers.js`;

interface NetRecord {
  url: string;
  method: string;
  start: number;
  headersAt?: number;
  end?: number;
  wireBytes: number;
  uploadBytes: number;
  encoding: string;
}

function watchNetwork(cdp: CDPSession) {
  const requests = new Map<string, NetRecord>();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, {
      url: e.request.url,
      method: e.request.method,
      start: e.timestamp,
      wireBytes: 0,
      uploadBytes: e.request.postData?.length ?? 0,
      encoding: '',
    });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.headersAt = e.timestamp;
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    r.encoding = String(headers['content-encoding'] ?? 'identity');
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.end = e.timestamp;
    r.wireBytes = e.encodedDataLength;
  });
  return requests;
}

async function syncOnce(
  browser: Browser,
  baseUrl: string,
  username: string,
  expected: TableCounts,
  profile: SyncProfile,
  options: { cpuProfile?: boolean; timeoutMs: number },
): Promise<SyncRun> {
  const context = await newPhoneContext(browser, { baseURL: baseUrl });
  try {
    await context.addInitScript({ content: INSTRUMENT_PAGE });
    if (options.cpuProfile) await context.addInitScript({ content: INSTRUMENT_IDB });
    const page = await context.newPage();
    page.on('pageerror', (error) => log(`pageerror: ${error.message}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(SEED_PASSWORD);
    // The service worker precaches the app on first load; let it finish so it does not share the line.
    await page
      .evaluate(
        'Promise.race([navigator.serviceWorker && navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 20000))]).then(() => true)',
      )
      .catch(() => undefined);

    if (profile === 'phone') {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: PHONE_PROFILE.latencyMs,
        downloadThroughput: PHONE_PROFILE.downloadBytesPerSecond,
        uploadThroughput: PHONE_PROFILE.uploadBytesPerSecond,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_PROFILE.cpuSlowdown });
    }
    const net = watchNetwork(cdp);
    if (options.cpuProfile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // The sync is already running (use-account-login.ts starts it before the PIN step).
    await choosePin(page);
    await waitForSync(page, options.timeoutMs);
    let pageProfile: ProfileSummary | undefined;
    let idbStats: IdbStats | undefined;
    if (options.cpuProfile) {
      const { profile: cpu } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      pageProfile = summariseProfile(cpu);
      idbStats = (await page.evaluate('window.__idb')) as IdbStats;
    }
    if (profile === 'phone') {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
    const bench = (await page.evaluate('window.__bench')) as PageBench;
    if (bench.clickAt === undefined || bench.doneAt === undefined || bench.pinDoneAt === undefined)
      throw new Error(
        `the sync bar shows a finished sync, but the page saw ${JSON.stringify({ ...bench, longTasks: undefined })}: ` +
          `no click on "Đăng nhập", no PIN screen, or no "${LAST_SUCCESS_KEY}" written to IndexedDB (sync-engine.ts)`,
      );
    assertCspKept(context);
    const counted = await countRows(page);
    const verified = sameCounts(counted, expected);

    const all = [...net.values()];
    const t0 = Math.min(...all.map((r) => r.start));
    const pulls = all.filter((r) => r.url.includes('/api/sync/pull'));
    const api = all.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
    const pullWire = sum(pulls.map((r) => r.wireBytes));
    const records = totalRecords(expected);
    const timeline: TimelineEntry[] = api.map((r) => {
      const u = new URL(r.url);
      return {
        path: u.pathname + u.search,
        method: r.method,
        startMs: round((r.start - t0) * 1000),
        headersMs: r.headersAt ? round((r.headersAt - r.start) * 1000) : -1,
        endMs: r.end ? round((r.end - t0) * 1000) : -1,
        wireBytes: r.wireBytes,
        encoding: r.encoding,
      };
    });
    const longest = Math.max(0, ...bench.longTasks.map((t) => t.duration));
    return {
      profile,
      ms: round(bench.doneAt - bench.clickAt),
      pinStepMs: round(bench.pinDoneAt - bench.clickAt),
      verified,
      counted,
      pull: {
        requests: pulls.length,
        wireBytes: pullWire,
        bytesPerRecord: round(pullWire / records, 1),
        encoding: [...new Set(pulls.map((r) => r.encoding))].join(','),
        medianHeadersMs: round(
          median(pulls.filter((r) => r.headersAt).map((r) => ((r.headersAt as number) - r.start) * 1000)),
        ),
        spanMs: pulls.length
          ? round(
              (Math.max(...pulls.map((r) => r.end ?? r.start)) - Math.min(...pulls.map((r) => r.start))) *
                1000,
            )
          : 0,
      },
      requests: all.length,
      apiRequests: api.length,
      uploadBytes: sum(api.map((r) => r.uploadBytes)),
      longestTaskMs: round(longest),
      longTasksOver100ms: bench.longTasks.filter((t) => t.duration > 100).length,
      timeline,
      ...(pageProfile ? { pageProfile } : {}),
      ...(idbStats ? { idb: summariseIdb(idbStats, bench.clickAt) } : {}),
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}

export interface InitialSyncOptions {
  households: number;
  unthrottledRuns: number;
  /** More phone-profile runs are made only while one takes less than this. */
  phoneRunsIfFasterThanMs: number;
  /**
   * When the unthrottled median exceeds this, one more unthrottled run is made with the page's CPU
   * profiler and IndexedDB timers on, to show where the time goes (its time is not a result).
   */
  diagnoseIfOverMs: number;
}

export async function benchInitialSync(options: InitialSyncOptions): Promise<InitialSyncResult> {
  const started = Date.now();
  const profileDir = await mkdtemp(join(tmpdir(), 'ngo-so-cpuprof-'));
  const profileFile = join(profileDir, 'server.cpuprofile');
  const server = await startServer({ env: profilerEnv(profileFile) });
  const unregister = registerCleanup(() => server.stop());
  const serverStartMs = Date.now() - started;
  let browser: Browser | undefined;
  try {
    log(
      `initial sync: server at ${server.url} (log ${server.logFile}); seeding ${options.households} households…`,
    );
    const { username, expected, seedMs } = await seedMemberVillage(server.url, {
      name: 'Thôn Đo Hiệu Năng',
      households: options.households,
      seed: 21,
      username: 'to.vien.bench',
    });
    const records = totalRecords(expected);
    log(
      `initial sync: seeded ${records} records (${JSON.stringify(expected)}) in ${(seedMs / 1000).toFixed(1)} s`,
    );

    // The same pull as the member sees it, per content encoding, measured from Node.
    const memberToken = await loginAccount(server.url, username);
    const pullSizes: PullSize[] = [];
    for (const encoding of ['gzip', 'br', 'identity'] as Encoding[]) {
      pullSizes.push(
        await withTimeout(measurePullSize(server.url, memberToken, encoding), 120_000, 'pull size'),
      );
    }

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const runs: SyncRun[] = [];
    const one = async (profile: SyncProfile, timeoutMs: number, cpuProfile = false) => {
      const run = await withTimeout(
        syncOnce(browser as Browser, server.url, username, expected, profile, { timeoutMs, cpuProfile }),
        timeoutMs + 60_000,
        `${profile} sync`,
      );
      log(
        `initial sync ${profile}${cpuProfile ? ' (profiled)' : ''}: ${run.ms} ms (PIN step ended at ${run.pinStepMs} ms), ` +
          `${run.pull.requests} pulls, ` +
          `${run.pull.wireBytes} B (${run.pull.encoding}), verified=${run.verified}`,
      );
      return run;
    };
    for (let i = 0; i < options.unthrottledRuns; i++) runs.push(await one('unthrottled', 120_000));
    runs.push(await one('phone', 300_000));
    while (
      runs.filter((r) => r.profile === 'phone').length < 3 &&
      (runs.at(-1)?.ms ?? Number.POSITIVE_INFINITY) < options.phoneRunsIfFasterThanMs
    ) {
      runs.push(await one('phone', 300_000));
    }
    const msOf = (p: SyncProfile) => runs.filter((r) => r.profile === p).map((r) => r.ms);
    const over = median(msOf('unthrottled')) > options.diagnoseIfOverMs;
    const diagnosis = over ? await one('unthrottled', 120_000, true) : undefined;
    // The server's side of the same pull, alone: where its ~100 ms per page go.
    const serverPull = over
      ? await profileWhile(server.child.pid as number, profileFile, () =>
          measurePullSize(server.url, memberToken, 'gzip'),
        )
      : undefined;
    return {
      chromium: browser.version(),
      seeded: { ...expected, records, seedMs },
      serverStartMs,
      runs,
      unthrottled: { medianMs: median(msOf('unthrottled')), runsMs: msOf('unthrottled') },
      phone: { medianMs: median(msOf('phone')), runsMs: msOf('phone') },
      pullSizes,
      ...(diagnosis ? { diagnosis } : {}),
      ...(serverPull ? { serverPullProfile: { pull: serverPull.value, profile: serverPull.profile } } : {}),
    };
  } finally {
    unregister();
    await browser?.close().catch(() => undefined);
    await server.stop();
    await rm(profileDir, { recursive: true, force: true });
  }
}
