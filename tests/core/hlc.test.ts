import { describe, expect, it } from 'vitest';
import {
  ClockError,
  compareHlc,
  formatHlc,
  type Hlc,
  initialHlc,
  isHlc,
  MAX_COUNTER,
  parseHlc,
  receiveHlc,
  tickHlc,
} from '../../src/core/hlc';

const NODE_A = '0000000000000aaa';
const NODE_B = 'ffffffffffffffff';
const T = 1_764_000_000_000;
const HOUR = 3_600_000;
const DRIFT = 5 * 60_000;

function hlc(wall: number, counter: number, node = NODE_A): Hlc {
  return Object.freeze({ wall, counter, node });
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectClockError(fn: () => unknown, code: ClockError['code']) {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(ClockError);
  expect((error as ClockError).code).toBe(code);
  expect((error as ClockError).name).toBe('ClockError');
}

describe('formatHlc / parseHlc', () => {
  it('formats with zero-padded wall (15) and counter (5)', () => {
    expect(formatHlc({ wall: T, counter: 42, node: '8f3a9c2d1e0b7a65' })).toBe(
      '001764000000000:00042:8f3a9c2d1e0b7a65',
    );
  });

  it.each([
    hlc(0, 0),
    hlc(T, 0),
    hlc(T, 42, '8f3a9c2d1e0b7a65'),
    hlc(T, MAX_COUNTER, NODE_B),
    hlc(999_999_999_999_999, 7),
  ])('round-trips %j', (t) => {
    const text = formatHlc(t);
    expect(isHlc(text)).toBe(true);
    expect(parseHlc(text)).toEqual(t);
  });

  it('string order equals (wall, counter, node) order', () => {
    const stamps: Hlc[] = [];
    const walls = [0, 9, 10, 99, 100, T - 1, T, T + 1, 10 * T];
    const counters = [0, 1, 9, 10, 11, 100, MAX_COUNTER];
    const nodes = ['0000000000000000', '000000000000000f', '00000000000000f0', 'a000000000000000', NODE_B];
    for (const wall of walls)
      for (const counter of counters) for (const node of nodes) stamps.push(hlc(wall, counter, node));
    const byTuple = [...stamps]
      .sort(
        (a, b) =>
          a.wall - b.wall || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
      )
      .map(formatHlc);
    const shuffled = [...stamps].reverse().map(formatHlc);
    const byString = [...shuffled].sort(compareHlc);
    expect(byString).toEqual(byTuple);
  });

  it('compareHlc returns -1, 0, 1', () => {
    const a = formatHlc(hlc(T, 9));
    const b = formatHlc(hlc(T, 10));
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, a)).toBe(1);
    expect(compareHlc(a, a)).toBe(0);
  });

  it.each([
    '',
    'hello',
    '1764000000000:00042:8f3a9c2d1e0b7a65', // wall not padded to 15
    '001764000000000:42:8f3a9c2d1e0b7a65', // counter not padded
    '001764000000000:000042:8f3a9c2d1e0b7a65', // counter too long
    '001764000000000:00042:8F3A9C2D1E0B7A65', // upper-case node
    '001764000000000:00042:8f3a9c2d1e0b7a6', // node 15 chars
    '001764000000000:00042:8f3a9c2d1e0b7a650', // node 17 chars
    '001764000000000:00042:8f3a9c2d1e0b7a6g', // non-hex node
    ' 001764000000000:00042:8f3a9c2d1e0b7a65', // leading space
    '001764000000000:00042:8f3a9c2d1e0b7a65\n', // trailing newline
    '-01764000000000:00042:8f3a9c2d1e0b7a65', // negative
    '001764000000000-00042-8f3a9c2d1e0b7a65', // wrong separators
  ])('parseHlc rejects %j with bad_timestamp', (text) => {
    expect(isHlc(text)).toBe(false);
    expectClockError(() => parseHlc(text), 'bad_timestamp');
  });
});

