/** Periods in Asia/Ho_Chi_Minh and the plan's targets (issue 18, DESIGN §5). */
import { describe, expect, it } from 'vitest';
import {
  dayOfInstant,
  parsePeriodKey,
  periodBounds,
  periodKey,
  periodOfDay,
  quartersOfTrend,
} from '../../src/core/indicators/period';
import { gapPeople, PLAN_TARGETS, targetsForYear } from '../../src/core/indicators/targets';
import type { Period, TargetLike } from '../../src/core/indicators/types';

describe('periodBounds', () => {
  it.each([
    [1, '2025-01-01', '2025-03-31', '2024-12-31T17:00:00.000Z', '2025-03-31T17:00:00.000Z'],
    [2, '2025-04-01', '2025-06-30', '2025-03-31T17:00:00.000Z', '2025-06-30T17:00:00.000Z'],
    [3, '2025-07-01', '2025-09-30', '2025-06-30T17:00:00.000Z', '2025-09-30T17:00:00.000Z'],
    [4, '2025-10-01', '2025-12-31', '2025-09-30T17:00:00.000Z', '2025-12-31T17:00:00.000Z'],
  ] as const)(
    'Q%i of 2025 runs %s to %s in Vietnam',
    (quarter, firstDay, lastDay, startInstant, endInstant) => {
      expect(periodBounds({ kind: 'quarter', year: 2025, quarter })).toEqual({
        firstDay,
        lastDay,
        startInstant,
        endInstant,
      });
    },
  );

  it('a year runs 1 January to 31 December; Q1 of a leap year ends 31 March, February has 29 days', () => {
    expect(periodBounds({ kind: 'year', year: 2026 })).toEqual({
      firstDay: '2026-01-01',
      lastDay: '2026-12-31',
      startInstant: '2025-12-31T17:00:00.000Z',
      endInstant: '2026-12-31T17:00:00.000Z',
    });
    expect(periodBounds({ kind: 'quarter', year: 2028, quarter: 1 }).lastDay).toBe('2028-03-31');
  });
});

describe('periodOfDay and instants at the boundary', () => {
  it('puts the first and last day of each quarter in it', () => {
    expect(periodOfDay('2025-03-31', 'quarter')).toEqual({ kind: 'quarter', year: 2025, quarter: 1 });
    expect(periodOfDay('2025-04-01', 'quarter')).toEqual({ kind: 'quarter', year: 2025, quarter: 2 });
    expect(periodOfDay('2025-12-31', 'quarter')).toEqual({ kind: 'quarter', year: 2025, quarter: 4 });
    expect(periodOfDay('2026-01-01', 'quarter')).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    expect(periodOfDay('2025-12-31', 'year')).toEqual({ kind: 'year', year: 2025 });
  });

  it('23:59 on 30 September in Vietnam is Q3, 00:00 on 1 October is Q4 (16:59Z and 17:00Z)', () => {
    expect(periodOfDay(dayOfInstant('2025-09-30T16:59:00Z'), 'quarter')).toEqual({
      kind: 'quarter',
      year: 2025,
      quarter: 3,
    });
    expect(periodOfDay(dayOfInstant('2025-09-30T17:00:00Z'), 'quarter')).toEqual({
      kind: 'quarter',
      year: 2025,
      quarter: 4,
    });
  });
});

describe('period keys', () => {
  const periods: Period[] = [
    { kind: 'quarter', year: 2025, quarter: 4 },
    { kind: 'quarter', year: 2026, quarter: 1 },
    { kind: 'year', year: 2025 },
  ];
  it('formats and parses back', () => {
    expect(periods.map(periodKey)).toEqual(['2025-Q4', '2026-Q1', '2025']);
    for (const p of periods) expect(parsePeriodKey(periodKey(p))).toEqual(p);
    expect(parsePeriodKey(' 2025-q2 ')).toEqual({ kind: 'quarter', year: 2025, quarter: 2 });
  });
  it('refuses anything else', () => {
    for (const bad of ['', '2025-Q5', '2025-Q0', '25-Q1', '2025Q1', '2025-Q1x', 'Q1-2025'])
      expect(parsePeriodKey(bad), bad).toBeUndefined();
    // Years without a target to set (schemas.ts: 2020–2100); 9999 had no day after its last (a 500).
    for (const far of ['2019', '2101', '9999', '9999-Q4', '0000', '0001-Q1'])
      expect(parsePeriodKey(far), far).toBeUndefined();
    expect(parsePeriodKey('2100-Q4')).toEqual({ kind: 'quarter', year: 2100, quarter: 4 });
  });
});

