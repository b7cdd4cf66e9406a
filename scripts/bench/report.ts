/**
 * Issue 19: the quarterly report from the commune's whole data set, in headless Chromium, unthrottled
 * (the officer's PC). scripts/bench/report-page.ts is bundled (esbuild, with the export libraries) into
 * a blank page that generates ~260,000 records (13 villages × 2,000 households, the dashboard bench's
 * generator and seed), 40 reporting units and 600 activities, then times:
 * - composeReport for the commune (every village's part, every unit, the 20 tasks): `runs` runs after
 *   one warm-up, median reported; and the frozen snapshot's size;
 * - each export of that report (XLSX with exceljs, DOCX with docx, CSV with papaparse): the first run
 *   (the library's first use) and the median of `runs` more.
 * In the app the composition runs in the dashboard's worker after the rows are read from IndexedDB;
 * that read is the dashboard's (bench scenario `dashboard`, "commune screen").
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/chromium';
import { bundlePage, COMMUNE_VILLAGES, DASHBOARD_HOUSEHOLDS } from './dashboard';
import { log, median, round } from './util';

const PERIOD = '2026-Q4';
const TODAY = '2026-11-30';
const FORMATS = ['xlsx', 'docx', 'csv'] as const;

export interface ReportBenchResult {
  records: number;
  units: number;
  compose: { runsMs: number[]; medianMs: number; snapshotKb: number };
  exports: Record<
    (typeof FORMATS)[number],
    { firstMs: number; runsMs: number[]; medianMs: number; kb: number; fileName: string }
  >;
}

export async function benchReport(options: { runs: number }): Promise<ReportBenchResult> {
  // exceljs's browser build reads `process.env` and `global`.
  const script = await bundlePage(new URL('./report-page.ts', import.meta.url).pathname, {
    'process.env.NODE_ENV': '"production"',
    global: 'globalThis',
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: script });
    const call = <T>(name: string, ...args: unknown[]) =>
      page.evaluate(
        ([n, a]) => {
          const api = (globalThis as unknown as { benchReport: Record<string, (...x: unknown[]) => unknown> })
            .benchReport;
          return api[n as string]?.(...(a as unknown[]));
        },
        [name, args] as const,
      ) as Promise<T>;
    const loaded = await call<{ records: number; units: number }>(
      'load',
      COMMUNE_VILLAGES,
      DASHBOARD_HOUSEHOLDS,
      PERIOD,
      TODAY,
    );
    log(`report: commune of ${COMMUNE_VILLAGES} villages, ${loaded.records} records, ${loaded.units} units`);
    await call('timeCompose');
    const composeRuns: number[] = [];
    let snapshotBytes = 0;
    for (let i = 0; i < options.runs; i++) {
      const r = await call<{ ms: number; snapshotBytes: number }>('timeCompose');
      composeRuns.push(round(r.ms, 1));
      snapshotBytes = r.snapshotBytes;
    }
    const exports = {} as ReportBenchResult['exports'];
    for (const format of FORMATS) {
      const first = await call<{ ms: number; bytes: number; fileName: string }>('timeExport', format);
      const runs: number[] = [];
      for (let i = 0; i < options.runs; i++)
        runs.push(round((await call<{ ms: number }>('timeExport', format)).ms, 1));
      exports[format] = {
        firstMs: round(first.ms, 1),
        runsMs: runs,
        medianMs: median(runs),
        kb: round(first.bytes / 1024, 1),
        fileName: first.fileName,
      };
    }
    return {
      records: loaded.records,
      units: loaded.units,
      compose: {
        runsMs: composeRuns,
        medianMs: median(composeRuns),
        snapshotKb: round(snapshotBytes / 1024, 1),
      },
      exports,
    };
  } finally {
    await browser.close();
  }
}