describe('tickHlc', () => {
  it('starts from the initial clock at the wall time with counter 0', () => {
    expect(initialHlc(NODE_A)).toEqual({ wall: 0, counter: 0, node: NODE_A });
    expect(tickHlc(initialHlc(NODE_A), T)).toEqual({ wall: T, counter: 0, node: NODE_A });
  });

  it('is strictly increasing while the wall clock jumps back, stalls and jumps forward', () => {
    const nows = [
      T,
      T + 5,
      T + 5 - HOUR, // phone clock set back an hour
      T - HOUR,
      T - HOUR,
      T - HOUR + 1,
      T + 5, // back to where we were
      T + 6,
      T + 6,
      T + 6,
      T + HOUR, // jumps forward
      T + HOUR + 0.7, // fractional ms floors
      T + HOUR + 1,
    ];
    let clock = initialHlc(NODE_A);
    const issued: string[] = [];
    const states: Hlc[] = [];
    for (const now of nows) {
      const next = tickHlc(clock, now);
      expect(next.wall).toBeGreaterThanOrEqual(clock.wall);
      expect(Number.isInteger(next.wall)).toBe(true);
      if (next.wall > clock.wall) expect(next.counter).toBe(0);
      else expect(next.counter).toBe(clock.counter + 1);
      expect(next.node).toBe(NODE_A);
      clock = next;
      states.push(next);
      issued.push(formatHlc(next));
    }
    for (let i = 1; i < issued.length; i++) expect(compareHlc(issued[i - 1] ?? '', issued[i] ?? '')).toBe(-1);
    // While the clock was behind, the wall held at T + 5 and only the counter moved.
    expect(states.slice(1, 7).map((s) => s.wall)).toEqual(Array(6).fill(T + 5));
    expect(states.slice(1, 7).map((s) => s.counter)).toEqual([0, 1, 2, 3, 4, 5]);
    // Once real time passed the held wall, the counter reset.
    expect(states[7]).toEqual({ wall: T + 6, counter: 0, node: NODE_A });
    expect(states[10]).toEqual({ wall: T + HOUR, counter: 0, node: NODE_A });
    expect(states[11]).toEqual({ wall: T + HOUR, counter: 1, node: NODE_A });
    expect(states[12]).toEqual({ wall: T + HOUR + 1, counter: 0, node: NODE_A });
  });

  it('does not mutate the previous state', () => {
    const last = hlc(T, 3);
    tickHlc(last, T + 10);
    expect(last).toEqual({ wall: T, counter: 3, node: NODE_A });
  });

  it('allows the counter to reach MAX_COUNTER, still formatted in 5 digits', () => {
    const next = tickHlc(hlc(T, MAX_COUNTER - 1), T);
    expect(next.counter).toBe(MAX_COUNTER);
    expect(isHlc(formatHlc(next))).toBe(true);
  });

  it('carries a full counter into the next millisecond with a frozen clock, still sorting after', () => {
    const last = hlc(T, MAX_COUNTER);
    const next = tickHlc(last, T);
    expect(next).toEqual({ wall: T + 1, counter: 0, node: NODE_A });
    expect(formatHlc(next) > formatHlc(last)).toBe(true);
  });

  it('carries a full counter with a clock that went backwards', () => {
    expect(tickHlc(hlc(T, MAX_COUNTER), T - HOUR)).toEqual({ wall: T + 1, counter: 0, node: NODE_A });
  });

  it('issues 250,000 increasing timestamps in one frozen millisecond without failing', () => {
    let last = hlc(T, 0);
    let previous = formatHlc(last);
    for (let i = 0; i < 250_000; i++) {
      last = tickHlc(last, T);
      const text = formatHlc(last);
      if (!(text > previous) || !isHlc(text)) throw new Error(`not increasing at ${i}: ${text}`);
      previous = text;
    }
    expect(last.wall).toBe(T + 2);
  });

  it('recovers from a full counter once the wall clock advances', () => {
    expect(tickHlc(hlc(T, MAX_COUNTER), T + 1)).toEqual({ wall: T + 1, counter: 0, node: NODE_A });
  });
});