describe('quartersOfTrend', () => {
  it('gives the n quarters ending at the period, across a year boundary', () => {
    expect(quartersOfTrend({ kind: 'quarter', year: 2026, quarter: 2 }, 4).map(periodKey)).toEqual([
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
    ]);
  });
  it('ends a year at its Q4', () => {
    expect(quartersOfTrend({ kind: 'year', year: 2025 }, 2).map(periodKey)).toEqual(['2025-Q3', '2025-Q4']);
    expect(quartersOfTrend({ kind: 'year', year: 2025 }, 0)).toEqual([]);
  });
});

describe('targetsForYear', () => {
  it('defaults to the plan of DESIGN §5', () => {
    const t2025 = targetsForYear([], 2025);
    expect(t2025).toEqual({
      a: { percent: 85, above: false, source: 'plan' },
      b: { percent: 100, above: false, source: 'plan' },
      c: { percent: 95, above: false, source: 'plan' },
      d: { percent: 80, above: true, source: 'plan' },
      dd: { percent: 85, above: false, source: 'plan' },
      id: { percent: 100, above: false, source: 'plan' },
    });
    const t2026 = targetsForYear([], 2026);
    expect(t2026.c).toEqual({ percent: 100, above: false, source: 'plan' });
    expect(t2026.d).toEqual({ percent: 90, above: true, source: 'plan' });
    expect(PLAN_TARGETS[2026]?.a.percent).toBe(100);
  });

  it('a commune row wins over the plan; a deleted one does not', () => {
    const rows: TargetLike[] = [
      { year: 2025, code: 'c', percent: 90 },
      { year: 2025, code: 'id', percent: 70, deletedAt: '2025-05-01T00:00:00Z' },
      { year: 2025, code: 'd', percent: 75, above: true },
    ];
    const t = targetsForYear(rows, 2025);
    expect(t.c).toEqual({ percent: 90, above: false, source: 'commune' });
    expect(t.d).toEqual({ percent: 75, above: true, source: 'commune' });
    expect(t.id).toEqual({ percent: 100, above: false, source: 'plan' });
  });

  it('a year the plan does not set carries the latest earlier year, the commune row over the plan', () => {
    const rows: TargetLike[] = [
      { year: 2026, code: 'c', percent: 98 },
      { year: 2025, code: 'a', percent: 99 },
    ];
    const t = targetsForYear(rows, 2027);
    expect(t.c).toEqual({ percent: 98, above: false, source: 'carried' });
    // 2026's plan value is later than the commune's 2025 row.
    expect(t.a).toEqual({ percent: 100, above: false, source: 'carried' });
    expect(t.d).toEqual({ percent: 90, above: true, source: 'carried' });
  });

  it('a year before 2025 with nothing set takes the 2025 plan, carried', () => {
    expect(targetsForYear([], 2024).c).toEqual({ percent: 95, above: false, source: 'carried' });
    expect(targetsForYear([{ year: 2023, code: 'c', percent: 50 }], 2024).c).toEqual({
      percent: 50,
      above: false,
      source: 'carried',
    });
  });
});

describe('gapPeople', () => {
  it('95% of 20 needs exactly 19 (no float error)', () => {
    expect(gapPeople(0, 20, { percent: 95 })).toBe(19);
    expect(gapPeople(18, 20, { percent: 95 })).toBe(1);
    expect(gapPeople(19, 20, { percent: 95 })).toBe(0);
  });
  it('more than 80% of 10 needs 9; exactly 80% is not enough', () => {
    expect(gapPeople(8, 10, { percent: 80, above: true })).toBe(1);
    expect(gapPeople(9, 10, { percent: 80, above: true })).toBe(0);
    expect(gapPeople(0, 7, { percent: 80, above: true })).toBe(6);
  });
  it('rounds a share of a person up, never goes below 0, and needs nobody of nobody', () => {
    expect(gapPeople(0, 7, { percent: 85 })).toBe(6); // 5.95 people → 6
    expect(gapPeople(0, 1000, { percent: 85.5 })).toBe(855);
    expect(gapPeople(30, 20, { percent: 95 })).toBe(0);
    expect(gapPeople(0, 0, { percent: 100 })).toBe(0);
    expect(gapPeople(0, 0, { percent: 80, above: true })).toBe(0);
    expect(gapPeople(3, 3, { percent: 100, above: true })).toBe(0);
  });
});
