/**
 * Reporting periods of the commune (issue 18; plan VI.8: every unit reports each quarter): quarters and
 * years of the calendar in Asia/Ho_Chi_Minh. Vietnam is UTC+7 all year with no daylight saving
 * (dates.ts), so a period's bounds are fixed instants and pure code gives the same answer on a phone,
 * in a worker and on the server.
 */
import { addDays, localDay, VIETNAM_OFFSET_MINUTES } from '../dates';
import { MAX_TARGET_YEAR, MIN_TARGET_YEAR } from '../schemas';
import type { Period, PeriodBounds } from './types';

/** The local day ("YYYY-MM-DD", Vietnam) of an instant: how a visit's time falls into a period. */
export const dayOfInstant = localDay;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** 00:00 of `day` in Vietnam, as a UTC ISO instant ("2025-09-30T17:00:00.000Z" for "2025-10-01"). */
export function vietnamMidnight(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MINUTES * 60_000).toISOString();
}

/**
 * First and last day of a period (both inclusive) and the instants they stand for: 00:00 of the first
 * day in Vietnam and 00:00 of the day after the last (exclusive). Q1 is January–March, Q4
 * October–December; a year runs 1 January to 31 December.
 */
export function periodBounds(period: Period): PeriodBounds {
  const firstMonth = period.kind === 'year' ? 1 : (period.quarter - 1) * 3 + 1;
  const lastMonth = period.kind === 'year' ? 12 : period.quarter * 3;
  const firstDay = `${pad(period.year, 4)}-${pad(firstMonth, 2)}-01`;
  // The first day of the month after the last, less one day: no table of month lengths or leap years.
  const nextMonthFirst =
    lastMonth === 12
      ? `${pad(period.year + 1, 4)}-01-01`
      : `${pad(period.year, 4)}-${pad(lastMonth + 1, 2)}-01`;
  const lastDay = addDays(nextMonthFirst, -1);
  return {
    firstDay,
    lastDay,
    startInstant: vietnamMidnight(firstDay),
    endInstant: vietnamMidnight(nextMonthFirst),
  };
}

/** The quarter or year a local day ("YYYY-MM-DD") belongs to. */
export function periodOfDay(day: string, kind: Period['kind']): Period {
  const year = Number(day.slice(0, 4));
  if (kind === 'year') return { kind, year };
  const month = Number(day.slice(5, 7));
  return { kind, year, quarter: (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
}

/** A period as text for URLs and storage: "2025-Q4" for a quarter, "2025" for a year. */
export function periodKey(period: Period): string {
  return period.kind === 'year' ? pad(period.year, 4) : `${pad(period.year, 4)}-Q${period.quarter}`;
}

/**
 * The inverse of periodKey ("2025-Q4", "2025-q4", " 2025 "); undefined for anything else, and for a
 * year outside MIN_TARGET_YEAR–MAX_TARGET_YEAR (2020–2100).
 */
export function parsePeriodKey(text: string): Period | undefined {
  const match = /^(\d{4})(?:-[Qq]([1-4]))?$/.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  // The years a target can be set for (schemas.ts): a year like 9999 has no next day to end on.
  if (year < MIN_TARGET_YEAR || year > MAX_TARGET_YEAR) return undefined;
  if (match[2] === undefined) return { kind: 'year', year };
  return { kind: 'quarter', year, quarter: Number(match[2]) as 1 | 2 | 3 | 4 };
}

/**
 * The `n` quarters ending with the period's last quarter (Q4 for a year), oldest first: the trend
 * chart's columns. `n` below 1 gives none.
 */
export function quartersOfTrend(period: Period, n: number): Period[] {
  const last = period.year * 4 + (period.kind === 'year' ? 4 : period.quarter) - 1;
  const out: Period[] = [];
  for (let index = last - Math.max(0, Math.floor(n)) + 1; index <= last; index += 1) {
    out.push({ kind: 'quarter', year: Math.floor(index / 4), quarter: ((index % 4) + 1) as 1 | 2 | 3 | 4 });
  }
  return out;
}
