/**
 * What the dashboard's worker does (issue 18, item 5: figures off the main thread): it reads a
 * village's rows from IndexedDB itself, keeps them per village until told they changed, and answers
 * with figures, trends and drill-down lists. The page never holds the rows, only the answers: a
 * commune's 260,000 records copied to the page would block it longer than computing on them.
 *
 * Runs in a Web Worker (dashboard.worker.ts) and, for component tests under jsdom, in the page
 * (dashboard-client.ts `setDashboardWorkerFactoryForTests`).
 */

import {
  computeCommune,
  computeFigures,
  drillDown,
  parsePeriodKey,
  periodBounds,
  periodKey,
  quartersOfTrend,
} from '../../../core/indicators';
import type {
  CommuneFigures,
  DrillKey,
  DrillList,
  Figures,
  IndicatorRows,
  Period,
  TargetFigure,
  TargetLike,
} from '../../../core/indicators/types';
import type { LessonCard } from '../../../core/lessons/card';
import { composeReport, type ReportInput } from '../../../core/report/compose';
import type { QuarterReport } from '../../../core/report/types';
import { ANY_VILLAGE } from '../../db/data-versions';
import { getDb, type NgoSoDatabase } from '../../db/database';
import {
  assistOfRow,
  decodeSnapshot,
  encodeSnapshot,
  SNAPSHOT_FORMAT,
  type VillageRows,
} from './snapshot-codec';

/** One quarter of the trend chart: the three targets every village has. */
export interface TrendPoint {
  /** "2025-Q3". */
  period: string;
  c: TargetFigure;
  d: TargetFigure;
  id: TargetFigure;
}

/** What the page asks of the dashboard worker (comlink passes the calls and their answers). */
export interface DashboardWorkerApi {
  /**
   * Every figure of `villageIds` counted together for a period key ("2025-Q4" or "2025") as of
   * `referenceDay` ("YYYY-MM-DD", the commune's today).
   */
  figures(villageIds: readonly string[], period: string, referenceDay: string): Promise<Figures>;
  /** The commune view: the villages together and each alone. */
  commune(villageIds: readonly string[], period: string, referenceDay: string): Promise<CommuneFigures>;
  /**
   * The `n` quarters ending with the period's (last) quarter, oldest first, with c, d and id. A past
   * quarter is counted as of its own last day, the current one as of `referenceDay`.
   */
  trend(
    villageIds: readonly string[],
    period: string,
    n: number,
    referenceDay: string,
  ): Promise<TrendPoint[]>;
  /**
   * The people or households behind one number; with `cards` (the lesson cards in use), each person
   * names the card to bring next (issue 20).
   */
  drill(
    villageIds: readonly string[],
    period: string,
    referenceDay: string,
    key: DrillKey,
    cards?: readonly LessonCard[],
  ): Promise<DrillList>;
  /**
   * The quarterly report (issue 19) over the register of `villageIds` (the commune's, a village's, or
   * none for a unit) and what the page read itself (units, their figures, activities, reports, texts).
   */
  report(villageIds: readonly string[], input: Omit<ReportInput, 'rows'>): Promise<QuarterReport>;
  /**
   * Forgets the cached rows of these villages, and the targets when `targets`; everything when
   * `villageIds` is undefined.
   */
  invalidate(villageIds?: readonly string[], targets?: boolean): Promise<void>;
}

/**
 * The worker's implementation over a database (the app's own by default). Rows load on first use,
 * village by village through the villageId indexes, and stay cached until `invalidate`.
 */
export function dashboardWorkerApi(
  openDb: () => NgoSoDatabase = getDb,
  /** Tests only: runs between a village's read and the storing of its snapshot. */
  afterRead?: () => Promise<void>,
): DashboardWorkerApi {
  const villages = new Map<string, Promise<VillageRows>>();
  let targets: Promise<TargetLike[]> | undefined;

  function villageRows(villageId: string): Promise<VillageRows> {
    let rows = villages.get(villageId);
    if (!rows) {
      rows = loadVillage(openDb(), villageId, afterRead);
      villages.set(villageId, rows);
      // A failed read (a database closed by an upgrade in another tab) is retried next time.
      rows.catch(() => villages.delete(villageId));
    }
    return rows;
  }

  async function rowsOf(villageIds: readonly string[]): Promise<IndicatorRows> {
    targets ??= openDb().targets.toArray();
    const [parts, targetRows] = await Promise.all([Promise.all(villageIds.map(villageRows)), targets]);
    if (parts.length === 1 && parts[0]) return { ...parts[0], targets: targetRows };
    const joined: IndicatorRows = {
      villages: parts.flatMap((p) => p.villages),
      households: parts.flatMap((p) => p.households),
      residents: parts.flatMap((p) => p.residents),
      visits: parts.flatMap((p) => p.visits),
      assists: parts.flatMap((p) => p.assists),
      classes: parts.flatMap((p) => p.classes),
      attendance: parts.flatMap((p) => p.attendance),
      targets: targetRows,
    };
    return joined;
  }

  return {
    async figures(villageIds, period, referenceDay) {
      const rows = await rowsOf(villageIds);
      return computeFigures(rows, { villageIds, period: periodOf(period), referenceDay });
    },
    async commune(villageIds, period, referenceDay) {
      const rows = await rowsOf(villageIds);
      return computeCommune(rows, periodOf(period), referenceDay, villageIds);
    },
    async trend(villageIds, period, n, referenceDay) {
      const rows = await rowsOf(villageIds);
      return quartersOfTrend(periodOf(period), n).map((quarter) => {
        const lastDay = periodBounds(quarter).lastDay;
        const day = lastDay.localeCompare(referenceDay) < 0 ? lastDay : referenceDay;
        const { targets: t } = computeFigures(rows, { villageIds, period: quarter, referenceDay: day });
        return { period: periodKey(quarter), c: t.c, d: t.d, id: t.id };
      });
    },
    async drill(villageIds, period, referenceDay, key, cards) {
      const rows = await rowsOf(villageIds);
      return drillDown(rows, { villageIds, period: periodOf(period), referenceDay }, key, cards);
    },
    async report(villageIds, input) {
      const rows = await rowsOf(villageIds);
      return composeReport({ ...input, rows });
    },
    async invalidate(villageIds, dropTargets = false) {
      if (dropTargets) targets = undefined;
      if (!villageIds) {
        villages.clear();
        targets = undefined;
        return;
      }
      for (const id of villageIds) villages.delete(id);
    },
  };
}

