/**
 * The plan's targets per year (plan section III, DESIGN §5) and the gap in people to reach one.
 * The commune may set any year and indicator (synced Target rows, only commune officers write them);
 * what it has not set falls back to the plan, then to the latest earlier year.
 */
import { TARGET_CODES, type TargetCode } from '../schemas';
import type { TargetLike, TargetValue } from './types';

export interface PlanTarget {
  percent: number;
  /** Strictly more than `percent` (the plan's "trên 80%"). */
  above: boolean;
}

/** The first year the plan sets: an earlier year with nothing set takes this year's values. */
export const FIRST_PLAN_YEAR = 2025;

/** Plan section III (DESIGN §5): 2025 and 2026. `dd` is the plan's "đ". */
export const PLAN_TARGETS: Readonly<Record<number, Readonly<Record<TargetCode, PlanTarget>>>> = {
  2025: {
    a: { percent: 85, above: false },
    b: { percent: 100, above: false },
    c: { percent: 95, above: false },
    d: { percent: 80, above: true },
    dd: { percent: 85, above: false },
    id: { percent: 100, above: false },
  },
  2026: {
    a: { percent: 100, above: false },
    b: { percent: 100, above: false },
    c: { percent: 100, above: false },
    d: { percent: 90, above: true },
    dd: { percent: 100, above: false },
    id: { percent: 100, above: false },
  },
};

/**
 * The target of every indicator for `year`, and where it comes from:
 * 1. the commune's row for that year and code (`commune`; deleted rows do not count);
 * 2. else the plan's value for that year (`plan`, PLAN_TARGETS);
 * 3. else the latest earlier year's value, the commune's row over the plan's in that year (`carried`):
 *    2027 keeps 2026's targets until the commune sets new ones;
 * 4. else (a year before 2025 with nothing set) the plan's 2025 value (`carried`).
 */
export function targetsForYear(rows: readonly TargetLike[], year: number): Record<TargetCode, TargetValue> {
  const commune = new Map<string, TargetLike>();
  for (const row of rows) if (!row.deletedAt) commune.set(`${row.code}:${row.year}`, row);
  const planYears = Object.keys(PLAN_TARGETS).map(Number);
  const out = {} as Record<TargetCode, TargetValue>;
  for (const code of TARGET_CODES) {
    const own = commune.get(`${code}:${year}`);
    const plan = PLAN_TARGETS[year]?.[code];
    if (own) out[code] = { percent: own.percent, above: own.above === true, source: 'commune' };
    else if (plan) out[code] = { percent: plan.percent, above: plan.above, source: 'plan' };
    else out[code] = { ...carried(rows, planYears, code, year), source: 'carried' };
  }
  return out;
}

function carried(
  rows: readonly TargetLike[],
  planYears: number[],
  code: TargetCode,
  year: number,
): PlanTarget {
  let best: { year: number; value: PlanTarget; commune: boolean } | undefined;
  const offer = (y: number, value: PlanTarget, commune: boolean) => {
    if (y >= year) return;
    if (!best || y > best.year || (y === best.year && commune && !best.commune))
      best = { year: y, value, commune };
  };
  for (const row of rows)
    if (!row.deletedAt && row.code === code)
      offer(row.year, { percent: row.percent, above: row.above === true }, true);
  for (const y of planYears) {
    const value = PLAN_TARGETS[y]?.[code];
    if (value) offer(y, value, false);
  }
  return best?.value ?? (PLAN_TARGETS[FIRST_PLAN_YEAR]?.[code] as PlanTarget);
}

/** Percent kept to thousandths, so the arithmetic below is on whole numbers (no 0.95 × 20 = 18.999…). */
const SCALE = 1000;
const WHOLE = 100 * SCALE;

/**
 * People needed to meet `target` on `denominator` people: at least p% (⌈den·p/100⌉) or, for `above`,
 * strictly more than p% (⌊den·p/100⌋ + 1). Never more than the denominator (a target above 100%
 * cannot ask for more people than there are). Returns 0 for a denominator of 0.
 */
export function neededPeople(
  denominator: number,
  target: { percent: number; above?: boolean | undefined },
): number {
  if (denominator <= 0) return 0;
  const product = Math.round(target.percent * SCALE) * denominator;
  const remainder = product % WHOLE;
  const whole = (product - remainder) / WHOLE;
  const needed = target.above === true ? whole + 1 : whole + (remainder > 0 ? 1 : 0);
  return Math.min(needed, denominator);
}

/**
 * People still needed ("còn 143 người"): neededPeople − count, never below 0; 0 for a denominator of 0.
 * 95% of 20 needs 19; >80% of 10 needs 9 (issue 18).
 */
export function gapPeople(
  count: number,
  denominator: number,
  target: { percent: number; above?: boolean | undefined },
): number {
  return Math.max(0, neededPeople(denominator, target) - count);
}
