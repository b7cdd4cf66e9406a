/**
 * `npm run bench`: the measurements of DESIGN §6 that tests must not time. One command, sequential
 * (the machine has 2 cores), everything on 127.0.0.1; prints a table and writes
 * bench-results/latest.json. What each number means: bench-results/README.md.
 *
 *   1. first-load JS: gzipped size of the entry script and its static imports (vite build).
 *   2. initial sync: ~20,000 records into an empty headless Chromium through the real login (and the
 *      PIN step meanwhile), unthrottled (median of 3) and on the phone profile (CDP throttling); bytes,
 *      requests, longest task.
 *   3. visit save: with those ~20,000 records in the phone, "nobody home" visits saved through the UI,
 *      offline; the app's `ngoso:visit-save` measure and tap → saved, median and p95.
 *   4. push throughput: changes/s a fresh server applies from 4 concurrent clients, PGlite and PostgreSQL.
 *   5. hostile requests: the largest answer and the slowest /api/health one client can cause, against
 *      a server with its production rate limits (issue 14).
 *   6. province day: a province's phones pushing and pulling a day's work against PostgreSQL through
 *      two server processes, scaled down (`--communes=N` of 100, default 5) and compressed (issue 16).
 *   7. backup: backup and restore of a 260,000-record commune on PGlite, the file's size, and how long a
 *      push waits while the backup runs (issue 16).
 *   8. import: a commune officer imports a village's register (2,000 households, 8,000 people, a
 *      TCVN3 XLSX) through the UI into an empty village: file → preview and confirm → summary, median
 *      of 3, and with 4× CPU slowdown; the longest main-thread task meanwhile; the file's size (issue 17).
 *   9. dashboard: the indicators module alone in a page (one village of ~20,000 records at 4× CPU, the
 *      commune's ~260,000 unthrottled, median of 5), then the screens on an officer's desk with the
 *      whole commune synced: commune table, a village's figures at 4× CPU, a period change; the longest
 *      main-thread task meanwhile (issue 18).
 *
 * Results over budget are reported, with a short diagnosis of where the time goes; they do not fail the
 * run (only the first-load budget does, as before). Errors (a sync that does not complete, rows missing
 * from IndexedDB, rejected pushes) do.
 *
 *   npm run bench                      everything (~8–10 minutes)
 *   npm run bench -- --only=sync,push  a subset: first-load, sync, visit-save, push, hostile, province,
 *                                      backup, import, dashboard
 *   npm run bench -- --no-diagnose     skip the diagnosis runs
 *
 * latest.json keeps the last results of the scenarios a subset run did not run (with the time each was
 * measured, `measuredAt`), so `--only=visit-save` does not throw away the last full run's numbers.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { projectRoot } from '../src/server/project.js';
import { benchBackup } from './bench/backup.js';
import { benchDashboardCompute, type DashboardComputeResult } from './bench/dashboard.js';
import { benchDashboardApp, type DashboardAppResult } from './bench/dashboard-app.js';
import { benchHostile } from './bench/hostile.js';
import { benchImport, IMPORT_CPU_SLOWDOWN, type ImportBenchResult } from './bench/import.js';
import { benchInitialSync, type InitialSyncResult, PHONE_PROFILE } from './bench/initial-sync.js';
import { benchLessons, type LessonsBenchResult } from './bench/lessons.js';
import { totalRecords, VILLAGE_HOUSEHOLDS } from './bench/phone-village.js';
import { benchProvinceDay, PROVINCE, type ProvinceDayResult } from './bench/province-day.js';
import { measurePushSteps, type PushSteps, withStepsDatabase } from './bench/push-steps.js';
import {
  type Backend,
  benchPush,
  diagnosePush,
  type PushDiagnosis,
  type PushResult,
  throwawayDatabase,
} from './bench/push-throughput.js';
import { benchReport, type ReportBenchResult } from './bench/report.js';
import { fmtInt, fmtKB, fmtMs, log, round, runCleanups } from './bench/util.js';
import { benchVisitSave, type VisitSaveResult } from './bench/visit-save.js';
import { measureFirstLoad } from './first-load-size.js';

const BUDGETS = {
  firstLoadGzipBytes: 150_000, // DESIGN §6: 150 KB, read as 1 kB = 1,000 bytes
  initialSyncUnthrottledMs: 2_000,
  initialSyncPhoneMs: 10_000,
  wireBytesPerRecord: 50,
  longestTaskMs: 100,
  visitSaveMs: 30, // p95 of the app's ngoso:visit-save measure, 20,000 records present
  pushPgliteChangesPerSecond: 5_000,
  pushPostgresChangesPerSecond: 20_000,
  dashboardVillageMs: 200, // issue 18: one village's figures at 4× CPU
  dashboardCommuneMs: 1_500, // issue 18: the commune's 13 villages, unthrottled
  reportComposeMs: 1_500, // issue 19: the commune's report, as the commune's figures (DESIGN §6)
};
const HARD_LIMIT_MS = 20 * 60_000;
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const SCENARIOS = [
  'first-load',
  'sync',
  'visit-save',
  'push',
  'hostile',
  'province',
  'backup',
  'import',
  'dashboard',
  'report',
  'lessons',
] as const;
type Scenario = (typeof SCENARIOS)[number];
/** The keys of latest.json each scenario writes. */
const SCENARIO_KEYS: Record<Scenario, string[]> = {
  'first-load': ['firstLoad'],
  sync: ['initialSync'],
  'visit-save': ['visitSave'],
  push: ['push', 'pushDiagnosis'],
  hostile: ['hostile'],
  province: ['provinceDay'],
  backup: ['backup'],
  import: ['import'],
  dashboard: ['dashboard'],
  report: ['report'],
  lessons: ['lessons'],
};

