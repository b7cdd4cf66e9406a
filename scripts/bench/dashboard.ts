/**
 * Issue 18: how long the dashboard's figures take (DESIGN §6; issue 18, item 5).
 *
 * Part 1, the indicators module alone, in headless Chromium: scripts/bench/dashboard-page.ts is
 * bundled (esbuild) into a blank page, which generates the data set itself with the demo generator
 * (core/demo-data.ts, seed 18) and times src/core/indicators there with performance.now():
 * - one village of 2,000 households (~20,000 records: the phone's village), computeFigures for the
 *   current quarter, at 4× CPU slowdown (Emulation.setCPUThrottlingRate applies to the page's main
 *   thread; Chromium refuses it for workers, so the module is timed on the main thread here: the
 *   worker that runs it in the app is at least this fast). Budget 200 ms.
 * - the whole commune, 13 such villages (~260,000 records), computeCommune (the total and every
 *   village), unthrottled. Budget 1.5 s.
 * Each is run `runs` times after one warm-up run; the median is reported with every run.
 *
 * Part 2, the app (dashboard-app.ts): the screens themselves, with their worker and IndexedDB.
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/chromium';
import { log, median, round } from './util';

export const DASHBOARD_CPU_SLOWDOWN = 4;
export const DASHBOARD_HOUSEHOLDS = 2_000;
export const COMMUNE_VILLAGES = 13;
const PERIOD = '2026-Q4';
const REFERENCE_DAY = '2026-11-30';

export interface DashboardComputeResult {
  village: { records: number; cpuSlowdown: number; runsMs: number[]; medianMs: number };
  commune: { villages: number; records: number; runsMs: number[]; medianMs: number };
}

interface PageApi {
  load(villages: number, households: number): { records: number; perVillage: number };
  timeVillage(periodKey: string, referenceDay: string): number;
  timeCommune(periodKey: string, referenceDay: string): number;
}

/**
 * One IIFE of a bench page module and everything it imports, minified for the browser (esbuild).
 * @param entry the page module's path; `define`: compile-time replacements some libraries need
 */
export async function bundlePage(entry: string, define: Record<string, string> = {}): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    logLevel: 'error',
    define,
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild wrote nothing');
  return file.text;
}

export async function benchDashboardCompute(options: { runs: number }): Promise<DashboardComputeResult> {
  const script = await bundlePage(new URL('./dashboard-page.ts', import.meta.url).pathname);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: script });
    const cdp = await page.context().newCDPSession(page);
    const call = <K extends keyof PageApi>(name: K, ...args: Parameters<PageApi[K]>) =>
      page.evaluate(
        ([n, a]) => {
          const api = (
            globalThis as unknown as { benchDashboard: Record<string, (...x: unknown[]) => unknown> }
          ).benchDashboard;
          return api[n as string]?.(...(a as unknown[]));
        },
        [name, args] as const,
      ) as Promise<ReturnType<PageApi[K]>>;

    const one = await call('load', 1, DASHBOARD_HOUSEHOLDS);
    log(`dashboard: one village, ${one.records} records; timing at ${DASHBOARD_CPU_SLOWDOWN}× CPU`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: DASHBOARD_CPU_SLOWDOWN });
    await call('timeVillage', PERIOD, REFERENCE_DAY);
    const villageRuns: number[] = [];
    for (let i = 0; i < options.runs; i++)
      villageRuns.push(round(await call('timeVillage', PERIOD, REFERENCE_DAY), 1));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    const all = await call('load', COMMUNE_VILLAGES, DASHBOARD_HOUSEHOLDS);
    log(`dashboard: commune of ${COMMUNE_VILLAGES} villages, ${all.records} records; timing unthrottled`);
    await call('timeCommune', PERIOD, REFERENCE_DAY);
    const communeRuns: number[] = [];
    for (let i = 0; i < options.runs; i++)
      communeRuns.push(round(await call('timeCommune', PERIOD, REFERENCE_DAY), 1));
    return {
      village: {
        records: one.records,
        cpuSlowdown: DASHBOARD_CPU_SLOWDOWN,
        runsMs: villageRuns,
        medianMs: median(villageRuns),
      },
      commune: {
        villages: COMMUNE_VILLAGES,
        records: all.records,
        runsMs: communeRuns,
        medianMs: median(communeRuns),
      },
    };
  } finally {
    await browser.close();
  }
}
