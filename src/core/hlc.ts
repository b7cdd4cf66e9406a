/**
 * Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014).
 *
 * Guarantees: every timestamp a device issues is greater than every timestamp it issued or received
 * before, even when the phone's wall clock jumps backwards; timestamps stay close to real time; the
 * node id breaks ties so no two devices ever issue the same timestamp.
 *
 * Wire format, which sorts correctly as a plain string:
 *   001764000000000:00042:8f3a9c2d1e0b7a65
 *   └ wall ms (15) ┘ └count┘ └ device id ─┘
 */

export interface Hlc {
  /** Milliseconds since the epoch, never less than any timestamp seen before. */
  readonly wall: number;
  /** Orders events that share one wall value. */
  readonly counter: number;
  /** Device id: 16 lowercase hex characters. */
  readonly node: string;
}

export const MAX_COUNTER = 99_999;
const HLC_PATTERN = /^(\d{15}):(\d{5}):([0-9a-f]{16})$/;

export class ClockError extends Error {
  constructor(
    readonly code: 'clock_drift' | 'bad_timestamp',
    message: string,
  ) {
    super(message);
    this.name = 'ClockError';
  }
}

export function formatHlc(t: Hlc): string {
  return `${String(t.wall).padStart(15, '0')}:${String(t.counter).padStart(5, '0')}:${t.node}`;
}

export function parseHlc(text: string): Hlc {
  const m = HLC_PATTERN.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) throw new ClockError('bad_timestamp', `Not an HLC timestamp: ${text}`);
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3] };
}

export function isHlc(text: string): boolean {
  return HLC_PATTERN.test(text);
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A NaN or infinite time would silently break ordering; refuse it loudly instead. */
function assertTime(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new ClockError('bad_timestamp', `Not a usable clock time: ${ms}`);
}

/** The first clock of a device: it has seen nothing yet. */
export function initialHlc(node: string): Hlc {
  return { wall: 0, counter: 0, node };
}

/**
 * A counter past MAX_COUNTER carries into the next millisecond instead of failing. The result still
 * sorts after everything before it, and the clock runs at most a few milliseconds ahead: a clock
 * that throws could be stopped by anyone able to send it one timestamp with counter 99,999
 * (issue 13, kind 5c), and a phone writing 100,000 rows in one millisecond must not lose them.
 */
function carry(wall: number, counter: number, node: string): Hlc {
  return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0, node } : { wall, counter, node };
}

/** Advances the clock for a local event; the result is both the new state and the event's timestamp. */
export function tickHlc(last: Hlc, now: number): Hlc {
  assertTime(now);
  const wall = Math.max(last.wall, Math.floor(now));
  return carry(wall, wall === last.wall ? last.counter + 1 : 0, last.node);
}

/**
 * Merges a timestamp received from elsewhere (the server or another device) so later local events sort
 * after it. A remote timestamp further ahead of `now` than `maxDriftMs` is refused rather than adopted:
 * one phone with a clock set to next year must not drag every other clock with it.
 */
export function receiveHlc(last: Hlc, remote: Hlc, now: number, maxDriftMs: number): Hlc {
  assertTime(now);
  assertTime(remote.wall);
  const physical = Math.floor(now);
  if (remote.wall - physical > maxDriftMs) {
    throw new ClockError(
      'clock_drift',
      `Remote clock is ${remote.wall - physical} ms ahead (limit ${maxDriftMs} ms)`,
    );
  }
  const wall = Math.max(last.wall, remote.wall, physical);
  let counter: number;
  if (wall === last.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  return carry(wall, counter, last.node);
}