const args = process.argv.slice(2);
const only = new Set(
  (args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? SCENARIOS.join(',')).split(','),
);
const unknown = [...only].filter((s) => !(SCENARIOS as readonly string[]).includes(s));
if (unknown.length > 0) {
  console.error(`bench: unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`);
  process.exit(2);
}
const diagnose = !args.includes('--no-diagnose');
const communes = Number(args.find((a) => a.startsWith('--communes='))?.slice('--communes='.length) ?? 5);
if (!Number.isInteger(communes) || communes < 1 || communes > PROVINCE.communes) {
  console.error(`bench: --communes must be a whole number from 1 to ${PROVINCE.communes}`);
  process.exit(2);
}

interface Row {
  scenario: Scenario;
  name: string;
  result: string;
  budget: string;
  ok: boolean | undefined;
}

async function main(): Promise<void> {
  let aborting = false;
  const abort = (message: string, code: number) => {
    if (aborting) return; // a second Ctrl-C (or tsx relaying the first) while cleaning up
    aborting = true;
    console.error(message);
    void runCleanups().finally(() => process.exit(code));
  };
  const watchdog = setTimeout(
    () => abort(`bench: still running after ${HARD_LIMIT_MS / 60_000} minutes, giving up.`, 2),
    HARD_LIMIT_MS,
  );
  watchdog.unref();
  process.on('SIGINT', () => abort('bench: interrupted, cleaning up…', 130));
  process.on('SIGTERM', () => abort('bench: terminated, cleaning up…', 143));
  const started = Date.now();
  const rows: Row[] = [];
  const errors: string[] = [];
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '' },
    budgets: BUDGETS,
  };

  // 1. First-load JS (also the build every later step serves).
  log('building the app…');
  await build({ root: projectRoot, logLevel: 'warn' });
  let firstLoadOver = false;
  if (only.has('first-load')) {
    const firstLoad = measureFirstLoad(join(projectRoot, 'dist'));
    firstLoadOver = firstLoad.totalGzipBytes > BUDGETS.firstLoadGzipBytes;
    results.firstLoad = {
      gzipBytes: firstLoad.totalGzipBytes,
      rawBytes: firstLoad.totalBytes,
      budgetGzipBytes: BUDGETS.firstLoadGzipBytes,
      withinBudget: !firstLoadOver,
      files: firstLoad.files,
    };
    rows.push({
      scenario: 'first-load',
      name: 'first-load JS (gzip)',
      result: `${fmtKB(firstLoad.totalGzipBytes)} (${firstLoad.files.length} files, ${fmtKB(firstLoad.totalBytes)} raw)`,
      budget: `≤ ${fmtKB(BUDGETS.firstLoadGzipBytes)}`,
      ok: !firstLoadOver,
    });
  }

  // 2. Initial sync of a village into an empty browser.
  if (only.has('sync')) {
    try {
      const sync = await benchInitialSync({
        households: VILLAGE_HOUSEHOLDS,
        unthrottledRuns: 3,
        phoneRunsIfFasterThanMs: 12_000,
        diagnoseIfOverMs: diagnose ? BUDGETS.initialSyncUnthrottledMs : Number.POSITIVE_INFINITY,
      });
      results.initialSync = sync;
      syncRows(sync, rows, errors);
    } catch (error) {
      errors.push(`initial sync: ${(error as Error).message}`);
      log(`initial sync failed: ${(error as Error).stack}`);
    }
  }

  // 3. Saving a visit with a village's records in the phone.
  if (only.has('visit-save')) {
    try {
      const visitSave = await benchVisitSave({
        households: VILLAGE_HOUSEHOLDS,
        saves: 40,
        phoneSaves: 30,
        warmup: 3,
      });
      results.visitSave = visitSave;
      visitSaveRows(visitSave, rows, errors);
    } catch (error) {
      errors.push(`visit save: ${(error as Error).message}`);
      log(`visit save failed: ${(error as Error).stack}`);
    }
  }

  // 4. Push throughput, one backend after the other.
  if (only.has('push')) {
    const push: Record<string, PushResult> = {};
    const pushDiagnosis: Record<string, { steps?: PushSteps; profile?: PushDiagnosis }> = {};
    for (const backend of ['pglite', 'postgres'] as Backend[]) {
      const budget =
        backend === 'pglite' ? BUDGETS.pushPgliteChangesPerSecond : BUDGETS.pushPostgresChangesPerSecond;
      try {
        const result = await benchPush(backend, {
          clients: 4,
          batch: 500,
          warmupMs: 2_000,
          durationMs: 10_000,
          runs: 3,
          postgresAdminUrl: POSTGRES_ADMIN_URL,
        });
        push[backend] = result;
        const errorCount = result.runs.reduce((n, r) => n + r.errors, 0);
        if (errorCount > 0) errors.push(`push ${backend}: ${errorCount} failed or partly rejected pushes`);
        rows.push({
          scenario: 'push',
          name: `push ${backend} (4 clients × 500)`,
          result: `${fmtInt(result.changesPerSecondMedian)} changes/s (runs ${result.runs.map((r) => fmtInt(r.changesPerSecond)).join(' / ')})`,
          budget: `≥ ${fmtInt(budget)}/s`,
          ok: result.changesPerSecondMedian >= budget,
        });
        rows.push({
          scenario: 'push',
          name: `  push ${backend} latency`,
          result: `p50 ${fmtMs(result.p50MsMedian)}, p95 ${fmtMs(result.p95MsMedian)} per 500-change request`,
          budget: '–',
          ok: undefined,
        });
        if (diagnose && result.changesPerSecondMedian < budget) {
          log(`push ${backend}: under budget, timing the steps of a push and profiling the server…`);
          pushDiagnosis[backend] = await diagnosePushBackend(backend);
        }
      } catch (error) {
        errors.push(`push ${backend}: ${(error as Error).message}`);
        log(`push ${backend} failed: ${(error as Error).stack}`);
      }
    }
    results.push = push;
    if (Object.keys(pushDiagnosis).length > 0) results.pushDiagnosis = pushDiagnosis;
  }

  // 5. What one hostile client can cost everyone else.
  if (only.has('hostile')) {
    try {
      const hostile = await benchHostile();
      results.hostile = hostile;
      for (const c of hostile.cases) {
        const fiveXx = Object.entries(c.statuses).filter(([s]) => Number(s) >= 500);
        if (fiveXx.length > 0) errors.push(`hostile: ${c.name}: ${JSON.stringify(c.statuses)}`);
        rows.push({
          scenario: 'hostile',
          name: `hostile: ${c.name}`,
          result: `${JSON.stringify(c.statuses)}; largest answer ${fmtKB(c.largestAnswerBytes)}; slowest health ${fmtMs(c.slowestHealthMs)} (idle ${fmtMs(hostile.baselineHealthMs)})`,
          budget: 'no 5xx',
          ok: fiveXx.length === 0,
        });
      }
    } catch (error) {
      errors.push(`hostile: ${(error as Error).message}`);
      log(`hostile failed: ${(error as Error).stack}`);
    }
  }

  // 6. A province's field day on PostgreSQL, scaled down.
  if (only.has('province')) {
    try {
      const day = await benchProvinceDay({ communes, processes: 2, postgresAdminUrl: POSTGRES_ADMIN_URL });
      results.provinceDay = day;
      provinceRows(day, rows, errors);
    } catch (error) {
      errors.push(`province day: ${(error as Error).message}`);
      log(`province day failed: ${(error as Error).stack}`);
    }
  }

  // 7. Backup and restore of a commune (13 villages of DESIGN §6's size) on PGlite.
  if (only.has('backup')) {
    try {
      const backup = await benchBackup({ villages: 13, households: VILLAGE_HOUSEHOLDS });
      results.backup = backup;
      if (backup.restore.rows !== backup.backup.rows)
        errors.push(`backup: restored ${backup.restore.rows} rows of ${backup.backup.rows}`);
      const records = fmtInt(backup.records);
      rows.push({
        scenario: 'backup',
        name: `backup, ${records} records, PGlite, server running`,
        result: `${fmtMs(backup.backup.ms)} (read for ${fmtMs(backup.backup.transactionMs)}), ${fmtKB(backup.backup.bytes)}, ${backup.backup.bytesPerRecord} B/record; server memory ${backup.backup.rssBeforeMb} → ${backup.backup.rssPeakMb} MB`,
        budget: '–',
        ok: undefined,
      });
      rows.push({
        scenario: 'backup',
        name: '  a push while the backup runs',
        result: `waits up to ${fmtMs(backup.pushWait.duringMaxMs)} (${backup.pushWait.duringCount} pushes; ${backup.pushWait.beforeMedianMs} ms median before)`,
        budget: '–',
        ok: undefined,
      });
      rows.push({
        scenario: 'backup',
        name: `restore, ${records} records, into an empty PGlite`,
        result: `${fmtMs(backup.restore.processMs)} for npm run restore (${fmtMs(backup.restore.reportedMs)} as it reports)`,
        budget: '–',
        ok: undefined,
      });
    } catch (error) {
      errors.push(`backup: ${(error as Error).message}`);
      log(`backup failed: ${(error as Error).stack}`);
    }
  }

  // 8. A village's register imported through the UI (issue 17).
  if (only.has('import')) {
    try {
      const result = await benchImport({
        unthrottledRuns: 3,
        throttledRunsIfFasterThanMs: 15_000,
        diagnoseIfLongestTaskOverMs: diagnose ? BUDGETS.longestTaskMs : Number.POSITIVE_INFINITY,
      });
      results.import = result;
      importRows(result, rows);
    } catch (error) {
      errors.push(`import: ${(error as Error).message}`);
      log(`import failed: ${(error as Error).stack}`);
    }
  }

  // 9. The targets dashboard (issue 18).
  if (only.has('dashboard')) {
    try {
      const compute = await benchDashboardCompute({ runs: 5 });
      const app = await benchDashboardApp({ runs: 3 });
      results.dashboard = { compute, app };
      dashboardRows(compute, app, rows);
    } catch (error) {
      errors.push(`dashboard: ${(error as Error).message}`);
      log(`dashboard failed: ${(error as Error).stack}`);
    }
  }

  // 10. The quarterly report (issue 19).
  if (only.has('report')) {
    try {
      const result = await benchReport({ runs: 5 });
      results.report = result;
      reportRows(result, rows);
    } catch (error) {
      errors.push(`report: ${(error as Error).message}`);
      log(`report failed: ${(error as Error).stack}`);
    }
  }

  if (only.has('lessons')) {
    try {
      const result = benchLessons({ runs: 5 });
      results.lessons = result;
      lessonsRows(result, rows);
    } catch (error) {
      errors.push(`lessons: ${(error as Error).message}`);
      log(`lessons failed: ${(error as Error).stack}`);
    }
  }

  results.errors = errors;
  results.durationSeconds = round((Date.now() - started) / 1000);
  const dir = join(projectRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  const merged = keepEarlierResults(results, rows, file);
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);

  printTable(rows);
  printDiagnosis(results);
  for (const e of errors) console.log(`ERROR: ${e}`);
  console.log(`\nwritten to bench-results/latest.json (${round((Date.now() - started) / 1000)} s)`);
  clearTimeout(watchdog);
  if (errors.length > 0) process.exitCode = 1;
  else if (firstLoadOver) process.exitCode = 1;
}