describe('receiveHlc', () => {
  const scenarios: Array<[string, Hlc, Hlc, number]> = [
    ['remote ahead of local and of now', hlc(T, 5), hlc(T + 1000, 7, NODE_B), T + 500],
    ['local ahead of remote and of now', hlc(T + 1000, 5), hlc(T, 9, NODE_B), T],
    ['now ahead of both', hlc(T, 5), hlc(T + 10, 9, NODE_B), T + 1000],
    ['same wall everywhere, remote counter higher', hlc(T, 5), hlc(T, 9, NODE_B), T],
    ['same wall everywhere, local counter higher', hlc(T, 9), hlc(T, 5, NODE_B), T],
    ['same wall and counter', hlc(T, 5), hlc(T, 5, NODE_B), T],
    ['local and remote equal, clock behind', hlc(T, 5), hlc(T, 5, NODE_B), T - HOUR],
    ['remote ahead, local clock way behind', hlc(T - HOUR, 0), hlc(T, 3, NODE_B), T - HOUR],
  ];

  it.each(scenarios)('%s: result is greater than both local and remote', (_name, last, remote, now) => {
    const next = receiveHlc(last, remote, now, HOUR * 2);
    expect(compareHlc(formatHlc(next), formatHlc(last))).toBe(1);
    expect(compareHlc(formatHlc(next), formatHlc(remote))).toBe(1);
    expect(next.node).toBe(NODE_A);
    // ...and the next local event is greater still.
    expect(compareHlc(formatHlc(tickHlc(next, now)), formatHlc(next))).toBe(1);
  });

  it('adopts a remote wall ahead of us and continues its counter', () => {
    expect(receiveHlc(hlc(T, 5), hlc(T + 1000, 7, NODE_B), T + 500, DRIFT)).toEqual({
      wall: T + 1000,
      counter: 8,
      node: NODE_A,
    });
  });

  it('keeps the local wall when it is ahead and bumps the local counter', () => {
    expect(receiveHlc(hlc(T + 1000, 5), hlc(T, 9, NODE_B), T, DRIFT)).toEqual({
      wall: T + 1000,
      counter: 6,
      node: NODE_A,
    });
  });

  it('takes the physical time with counter 0 when it is ahead of both', () => {
    expect(receiveHlc(hlc(T, 5), hlc(T + 10, 9, NODE_B), T + 1000.9, DRIFT)).toEqual({
      wall: T + 1000,
      counter: 0,
      node: NODE_A,
    });
  });

  it('uses the larger counter + 1 when all walls are equal', () => {
    expect(receiveHlc(hlc(T, 5), hlc(T, 9, NODE_B), T, DRIFT).counter).toBe(10);
    expect(receiveHlc(hlc(T, 9), hlc(T, 5, NODE_B), T, DRIFT).counter).toBe(10);
  });

  it('throws clock_drift when the remote is further ahead than maxDriftMs, changing nothing', () => {
    const last = hlc(T, 5);
    const remote = hlc(T + DRIFT + 1, 0, NODE_B);
    expectClockError(() => receiveHlc(last, remote, T, DRIFT), 'clock_drift');
    expect(last).toEqual({ wall: T, counter: 5, node: NODE_A });
    expect(remote).toEqual({ wall: T + DRIFT + 1, counter: 0, node: NODE_B });
    // The local clock carries on as if the remote had never been seen.
    expect(tickHlc(last, T)).toEqual({ wall: T, counter: 6, node: NODE_A });
  });

  it('accepts a remote exactly maxDriftMs ahead', () => {
    expect(receiveHlc(hlc(T, 5), hlc(T + DRIFT, 0, NODE_B), T, DRIFT)).toEqual({
      wall: T + DRIFT,
      counter: 1,
      node: NODE_A,
    });
  });

  it('measures drift against physical time, not against the local clock', () => {
    // Local clock already ran ahead; a remote within drift of `now` is still fine.
    expect(() => receiveHlc(hlc(T + HOUR, 0), hlc(T + DRIFT, 0, NODE_B), T, DRIFT)).not.toThrow();
    // A remote within drift of the local clock but not of now is refused.
    expectClockError(() => receiveHlc(hlc(T + HOUR, 0), hlc(T + HOUR, 0, NODE_B), T, DRIFT), 'clock_drift');
  });

  it('carries into the next millisecond when the merged counter would pass MAX_COUNTER', () => {
    const remote = hlc(T, MAX_COUNTER, NODE_B);
    const merged = receiveHlc(hlc(T, 0), remote, T, DRIFT);
    expect(merged).toEqual({ wall: T + 1, counter: 0, node: NODE_A });
    expect(formatHlc(merged) > formatHlc(remote)).toBe(true);
    expect(receiveHlc(hlc(T + 10, MAX_COUNTER), hlc(T, 0, NODE_B), T, DRIFT)).toEqual({
      wall: T + 11,
      counter: 0,
      node: NODE_A,
    });
  });

  it('never throws for a remote with counter 99,999 a minute ahead (the server must not fail on it)', () => {
    const remote = hlc(T + 60_000, MAX_COUNTER, NODE_B);
    let clock = hlc(T, 0);
    for (let i = 0; i < 5; i++) clock = receiveHlc(clock, remote, T, Number.POSITIVE_INFINITY);
    expect(formatHlc(clock) > formatHlc(remote)).toBe(true);
  });
});
