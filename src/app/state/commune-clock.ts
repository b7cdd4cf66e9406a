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

/** A backward step of the phone's clock smaller than this is noise (NTP slews, rounding). */
const SET_BACK_MS = 60_000;

interface ClockState {
  /** Milliseconds to add to the phone's clock to get the server's; 0 until first measured. */
  offsetMs: number;
  /** Whether an offset was ever measured on this phone. */
  measured: boolean;
  /**
   * Date.now() − performance.now() when the offset was measured in this page's life. The monotonic
   * clock never steps back; the wall clock does when someone sets it back. The gap between them only
   * grows (a sleeping phone's monotonic clock may pause), so a gap that shrank is a clock set back,
   * by that much, after the offset was measured: offline, with no server to measure again.
   */
  anchorGap?: number | undefined;
  /**
   * The latest server time this phone has heard (ms), kept across restarts: time does not run
   * backwards, so a corrected clock below it was set back while the app was closed.
   */
  floorMs: number;
}

export const useCommuneClock = create<ClockState>()(() => ({ offsetMs: 0, measured: false, floorMs: 0 }));

const gap = () => Date.now() - performance.now();

/**
 * Uses a measured offset from now on. `serverTime` (ms), when the offset was just measured against
 * the server, also anchors set-back detection and raises the floor.
 */
export function setClockOffset(offsetMs: number, serverTime?: number): void {
  useCommuneClock.setState(() => ({
    offsetMs,
    measured: true,
    // A fresh answer is the truth, even below an older one (a server whose own clock was put right).
    ...(serverTime === undefined ? {} : { anchorGap: gap(), floorMs: serverTime }),
  }));
}

/** The floor kept from an earlier run (meta), at start. */
export function setClockFloor(floorMs: number): void {
  useCommuneClock.setState((s) => ({ floorMs: Math.max(s.floorMs, floorMs) }));
}

/** How far the phone's clock was set back since it was last measured (ms, 0 when it was not). */
export function clockSetBackMs(): number {
  const { stepped, measuredNow, floorMs } = reading();
  if (stepped > 0) return stepped;
  const below = floorMs - measuredNow;
  return below > SET_BACK_MS ? below : 0;
}

/**
 * Corrected time, ms since the epoch: the phone's clock plus the measured offset — plus, when the
 * clock was set back since (offline, so nothing could measure it again), the step back, measured on
 * the monotonic clock in this page's life, or else never below the latest server time heard
 * (issue 13, kind 6: a clock set 400 days back in the field must not date today's visits last year).
 */
export function communeNowMs(): number {
  const { stepped, measuredNow, floorMs } = reading();
  const now = measuredNow + stepped;
  return floorMs - now > SET_BACK_MS ? floorMs : now;
}

/** The phone's clock plus the offset, and how far it stepped back since measured (0 if not). */
function reading(): { measuredNow: number; stepped: number; floorMs: number } {
  const { anchorGap, offsetMs, floorMs } = useCommuneClock.getState();
  const step = anchorGap === undefined ? 0 : anchorGap - gap();
  return { measuredNow: Date.now() + offsetMs, stepped: step > SET_BACK_MS ? step : 0, floorMs };
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