function lessonsRows(result: LessonsBenchResult, rows: Row[]): void {
  const add = (name: string, text: string) =>
    rows.push({ scenario: 'lessons', name, result: text, budget: '–', ok: undefined });
  add(
    `question box, ${result.questions} questions over ${result.cards} cards`,
    `top 1 ${result.top1}%, top 3 ${result.top3}% (target top 3 ≥ 90%)`,
  );
  add('question box: index built (Node)', `${result.buildMs} ms median of 5`);
  add('question box: one question answered', `median ${result.askMedianMs} ms, p95 ${result.askP95Ms} ms`);
  add(
    `next step: ${fmtInt(result.people)} people of one village, 3 cards each`,
    `${result.nextCardsAllMs} ms median of 5`,
  );
  add(
    `cards to bring: ${fmtInt(result.households)} households`,
    `${result.householdCardsAllMs} ms median of 5`,
  );
}

function reportRows(result: ReportBenchResult, rows: Row[]): void {
  const add = (name: string, text: string, budget = '–', ok?: boolean) =>
    rows.push({ scenario: 'report', name, result: text, budget, ok });
  const runs = (list: readonly number[]) => list.map((ms) => fmtMs(ms)).join(' / ');
  add(
    `quarterly report, commune (${fmtInt(result.records)} records, ${result.units} units), composed, unthrottled`,
    `${fmtMs(result.compose.medianMs)} median (runs ${runs(result.compose.runsMs)}); snapshot ${result.compose.snapshotKb} kB`,
    `≤ ${fmtMs(BUDGETS.reportComposeMs)}`,
    result.compose.medianMs <= BUDGETS.reportComposeMs,
  );
  for (const [format, e] of Object.entries(result.exports)) {
    add(
      `  ${format.toUpperCase()} of that report (${e.fileName}, ${e.kb} kB)`,
      `${fmtMs(e.medianMs)} median (first ${fmtMs(e.firstMs)}; runs ${runs(e.runsMs)})`,
    );
  }
}

