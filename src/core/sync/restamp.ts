/**
 * Repairing changes stamped by a phone whose clock ran ahead (DESIGN §4.5; issue 13, kind 5). The
 * server refuses timestamps more than MAX_CLOCK_AHEAD_MS ahead of its clock (they would win every
 * merge until that time passes) and refuses the whole push, so none of them was ever accepted
 * anywhere and the phone may give them new ones. The new stamps must:
 *
 * - keep real-time order with other phones: a change made at real time t, stamped t + 1 day, gets
 *   t back (its stamp shifted by the measured offset), so a teammate's edit made 1.5 s later still
 *   wins, as it would have with a right clock;
 * - keep causality: each stays above the clocks it overwrote (its `base`), above what the phone had
 *   seen from others by the time it was made (`seen`, when not later than the change's real time),
 *   and above the changes queued before it, in order —
 *   except stamps still beyond the limit that it does not repair itself (a base naming a refused
 *   change set aside): the server never held them, and staying above them would be refused forever;
 * - keep the chain: a later queued change whose `base` names an old stamp gets the new one, or the
 *   server would take an edit made on top of the phone's own value for a concurrent one.
 *
 * Dates the same wrong clock wrote into those changes (createdAt, visitedAt, consent times…) move
 * with their stamp, so the server's date rules accept them and they say when it really happened.
 * Changes already acceptable are never touched: one of them may have been stored by a push whose
 * answer was lost, and a new stamp would then differ from the server's copy.
 */
import type { Change, FieldValue } from '../changes';
import { localDay } from '../dates';
import { formatHlc, type Hlc, MAX_COUNTER, parseHlc } from '../hlc';

export interface RestampInput {
  /** The outbox, oldest first. */
  changes: readonly Change[];
  /** The server's clock when it refused the push (ms). */
  serverTime: number;
  /** The phone's own clock at that moment (ms), to measure how far off it is. */
  localNow: number;
  maxAheadMs: number;
  /** The highest clock the phone has received from the server or other phones, if any. */
  seen?: string | undefined;
  node: string;
}

export interface RestampResult {
  /** The outbox again, in the same order, repaired. */
  changes: Change[];
  /** Old stamp → new stamp, for the rows whose field clocks pointed at an old one. */
  stamps: Map<string, string>;
  /** Per repaired change id: its date fields as repaired (only those that moved). */
  movedDates: Map<string, Record<string, FieldValue>>;
  /** Where the phone's clock stands after the repair. */
  clock: Hlc;
  /** How many changes got a new stamp. */
  restamped: number;
}

const INSTANT_FIELDS = ['createdAt', 'deletedAt', 'visitedAt', 'ethnicMinorityConsentAt'] as const;

function after(lower: Hlc | undefined, wall: number, node: string): Hlc {
  if (!lower || wall > lower.wall) return { wall, counter: 0, node };
  const counter = lower.counter + 1;
  return counter > MAX_COUNTER
    ? { wall: lower.wall + 1, counter: 0, node }
    : { wall: lower.wall, counter, node };
}

function maxHlc(a: Hlc | undefined, b: Hlc | undefined): Hlc | undefined {
  if (!a || !b) return a ?? b;
  return formatHlc(a) >= formatHlc(b) ? a : b;
}

function maxStamp(stamps: ReadonlyArray<string | null | undefined>): string | undefined {
  let best: string | undefined;
  for (const s of stamps) if (s && (best === undefined || s > best)) best = s;
  return best;
}

function moveInstant(value: FieldValue | undefined, shift: number, limit: number, cap: number) {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms <= limit) return undefined;
  return new Date(Math.min(ms + shift, cap)).toISOString();
}

/** The dates of one refused change, moved by `shift` ms; only those that were impossible move. */
function moveDates(
  fields: Readonly<Record<string, FieldValue>>,
  shift: number,
  serverTime: number,
  limit: number,
) {
  const moved: Record<string, FieldValue> = {};
  for (const field of INSTANT_FIELDS) {
    const next = moveInstant(fields[field], shift, limit, serverTime);
    if (next !== undefined) moved[field] = next;
  }
  const consent = fields.consent;
  if (consent && typeof consent === 'object' && !Array.isArray(consent)) {
    const c = { ...(consent as Record<string, FieldValue>) };
    let changed = false;
    for (const key of ['collectedAt', 'withdrawnAt']) {
      const next = moveInstant(c[key], shift, limit, serverTime);
      if (next !== undefined) {
        c[key] = next;
        changed = true;
      }
    }
    if (changed) moved.consent = c;
  }
  // A day that had not come yet on the server's calendar was "today" on the wrong clock.
  const today = localDay(new Date(limit));
  if (typeof fields.on === 'string' && fields.on > today) {
    const instant =
      typeof moved.createdAt === 'string' ? moved.createdAt : new Date(serverTime).toISOString();
    moved.on = localDay(instant);
  }
  return moved;
}

export function restampFuture(input: RestampInput): RestampResult {
  const { serverTime, maxAheadMs, node } = input;
  const offset = serverTime - input.localNow;
  const limit = serverTime + maxAheadMs;
  const stamps = new Map<string, string>();
  const movedDates = new Map<string, Record<string, FieldValue>>();
  const out: Change[] = [];
  const seenHlc = input.seen ? parseHlc(input.seen) : undefined;
  // A seen clock beyond the limit was never the server's: no floor for anything (see below).
  const seen = seenHlc && seenHlc.wall <= limit ? seenHlc : undefined;
  let previous: Hlc | undefined;
  let restamped = 0;
  for (const change of input.changes) {
    const base = change.base
      ? Object.fromEntries(
          Object.entries(change.base).map(([f, b]) => [f, b === null ? null : (stamps.get(b) ?? b)]),
        )
      : undefined;
    const old = parseHlc(change.hlc);
    if (old.wall <= limit) {
      if (!previous || change.hlc > formatHlc(previous)) previous = old;
      out.push(base ? { ...change, base } : change);
      continue;
    }
    const corrected = Math.min(old.wall + offset, serverTime);
    // `seen` is what the phone holds now, not what it held when the change was made: a teammate's
    // edit pulled after this one was made (while its push waited) is later in real time and must
    // stay later. Only what had been seen by the change's real time is a floor; the value it
    // overwrote is in its base anyway.
    const seenBefore = seen && seen.wall <= corrected ? formatHlc(seen) : undefined;
    // A floor beyond the limit is a stamp the server never accepted (a refused change set aside, a
    // value of a repair that failed): staying above it would give a stamp it refuses again, forever.
    const floor = maxStamp(
      [previous ? formatHlc(previous) : undefined, seenBefore, ...Object.values(base ?? {})].filter(
        (stamp) => stamp == null || parseHlc(stamp).wall <= limit,
      ),
    );
    const stamp = after(floor ? parseHlc(floor) : undefined, corrected, node);
    const text = formatHlc(stamp);
    stamps.set(change.hlc, text);
    previous = stamp;
    restamped++;
    const moved = moveDates(change.fields, stamp.wall - old.wall, serverTime, limit);
    if (Object.keys(moved).length > 0) movedDates.set(change.changeId, moved);
    out.push({ ...change, hlc: text, fields: { ...change.fields, ...moved }, ...(base ? { base } : {}) });
  }
  return {
    changes: out,
    stamps,
    movedDates,
    // The phone's clock goes on above its own stamps and above everything it has seen.
    clock: { wall: 0, counter: 0, ...maxHlc(previous, seen), node },
    restamped,
  };
}
