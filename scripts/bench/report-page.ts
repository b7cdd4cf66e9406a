/**
 * Bundled into a blank Chromium page by report.ts: generates the commune's data set in the page (13
 * villages of 2,000 households, ~260,000 records, the dashboard bench's seed) with 40 reporting units
 * and a year of activities, then times the quarterly report there: the composition (core/report,
 * what the dashboard's worker runs) and each export (the app's own export modules with exceljs, docx
 * and papaparse), on the page's main thread.
 */
import { exportReport } from '../../src/app/features/report/export';
import { generateDemoData } from '../../src/core/demo-data';
import { composeReport, type ReportInput } from '../../src/core/report/compose';
import type { QuarterReport } from '../../src/core/report/types';
import { ACTIVITY_KINDS, type UnitKind, type UnitTargetCode } from '../../src/core/schemas';
import { COMMUNE_OFFICE_ID } from '../../src/core/sync/scope';
import { demoIndicatorRows } from './demo-rows';

let input: ReportInput | undefined;
let last: QuarterReport | undefined;
let counter = 0;
const nextId = () => `00000000-0000-7000-8000-${(counter++).toString(16).padStart(12, '0')}`;

function load(
  villages: number,
  households: number,
  period: string,
  today: string,
): { records: number; units: number } {
  const generated = generateDemoData({
    now: new Date(`${today}T03:00:00Z`),
    newId: nextId,
    collectedBy: 'Tổ viên',
    villageCount: villages,
    householdsPerVillage: households,
    seed: 18,
  });
  const kinds: Array<[UnitKind, UnitTargetCode[]]> = [
    ['agency', ['a']],
    ['school', ['b']],
    ['enterprise', ['dd']],
    ['cooperative', ['dd']],
  ];
  const units = Array.from({ length: 40 }, (_, i) => {
    const [kind, codes] = kinds[i % kinds.length] as [UnitKind, UnitTargetCode[]];
    return { id: nextId(), name: `Đơn vị số ${i + 1}`, kind, codes };
  });
  // Every unit but every tenth has reported; a school by level, the others their pair.
  const unitFigures = units
    .filter((_, i) => i % 10 !== 9)
    .map((u, i) => ({
      unitId: u.id,
      period,
      ...(u.codes.includes('a') ? { staff: 40 + i, staffMeeting: 30 + i } : {}),
      ...(u.codes.includes('b')
        ? {
            primary: 300,
            primaryMeeting: 250,
            lowerSecondary: 400 + i,
            lowerSecondaryMeeting: 380,
            upperSecondary: 200,
            upperSecondaryMeeting: 190,
          }
        : {}),
      ...(u.codes.includes('dd') ? { workers: 120 + i, workersMeeting: 90 } : {}),
      trainings: 2,
      participants: 60,
      results: 'Tổ chức tập huấn kỹ năng số cho toàn bộ cán bộ, người lao động.',
    }));
  const villageIds = generated.map((g) => g.village.id);
  const activities = Array.from({ length: 600 }, (_, i) => ({
    villageId: villageIds[i % villageIds.length] as string,
    date: `${today.slice(0, 4)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    kind: ACTIVITY_KINDS[i % ACTIVITY_KINDS.length] ?? 'other',
    reach: 50 + (i % 200),
  }));
  const demo = demoIndicatorRows(generated);
  input = {
    level: 'commune',
    scopeId: COMMUNE_OFFICE_ID,
    scopeName: 'xã',
    period,
    today,
    composedAt: `${today}T03:00:00.000Z`,
    rows: demo.rows,
    units,
    unitFigures,
    activities,
    reports: [],
    texts: Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`task${i + 1}`, 'Đã triển khai theo kế hoạch.']),
    ),
    status: 'draft',
    version: 1,
  };
  return { records: demo.records, units: units.length };
}

function timeCompose(): { ms: number; snapshotBytes: number } {
  if (!input) throw new Error('load() first');
  const started = performance.now();
  last = composeReport(input);
  const ms = performance.now() - started;
  return { ms, snapshotBytes: JSON.stringify(last).length };
}

async function timeExport(
  format: 'xlsx' | 'docx' | 'csv',
): Promise<{ ms: number; bytes: number; fileName: string }> {
  if (!last) throw new Error('timeCompose() first');
  const started = performance.now();
  const file = await exportReport(last, format);
  const ms = performance.now() - started;
  return { ms, bytes: file.blob.size, fileName: file.fileName };
}

(globalThis as unknown as { benchReport: unknown }).benchReport = { load, timeCompose, timeExport };