function dashboardRows(compute: DashboardComputeResult, app: DashboardAppResult, rows: Row[]): void {
  const add = (name: string, result: string, budget = '–', ok?: boolean) =>
    rows.push({ scenario: 'dashboard', name, result, budget, ok });
  const runs = (list: readonly number[]) => list.map((ms) => fmtMs(ms)).join(' / ');
  const { village, commune } = compute;
  add(
    `dashboard figures, one village (${fmtInt(village.records)} records), ${village.cpuSlowdown}× CPU, module alone`,
    `${fmtMs(village.medianMs)} median (runs ${runs(village.runsMs)})`,
    `≤ ${fmtMs(BUDGETS.dashboardVillageMs)}`,
    village.medianMs <= BUDGETS.dashboardVillageMs,
  );
  add(
    `dashboard figures, commune (${commune.villages} villages, ${fmtInt(commune.records)} records), unthrottled, module alone`,
    `${fmtMs(commune.medianMs)} median (runs ${runs(commune.runsMs)})`,
    `≤ ${fmtMs(BUDGETS.dashboardCommuneMs)}`,
    commune.medianMs <= BUDGETS.dashboardCommuneMs,
  );
  const screen = (r: DashboardAppResult['commune']) => runs(r.runs.map((x) => x.ms));
  add(
    `  commune screen, first open after the sync (every row read, copies built)`,
    `${fmtMs(app.firstOpen.ms)} (longest task ${fmtMs(app.firstOpen.longestTaskMs)})`,
  );
  add(
    `  commune screen, app reloaded, tap → ${commune.villages} villages' table (from the copies)`,
    `${fmtMs(app.commune.medianMs)} median (runs ${screen(app.commune)})`,
    `≤ ${fmtMs(BUDGETS.dashboardCommuneMs)}`,
    app.commune.medianMs <= BUDGETS.dashboardCommuneMs,
  );
  add(
    '  commune screen, period change (rows cached in the worker)',
    `${fmtMs(app.periodChange.medianMs)} median (runs ${screen(app.periodChange)})`,
  );
  add(
    `  village screen at ${app.village.cpuSlowdown}× CPU, app reloaded (page throttled; the worker cannot be)`,
    `${fmtMs(app.village.medianMs)} median (runs ${screen(app.village)})`,
  );
  const longest = Math.max(
    app.commune.longestTaskMs,
    app.periodChange.longestTaskMs,
    app.village.longestTaskMs,
  );
  add(
    '  longest main-thread task on these screens',
    `${fmtMs(longest)} (commune ${fmtMs(app.commune.longestTaskMs)}, period ${fmtMs(app.periodChange.longestTaskMs)}, village 4× ${fmtMs(app.village.longestTaskMs)})`,
    `≤ ${fmtMs(BUDGETS.longestTaskMs)}`,
    longest <= BUDGETS.longestTaskMs,
  );
}

