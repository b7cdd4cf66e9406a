/**
 * Bundled into a blank Chromium page by dashboard.ts: generates the commune's data set inside the page
 * (so 260,000 rows never cross the DevTools protocol) and times the indicators module there, on the
 * page's main thread, where Emulation.setCPUThrottlingRate applies (it cannot throttle a worker).
 */
import { generateDemoData } from '../../src/core/demo-data';
import { computeCommune, computeFigures, parsePeriodKey } from '../../src/core/indicators';
import type { IndicatorRows } from '../../src/core/indicators/types';
import { demoIndicatorRows } from './demo-rows';

let rows: IndicatorRows | undefined;
let villageIds: string[] = [];
let counter = 0;
/** UUID-shaped, unique and cheap: the generator's ids only need to be distinct. */
const nextId = () => `00000000-0000-7000-8000-${(counter++).toString(16).padStart(12, '0')}`;

function load(villages: number, households: number): { records: number; perVillage: number } {
  const generated = generateDemoData({
    now: new Date('2026-11-30T03:00:00Z'),
    newId: nextId,
    collectedBy: 'Tổ viên',
    villageCount: villages,
    householdsPerVillage: households,
    seed: 18,
  });
  const { rows: all, records } = demoIndicatorRows(generated);
  rows = all;
  villageIds = all.villages.map((v) => v.id);
  return { records, perVillage: Math.round(records / villages) };
}

function timeVillage(periodKey: string, referenceDay: string): number {
  const period = parsePeriodKey(periodKey);
  if (!rows || !period) throw new Error('load() first');
  const started = performance.now();
  computeFigures(rows, { villageIds: villageIds.slice(0, 1), period, referenceDay });
  return performance.now() - started;
}

function timeCommune(periodKey: string, referenceDay: string): number {
  const period = parsePeriodKey(periodKey);
  if (!rows || !period) throw new Error('load() first');
  const started = performance.now();
  computeCommune(rows, period, referenceDay, villageIds);
  return performance.now() - started;
}

(globalThis as unknown as { benchDashboard: unknown }).benchDashboard = { load, timeVillage, timeCommune };
