/**
 * Dates that cannot be right (issue 13, kind 6). A phone whose clock is wrong stamps records with
 * wrong dates; the app corrects its clock from the server's, and the server refuses what is still
 * impossible. Every rule is judged against an injected "now" in the commune's calendar (dates.ts,
 * Asia/Ho_Chi_Minh), never the host's time zone: a server in UTC must accept a baby born on
 * 1 January at 06:00 in Vietnam.
 *
 * - instants (created, deleted, visited, consent given or withdrawn) are not in the future: at most
 *   MAX_INSTANT_AHEAD_MS ahead, the same slack the server gives a phone's clock;
 * - days that happened (a skill step's day, a register status's day, the date of official counts)
 *   are not after today;
 * - days that may be planned (a class, a follow-up) are at most PLAN_AHEAD_DAYS ahead;
 * - nothing is before EARLIEST_DAY (the app did not exist; a clock reset to 1970 did);
 * - a birth year is not after this year.
 */
import { addDays, localDay } from './dates';

export const MAX_INSTANT_AHEAD_MS = 10 * 60_000;
export const PLAN_AHEAD_DAYS = 366;
export const EARLIEST_DAY = '2000-01-01';

export type DateMessage =
  | 'err.dateInFuture'
  | 'err.dayNotYet'
  | 'err.dateTooEarly'
  | 'err.dateTooFar'
  | 'err.birthYear';

export interface DateIssue {
  /** The field's path, e.g. "visitedAt" or "consent.collectedAt". */
  field: string;
  message: DateMessage;
}

const INSTANTS = ['createdAt', 'deletedAt', 'visitedAt', 'ethnicMinorityConsentAt'] as const;
// statusOn: the day a move, an absence or a death was learned (issue 18) has happened, like a step's.
const PAST_DAYS = ['on', 'statusOn'] as const;
const PLANNED_DAYS = ['date', 'followUpOn'] as const;

/** The commune's year at an instant (ms since the epoch). */
export function communeYearAt(nowMs: number): number {
  return Number(localDay(new Date(nowMs)).slice(0, 4));
}

function instantIssue(field: string, value: unknown, nowMs: number): DateIssue | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  if (ms > nowMs + MAX_INSTANT_AHEAD_MS) return { field, message: 'err.dateInFuture' };
  if (localDay(value) < EARLIEST_DAY) return { field, message: 'err.dateTooEarly' };
  return undefined;
}

function dayIssue(field: string, value: unknown, latest: string, late: DateMessage): DateIssue | undefined {
  if (typeof value !== 'string') return undefined;
  if (value < EARLIEST_DAY) return { field, message: 'err.dateTooEarly' };
  if (value > latest) return { field, message: late };
  return undefined;
}

/**
 * Checks the date fields present in `values` (a whole record, or the fields of one change) by their
 * names, which mean the same in every table. Fields absent or null are not checked.
 * @param nowMs the corrected time (phone: the server's clock as last measured; server: its own)
 */
export function dateIssues(values: Readonly<Record<string, unknown>>, nowMs: number): DateIssue[] {
  const today = localDay(new Date(nowMs + MAX_INSTANT_AHEAD_MS));
  const latestPlanned = addDays(today, PLAN_AHEAD_DAYS);
  const found: Array<DateIssue | undefined> = [];
  for (const field of INSTANTS) found.push(instantIssue(field, values[field], nowMs));
  // A day is typed or picked, not read off the clock: it has not come yet, nothing to do with the
  // phone's clock (err.dateInFuture says to check it, for the instants the clock writes).
  for (const field of PAST_DAYS) found.push(dayIssue(field, values[field], today, 'err.dayNotYet'));
  for (const field of PLANNED_DAYS)
    found.push(dayIssue(field, values[field], latestPlanned, 'err.dateTooFar'));
  const consent = values.consent;
  if (consent && typeof consent === 'object') {
    const c = consent as Record<string, unknown>;
    found.push(instantIssue('consent.collectedAt', c.collectedAt, nowMs));
    found.push(instantIssue('consent.withdrawnAt', c.withdrawnAt, nowMs));
  }
  const official = values.official;
  if (official && typeof official === 'object') {
    const asOf = (official as Record<string, unknown>).asOf;
    found.push(dayIssue('official.asOf', asOf, today, 'err.dayNotYet'));
  }
  const birthYear = values.birthYear;
  if (typeof birthYear === 'number' && birthYear > communeYearAt(nowMs + MAX_INSTANT_AHEAD_MS)) {
    found.push({ field: 'birthYear', message: 'err.birthYear' });
  }
  return found.filter((issue): issue is DateIssue => issue !== undefined);
}