function importRows(result: ImportBenchResult, rows: Row[]): void {
  const { file, unthrottled: u, throttled: t } = result;
  const runsOf = (profile: string, key: 'parseMs' | 'writeMs') =>
    result.runs
      .filter((r) => r.profile === profile)
      .map((r) => fmtMs(r[key]))
      .join(' / ');
  const add = (name: string, result: string, budget = '–', ok?: boolean) =>
    rows.push({ scenario: 'import', name, result, budget, ok });
  add(
    `import ${fmtInt(file.households)} households, ${fmtInt(file.residents)} people (TCVN3 XLSX, ${fmtKB(file.bytes)})`,
    `file → preview ${fmtMs(u.parseMedianMs)} median (runs ${runsOf('unthrottled', 'parseMs')})`,
  );
  add(
    '  confirm → summary (write)',
    `${fmtMs(u.writeMedianMs)} median (runs ${runsOf('unthrottled', 'writeMs')})`,
  );
  add(
    `  the same, ${IMPORT_CPU_SLOWDOWN}× CPU slowdown`,
    `preview ${fmtMs(t.parseMedianMs)}, write ${fmtMs(t.writeMedianMs)} (${t.runs === 1 ? '1 run' : `median of ${t.runs}`})`,
  );
  const over = (profile: string) =>
    result.runs.filter((r) => r.profile === profile).reduce((n, r) => n + r.longTasksOver100ms, 0);
  add(
    '  longest main-thread task',
    `${fmtMs(u.longestTaskMs)} unthrottled (${over('unthrottled')} over 100 ms in ${u.runs} runs), ` +
      `${fmtMs(t.longestTaskMs)} at ${IMPORT_CPU_SLOWDOWN}× (${over('cpu-4x')} over 100 ms in ${t.runs} runs)`,
    `≤ ${BUDGETS.longestTaskMs} ms`,
    Math.max(u.longestTaskMs, t.longestTaskMs) <= BUDGETS.longestTaskMs,
  );
}

function provinceRows(day: ProvinceDayResult, rows: Row[], errors: string[]): void {
  if (day.errors > 0) errors.push(`province day: ${day.errors} pushes failed or were partly rejected`);
  const add = (name: string, result: string) =>
    rows.push({ scenario: 'province', name, result, budget: '–', ok: undefined });
  add(
    `province day, ${day.scale}`,
    `${fmtInt(day.phones)} phones, ${fmtInt(day.changes)} changes in ${fmtMs(day.dayMs)}: ${fmtInt(day.changesPerSecond)} changes/s, ${day.processes} processes`,
  );
  for (const [name, f] of [
    ['push', day.push],
    ['pull', day.pull],
  ] as const) {
    add(
      `  ${name}`,
      `${fmtInt(f.requests)} requests, ${f.perSecond}/s; p50 ${fmtMs(f.p50Ms)}, p95 ${fmtMs(f.p95Ms)}, p99 ${fmtMs(f.p99Ms)}`,
    );
  }
  add(
    '  database',
    `${fmtInt(day.records)} records in ${fmtKB(day.databaseBytes)}: ${fmtKB(day.bytesPer100kRecords)} per 100,000 records`,
  );
  add(
    '  whole province (100 communes)',
    `${day.provinceDayMinutes} min of server time for its day (${round(day.provinceShareOfWorkday * 100, 1)}% of 8 h)`,
  );
}

