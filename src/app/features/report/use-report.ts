/**
 * What a report screen reads (issue 19): whose report a scope id is, what the account may do with
 * it, and the composed report — the frozen snapshot of a submitted version, else composed afresh in
 * the dashboard's worker from the register and the small tables read here (units, their figures,
 * activities, other reports and the draft's own texts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef } from 'react';
import { periodBounds } from '../../../core/indicators/period';
import { quarterOf } from '../../../core/report/compose';
import { readSnapshot } from '../../../core/report/snapshot-schema';
import type { QuarterReport } from '../../../core/report/types';
import type { ReportLevel } from '../../../core/schemas';
import { COMMUNE_OFFICE_ID } from '../../../core/sync/scope';
import { getDb, type ReportRow } from '../../db/database';
import { mayWriteReport } from '../../db/reporting-access';
import { communeToday, nowIso } from '../../state/commune-clock';
import { useSession } from '../../sync/session';
import { type Answer, useCommuneVillages, useWorkerAnswer } from '../dashboard/use-dashboard';

export interface ReportScope {
  scopeId: string;
  level: ReportLevel;
  /** "Thôn Nà Mọ", a unit's name, or the commune's ("xã", the issuing body when set). */
  name: string;
  /** The villages whose register the report counts. */
  villageIds: string[];
  mayRead: boolean;
  mayWrite: boolean;
}

/** Undefined while loading; null for a scope this phone does not know. */
export function useReportScope(scopeId: string): ReportScope | null | undefined {
  const user = useSession((s) => s.session?.user);
  const communeVillages = useCommuneVillages();
  const found = useLiveQuery(async () => {
    const db = getDb();
    if (scopeId === COMMUNE_OFFICE_ID) return { level: 'commune' as const, name: 'xã' };
    const unit = await db.reportingUnits.get(scopeId);
    if (unit && !unit.deletedAt) return { level: 'unit' as const, name: unit.name };
    const village = await db.villages.get(scopeId);
    if (village && !village.deletedAt) return { level: 'village' as const, name: village.name };
    return null;
  }, [scopeId]);
  if (found === undefined || (found?.level === 'commune' && communeVillages === undefined)) return undefined;
  if (found === null) return null;
  const role = user?.role;
  const mayRead =
    role === 'commune' || (found.level !== 'commune' && (user?.villageIds.includes(scopeId) ?? false));
  return {
    scopeId,
    level: found.level,
    name: found.name,
    villageIds:
      found.level === 'commune'
        ? (communeVillages ?? []).map((v) => v.id)
        : found.level === 'village'
          ? [scopeId]
          : [],
    mayRead,
    mayWrite: mayRead && mayWriteReport(scopeId),
  };
}

/** Every version of the scope's report for the quarter, oldest first. */
export function useReportVersions(scopeId: string, period: string): ReportRow[] | undefined {
  return useLiveQuery(
    async () =>
      (await getDb().reports.where('period').equals(period).toArray())
        .filter((r) => r.villageId === scopeId && !r.deletedAt)
        .sort((a, b) => a.version - b.version),
    [scopeId, period],
  );
}

/** The frozen report of a submitted row, or undefined (a draft, or a snapshot that is not a report). */
export function frozenReport(row: ReportRow | undefined): QuarterReport | undefined {
  return row?.status === 'submitted' ? readSnapshot(row.snapshot) : undefined;
}

/**
 * The report of `scope` for `period`: the snapshot when `row` is submitted, else composed now with
 * the row's texts (or none, before a draft exists).
 */
export function useComposedReport(
  scope: ReportScope | null | undefined,
  period: string,
  row: ReportRow | undefined,
): Answer<QuarterReport> {
  const frozen = frozenReport(row);
  // A period that is not a quarter key never reaches here from the page; a safe one keeps hooks in order.
  const quarter = quarterOf(/^\d{4}-Q[1-4]$/.test(period) ? period : '2025-Q4');
  const { firstDay, lastDay } = periodBounds(quarter);
  const small = useLiveQuery(async () => {
    const db = getDb();
    const [units, unitFigures, activities, reports] = await Promise.all([
      db.reportingUnits.toArray(),
      db.unitFigures.where('period').between(`${quarter.year}-Q1`, period, true, true).toArray(),
      db.activities.where('date').between(firstDay, lastDay, true, true).toArray(),
      db.reports.where('period').equals(period).toArray(),
    ]);
    return { units, unitFigures, activities, reports };
  }, [period, firstDay, lastDay, quarter.year]);
  const today = communeToday();
  // Everything the composition reads beyond the register, as a key: a change to any of it (a unit's
  // figures entered on this PC, a draft's text saved) asks again; the register has its own versions.
  const stamp = small
    ? [small.units, small.unitFigures, small.activities, small.reports]
        .map((list) => list.map((r) => `${r.id}@${r.updatedAt}`).join(','))
        .join('|')
    : 'loading';
  const ready = scope && small && !frozen;
  const answer = useWorkerAnswer(
    `report ${scope?.scopeId} ${period} ${today} ${row?.id}@${row?.updatedAt} ${scope?.villageIds.join(',')} ${stamp}`,
    (api) => {
      if (!ready || !scope || !small) return new Promise<QuarterReport>(() => {});
      const texts: Record<string, string | undefined> = {};
      for (const [key, value] of Object.entries(row ?? {})) if (typeof value === 'string') texts[key] = value;
      return api.report(scope.villageIds, {
        level: scope.level,
        scopeId: scope.scopeId,
        scopeName: scope.name,
        period,
        today,
        composedAt: nowIso(),
        units: small.units.map(({ id, name, kind, codes, deletedAt }) => ({
          id,
          name,
          kind,
          codes,
          deletedAt,
        })),
        unitFigures: small.unitFigures.map(
          ({ villageId: _v, id: _i, clocks: _c, createdAt: _cr, updatedAt: _u, ...f }) => f,
        ),
        activities: small.activities.map(({ villageId, date, kind, reach, deletedAt }) => ({
          villageId,
          date,
          kind,
          reach,
          deletedAt,
        })),
        reports: small.reports.map(({ villageId, period: p, status, deletedAt }) => ({
          villageId,
          period: p,
          status,
          deletedAt,
        })),
        texts,
        status: 'draft',
        version: row?.version ?? 1,
      });
    },
  );
  // While a saved text or new data is composed again, the report on screen stays (and its buttons
  // with it); only another scope or quarter starts from nothing.
  const last = useRef<{ key: string; value: QuarterReport } | undefined>(undefined);
  const identity = `${scope?.scopeId} ${period} ${row?.version}`;
  if (answer.state === 'ready') last.current = { key: identity, value: answer.value };
  if (frozen) return { state: 'ready', value: frozen };
  // Submitted, but what was frozen cannot be read: said so (the page still offers a correction).
  if (row?.status === 'submitted') return { state: 'failed', error: new Error('unreadable snapshot') };
  if (answer.state === 'loading' && last.current?.key === identity)
    return { state: 'ready', value: last.current.value };
  return answer;
}