/** A period key the page sent; a wrong one is a bug of the page, not a state to show. */
function periodOf(key: string): Period {
  const period = parsePeriodKey(key);
  if (!period) throw new RangeError(`Not a period: "${key}"`);
  return period;
}

/**
 * A village's rows, from its snapshot when one still holds (one string of a few MB read and parsed where
 * reading the rows themselves takes seconds), else from the tables, leaving a new snapshot behind.
 * The snapshot keeps only what the indicators read (no phone, sex, notes or clocks): snapshot-codec.ts.
 */
async function loadVillage(
  db: NgoSoDatabase,
  villageId: string,
  afterRead?: () => Promise<void>,
): Promise<VillageRows> {
  const held = await db.transaction('r', [db.dataVersions, db.indicatorSnapshots], async () => {
    const [snapshot, village, any] = await Promise.all([
      db.indicatorSnapshots.get(villageId),
      db.dataVersions.get(villageId),
      db.dataVersions.get(ANY_VILLAGE),
    ]);
    return snapshot &&
      snapshot.format === SNAPSHOT_FORMAT &&
      snapshot.verno === db.verno &&
      snapshot.stamp === (village?.stamp ?? '') &&
      snapshot.anyStamp === (any?.stamp ?? '')
      ? snapshot.text
      : undefined;
  });
  if (held !== undefined) {
    // A damaged copy is only a slower start: the rows are read again below.
    let rows: VillageRows | undefined;
    try {
      rows = decodeSnapshot(held, villageId);
    } catch {
      rows = undefined;
    }
    if (rows) return rows;
  }

  const { rows, stamp, anyStamp } = await readVillage(db, villageId);
  const text = encodeSnapshot(rows);
  await afterRead?.();
  // Kept only if no write came between the read and now (the write would have changed a stamp).
  await db.transaction('rw', [db.dataVersions, db.indicatorSnapshots], async () => {
    const [village, any] = await Promise.all([
      db.dataVersions.get(villageId),
      db.dataVersions.get(ANY_VILLAGE),
    ]);
    if ((village?.stamp ?? '') !== stamp || (any?.stamp ?? '') !== anyStamp) return;
    await db.indicatorSnapshots.put({
      villageId,
      stamp,
      anyStamp,
      verno: db.verno,
      format: SNAPSHOT_FORMAT,
      text,
    });
  });
  return rows;
}

/** One village's rows through the villageId indexes and its stamps, in one read transaction. */
async function readVillage(
  db: NgoSoDatabase,
  villageId: string,
): Promise<{ rows: VillageRows; stamp: string; anyStamp: string }> {
  return db.transaction(
    'r',
    [
      db.villages,
      db.households,
      db.residents,
      db.visits,
      db.assists,
      db.classes,
      db.attendance,
      db.dataVersions,
    ],
    async () => {
      const [village, households, residents, visits, assists, classes, attendance, stamp, anyStamp] =
        await Promise.all([
          db.villages.get(villageId),
          db.households.where('villageId').equals(villageId).toArray(),
          db.residents.where('villageId').equals(villageId).toArray(),
          db.visits.where('villageId').equals(villageId).toArray(),
          db.assists.where('villageId').equals(villageId).toArray(),
          db.classes.where('villageId').equals(villageId).toArray(),
          db.attendance.where('villageId').equals(villageId).toArray(),
          db.dataVersions.get(villageId),
          db.dataVersions.get(ANY_VILLAGE),
        ]);
      const rows: VillageRows = {
        villages: village ? [village] : [],
        households,
        residents,
        visits,
        assists: assists.map(assistOfRow),
        classes,
        attendance,
      };
      return { rows, stamp: stamp?.stamp ?? '', anyStamp: anyStamp?.stamp ?? '' };
    },
  );
}
