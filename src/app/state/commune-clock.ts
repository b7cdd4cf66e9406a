/**
 * The app's "now": the phone's clock corrected by the offset to the server's clock last measured at a
 * sync (db/clock.ts), read in the commune's calendar (Asia/Ho_Chi_Minh, UTC+7). Every stored date and
 * every "today" comes from here (issue 13, kind 6): a phone 400 days behind must not date today's
 * visit last year, nor one 3 days ahead date it in the future.
 *
 * Synchronous on purpose: forms and repositories need the time while they build a record. The offset
 * lives in memory here and in the meta table (so it survives a restart and is shared by tabs).
 */
import { create } from 'zustand';
import { communeYearAt } from '../../core/date-rules';
import { localDay } from '../../core/dates';

/** A clock further off than this is worth telling the person about (their other apps suffer too). */
export const CLOCK_WARNING_MS = 10 * 60_000;

interface ClockState {
  /** Milliseconds to add to the phone's clock to get the server's; 0 until first measured. */
  offsetMs: number;
  /** Whether an offset was ever measured on this phone. */
  measured: boolean;
}

export const useCommuneClock = create<ClockState>()(() => ({ offsetMs: 0, measured: false }));

export function setClockOffset(offsetMs: number): void {
  useCommuneClock.setState({ offsetMs, measured: true });
}

/** Corrected time, ms since the epoch. */
export function communeNowMs(): number {
  return Date.now() + useCommuneClock.getState().offsetMs;
}

/** Corrected time as an ISO instant, for createdAt, visitedAt, consent times… */
export function nowIso(): string {
  return new Date(communeNowMs()).toISOString();
}

/** Today in the commune ("YYYY-MM-DD"), whatever the phone's clock or time zone. */
export function communeToday(): string {
  return localDay(new Date(communeNowMs()));
}

export function communeYear(): number {
  return communeYearAt(communeNowMs());
}