async function diagnosePushBackend(
  backend: Backend,
): Promise<{ steps?: PushSteps; profile?: PushDiagnosis }> {
  const out: { steps?: PushSteps; profile?: PushDiagnosis } = {};
  const stepOptions = { batch: 500, warmup: 3, batches: 10 };
  try {
    if (backend === 'pglite') {
      out.steps = await withStepsDatabase(undefined, (db) => measurePushSteps(db, 'pglite', stepOptions));
    } else {
      const db = await throwawayDatabase(POSTGRES_ADMIN_URL);
      try {
        out.steps = await withStepsDatabase(db.url, (d) => measurePushSteps(d, 'postgres', stepOptions));
      } finally {
        await db.drop();
      }
    }
  } catch (error) {
    log(`push steps ${backend} failed: ${(error as Error).message}`);
  }
  try {
    out.profile = await diagnosePush(backend, {
      clients: 4,
      batch: 500,
      warmupMs: 1_000,
      durationMs: 6_000,
      runs: 1,
      postgresAdminUrl: POSTGRES_ADMIN_URL,
    });
  } catch (error) {
    log(`push profile ${backend} failed: ${(error as Error).message}`);
  }
  return out;
}

/**
 * This run's results, plus the last results of the scenarios it did not run, each with the time it was
 * measured. The table lists this run's rows first, then the kept ones.
 */
function keepEarlierResults(
  results: Record<string, unknown>,
  rows: Row[],
  file: string,
): Record<string, unknown> {
  let previous: Record<string, unknown> = {};
  try {
    if (existsSync(file)) previous = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    log('bench: latest.json unreadable, writing this run only');
  }
  const previousAt = (previous.measuredAt ?? {}) as Partial<Record<Scenario, string>>;
  const measuredAt: Partial<Record<Scenario, string>> = {};
  const table: Row[] = [...rows];
  const kept = withScenarios(
    (previous.table ?? []) as Array<Omit<Row, 'scenario'> & { scenario?: Scenario }>,
  );
  const out: Record<string, unknown> = { ...results };
  for (const scenario of SCENARIOS) {
    if (only.has(scenario)) {
      measuredAt[scenario] = results.date as string;
      continue;
    }
    const keys = SCENARIO_KEYS[scenario].filter((k) => previous[k] !== undefined);
    if (keys.length === 0) continue;
    for (const k of keys) out[k] = previous[k];
    measuredAt[scenario] = previousAt[scenario] ?? (previous.date as string);
    table.push(...kept.filter((r) => r.scenario === scenario));
  }
  return { ...out, measuredAt, table };
}

/** Rows written before rows named their scenario: an indented row belongs to the row above it. */
function withScenarios(rows: Array<Omit<Row, 'scenario'> & { scenario?: Scenario }>): Row[] {
  let current: Scenario = 'first-load';
  return rows.map((r) => {
    if (r.scenario) current = r.scenario;
    else if (!r.name.startsWith(' ')) {
      current = r.name.startsWith('first-load')
        ? 'first-load'
        : r.name.startsWith('initial sync')
          ? 'sync'
          : r.name.startsWith('visit save')
            ? 'visit-save'
            : 'push';
    }
    return { ...r, scenario: current };
  });
}

function visitSaveRows(result: VisitSaveResult, rows: Row[], errors: string[]): void {
  if (!result.verified) {
    errors.push(
      `visit save: IndexedDB held ${JSON.stringify(result.counted)} before saving, seeded ${JSON.stringify(result.seeded)}`,
    );
  }
  const { synced } = result;
  if (synced.serverVisits !== synced.expectedVisits || synced.outboxLeft !== 0 || synced.rejected !== 0) {
    errors.push(`visit save: after reconnecting ${JSON.stringify(synced)}`);
  }
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const spread = (s: { median: number; p95: number }) => `median ${ms(s.median)}, p95 ${ms(s.p95)}`;
  for (const run of result.runs) {
    const unthrottled = run.profile === 'unthrottled';
    rows.push({
      scenario: 'visit-save',
      name: unthrottled
        ? `visit save, ${fmtInt(totalRecords(result.seeded))} records present`
        : `visit save, ${run.cpuSlowdown}× CPU slowdown`,
      result: `${spread(run.repositoryMs)} (${run.saves} saves, offline; ngoso:visit-save)`,
      budget: unthrottled ? `≤ ${BUDGETS.visitSaveMs} ms (p95)` : '–',
      ok: unthrottled ? run.repositoryMs.p95 <= BUDGETS.visitSaveMs : undefined,
    });
    rows.push({
      scenario: 'visit-save',
      name: '  tap "Không có ai ở nhà" → saved',
      result: `toast ${spread(run.tapToSavedMs)}; in history ${spread(run.tapToHistoryMs)}`,
      budget: '–',
      ok: undefined,
    });
    rows.push({
      scenario: 'visit-save',
      name: '  tap "Ghé thăm" → visit screen',
      result: spread(run.openMs),
      budget: '–',
      ok: undefined,
    });
    rows.push({
      scenario: 'visit-save',
      name: '  bare IndexedDB transaction (1 put)',
      result: `${spread(run.idbFloorMs)}; machine load average ${run.loadAverage.join(' → ')} (2 cores)`,
      budget: '–',
      ok: undefined,
    });
  }
}

