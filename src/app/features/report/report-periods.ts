import { periodKey, periodOfDay } from '../../../core/indicators/period';
import type { ReportRow } from '../../db/database';

/** The first quarter a report can be for: the plan was issued in August 2025 (Quý III/2025). */
export const FIRST_REPORT_QUARTER = '2025-Q3';

/**
 * The quarter a report screen opens on: the one just ended during a quarter's first month (reports are
 * written after the quarter, plan VI.8), else the current one.
 */
export function defaultReportQuarter(today: string): string {
  const current = periodOfDay(today, 'quarter');
  if (current.kind !== 'quarter') return periodKey(current);
  const month = Number(today.slice(5, 7));
  if ((month - 1) % 3 !== 0) return periodKey(current);
  return current.quarter === 1 ? `${current.year - 1}-Q4` : `${current.year}-Q${current.quarter - 1}`;
}

/** Quarters from the first to the current one, newest first. */
export function reportQuarters(today: string): string[] {
  const last = periodKey(periodOfDay(today, 'quarter'));
  const out: string[] = [];
  let year = Number(FIRST_REPORT_QUARTER.slice(0, 4));
  let quarter = Number(FIRST_REPORT_QUARTER.slice(6));
  for (;;) {
    const key = `${year}-Q${quarter}`;
    out.push(key);
    if (key >= last || out.length > 400) break;
    quarter = quarter === 4 ? 1 : quarter + 1;
    if (quarter === 1) year += 1;
  }
  return out.reverse();
}

export interface ReportState {
  /** The latest submitted version, if any: the scope has reported for the quarter. */
  submitted?: { version: number; submittedAt?: string | undefined };
  /** A draft newer than any submitted version (a first report, or a correction under way). */
  draft?: { version: number };
}

/** Where a scope's report for a quarter stands, from its versions. */
export function reportState(rows: readonly ReportRow[]): ReportState {
  const live = rows.filter((r) => !r.deletedAt).sort((a, b) => a.version - b.version);
  const submitted = live.filter((r) => r.status === 'submitted').at(-1);
  const latest = live.at(-1);
  return {
    ...(submitted ? { submitted: { version: submitted.version, submittedAt: submitted.submittedAt } } : {}),
    ...(latest && latest.status !== 'submitted' ? { draft: { version: latest.version } } : {}),
  };
}