function syncRows(sync: InitialSyncResult, rows: Row[], errors: string[]): void {
  for (const run of sync.runs) {
    if (!run.verified) {
      errors.push(
        `initial sync (${run.profile}): IndexedDB holds ${JSON.stringify(run.counted)}, seeded ` +
          JSON.stringify(sync.seeded),
      );
    }
  }
  const unthrottled = sync.runs.filter((r) => r.profile === 'unthrottled');
  const phone = sync.runs.filter((r) => r.profile === 'phone');
  const first = unthrottled[0] ?? phone[0];
  const records = sync.seeded.records;
  rows.push({
    scenario: 'sync',
    name: `initial sync ${fmtInt(records)} records, unthrottled`,
    result: `${fmtMs(sync.unthrottled.medianMs)} median (runs ${sync.unthrottled.runsMs.map(fmtMs).join(' / ')})`,
    budget: `≤ ${fmtMs(BUDGETS.initialSyncUnthrottledMs)}`,
    ok: sync.unthrottled.medianMs <= BUDGETS.initialSyncUnthrottledMs,
  });
  rows.push({
    scenario: 'sync',
    name: 'initial sync, phone profile¹',
    result: `${fmtMs(sync.phone.medianMs)}${phone.length > 1 ? ` median of ${phone.length}` : ' (1 run)'}`,
    budget: `≤ ${fmtMs(BUDGETS.initialSyncPhoneMs)}`,
    ok: sync.phone.medianMs <= BUDGETS.initialSyncPhoneMs,
  });
  if (first) {
    rows.push({
      scenario: 'sync',
      name: '  pull on the wire (browser)',
      result:
        `${fmtKB(first.pull.wireBytes)} in ${first.pull.requests} requests, ${first.pull.bytesPerRecord} B/record ` +
        `(${first.pull.encoding}, headers included)`,
      budget: `≤ ${BUDGETS.wireBytesPerRecord} B/record`,
      ok: first.pull.bytesPerRecord <= BUDGETS.wireBytesPerRecord,
    });
  }
  const gzip = sync.pullSizes.find((p) => p.encoding === 'gzip');
  const identity = sync.pullSizes.find((p) => p.encoding === 'identity');
  if (gzip) {
    rows.push({
      scenario: 'sync',
      name: '  pull gzipped (Node client)',
      result: `${fmtKB(gzip.bodyBytes)}, ${gzip.bytesPerRow} B/record${identity ? `; ${fmtKB(identity.bodyBytes)} uncompressed` : ''}`,
      budget: `≤ ${BUDGETS.wireBytesPerRecord} B/record`,
      ok: gzip.bytesPerRow <= BUDGETS.wireBytesPerRecord,
    });
    rows.push({
      scenario: 'sync',
      name: '  pull served alone (Node, gzip)',
      result: `${fmtMs(gzip.ms)} for ${gzip.pages} pages, ${fmtMs(gzip.medianPageMs)} median per page`,
      budget: '–',
      ok: undefined,
    });
  }
  if (first) {
    rows.push({
      scenario: 'sync',
      name: '  requests after the click',
      result: `${first.requests} (${first.apiRequests} API: login + ${first.pull.requests} pulls), ${fmtKB(first.uploadBytes)} up`,
      budget: '–',
      ok: undefined,
    });
  }
  const longest = (list: typeof unthrottled) => Math.max(0, ...list.map((r) => r.longestTaskMs));
  // Over all runs of the profile, like the longest task beside it.
  const over100 = (list: typeof unthrottled) =>
    `${list.reduce((n, r) => n + r.longTasksOver100ms, 0)} over 100 ms in ${list.length} runs`;
  rows.push({
    scenario: 'sync',
    name: '  longest main-thread task',
    result:
      `${fmtMs(longest(unthrottled))} unthrottled (${over100(unthrottled)}), ` +
      `${fmtMs(longest(phone))} phone (${over100(phone)})`,
    budget: `≤ ${BUDGETS.longestTaskMs} ms`,
    ok: Math.max(longest(unthrottled), longest(phone)) <= BUDGETS.longestTaskMs,
  });
}

function printTable(rows: Row[]): void {
  const w = [
    Math.max(9, ...rows.map((r) => r.name.length)),
    Math.max(6, ...rows.map((r) => r.result.length)),
    Math.max(6, ...rows.map((r) => r.budget.length)),
  ];
  const line = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(w[0] as number)}  ${b.padEnd(w[1] as number)}  ${c.padEnd(w[2] as number)}  ${d}`;
  console.log('');
  console.log(line('benchmark', 'result', 'budget', ''));
  console.log(
    line('-'.repeat(w[0] as number), '-'.repeat(w[1] as number), '-'.repeat(w[2] as number), '----'),
  );
  for (const r of rows)
    console.log(line(r.name, r.result, r.budget, r.ok === undefined ? '' : r.ok ? 'ok' : 'OVER'));
  if (!rows.some((r) => r.name.includes('¹'))) return;
  console.log(
    `¹ ${PHONE_PROFILE.latencyMs} ms latency, ${fmtInt(PHONE_PROFILE.downloadBytesPerSecond)} B/s down, ` +
      `${fmtInt(PHONE_PROFILE.uploadBytesPerSecond)} B/s up, ${PHONE_PROFILE.cpuSlowdown}× CPU slowdown (CDP)`,
  );
}

/** A few lines on where the time goes, for the results that are over budget. */
function printDiagnosis(results: Record<string, unknown>): void {
  const sync = results.initialSync as InitialSyncResult | undefined;
  const d = sync?.diagnosis;
  const lines: string[] = [];
  if (d?.idb) {
    const i = d.idb;
    lines.push(
      `initial sync (profiled run, ${fmtMs(d.ms)}): ${i.writeTransactions} page transactions took ${fmtMs(i.txTotalMs)} ` +
        `in all (median ${fmtMs(medianOf(i.perTx.map((t) => t[1])))} per 1,000-row page); inside them ${fmtInt(i.getCalls)} get() ` +
        `= ${fmtMs(i.getSyncMs)} and ${fmtInt(i.putCalls)} put() = ${fmtMs(i.putSyncMs)} of synchronous IndexedDB calls; ` +
        `${fmtInt(i.cursorSteps)} cursor steps and ${i.readonlyTransactions} read-only transactions ran meanwhile (live queries).`,
    );
    const phone = sync?.runs.find((r) => r.profile === 'phone');
    if (phone) {
      const downloadMs = (phone.pull.wireBytes / PHONE_PROFILE.downloadBytesPerSecond) * 1000;
      lines.push(
        `  phone profile: its ${fmtKB(phone.pull.wireBytes)} need only ${fmtMs(downloadMs)} at ` +
          `${fmtInt(PHONE_PROFILE.downloadBytesPerSecond)} B/s (+ ${PHONE_PROFILE.latencyMs} ms per request, overlapped): ` +
          `the other ${fmtMs(phone.ms - downloadMs)} are the page's work at ${PHONE_PROFILE.cpuSlowdown}× CPU slowdown.`,
      );
    }
    if (d.pageProfile) {
      const areas = d.pageProfile.byArea.slice(0, 9).map((x) => `${x.area} ${fmtMs(x.ms)}`);
      lines.push(
        `  page CPU profile (${fmtMs(d.pageProfile.sampledMs)} sampled), self time: ${areas.join(', ')}`,
      );
    }
  }
  const sp = sync?.serverPullProfile;
  if (sp) {
    const areas = sp.profile.byArea.slice(0, 7).map((a) => `${a.area} ${a.share}%`);
    lines.push(
      `initial sync, server side: serving the ${sp.pull.pages} pages alone (gzip, one after the other) takes ` +
        `${fmtMs(sp.pull.ms)}, ${fmtMs(sp.pull.medianPageMs)} per page (profiled); server Node profile by area: ${areas.join(', ')}`,
    );
  }
  const pd = results.pushDiagnosis as
    | Record<string, { steps?: PushSteps; profile?: PushDiagnosis }>
    | undefined;
  for (const [backend, diag] of Object.entries(pd ?? {})) {
    if (diag.steps) {
      const s = diag.steps;
      const parts = Object.entries(s.medianMs)
        .filter(([, ms]) => ms >= 1)
        .map(([k, ms]) => `${k} ${ms}`)
        .join(', ');
      lines.push(
        `push ${backend}, one 500-change push step by step (ms, median): ${parts}; ${s.lockedMs} ms hold the ` +
          `sequence lock → at most ${fmtInt(s.lockBoundChangesPerSecond)} changes/s however many clients.`,
      );
    }
    if (diag.profile) {
      const p = diag.profile.profile;
      const areas = p.byArea.slice(0, 6).map((a) => `${a.area} ${a.share}%`);
      const cpu = diag.profile.run.cpuMsPer1000;
      lines.push(
        `  server CPU per 1,000 changes: Node ${cpu.server} ms` +
          (backend === 'postgres' ? `, PostgreSQL backends ${cpu.postgresBackends} ms` : '') +
          `; Node profile by area: ${areas.join(', ')}`,
      );
    }
  }
  const imp = results.import as ImportBenchResult | undefined;
  if (imp) {
    const worst = [...imp.runs].sort((a, b) => b.longestTaskMs - a.longestTaskMs)[0];
    if (worst && worst.longestTaskMs > BUDGETS.longestTaskMs) {
      const phases = worst.longTasks.map((t) => `${fmtMs(t.durationMs)} ${t.phase}`).join(', ');
      const areas = imp.diagnosis?.pageProfile?.byArea
        .filter((a) => a.area !== '(idle)')
        .slice(0, 6)
        .map((a) => `${a.area} ${fmtMs(a.ms)}`);
      lines.push(
        `import (${worst.profile}): longest tasks ${phases}` +
          (areas
            ? `; page CPU profile of a ${imp.diagnosis?.profile} run, self time: ${areas.join(', ')}`
            : ''),
      );
    }
  }
  if (lines.length > 0) {
    console.log('\nwhere the time goes (over-budget results):');
    for (const l of lines) console.log(`- ${l}`);
  }
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

await main();
