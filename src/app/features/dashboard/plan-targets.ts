/**
 * TODO(issue 18): replace this file with `src/core/indicators/targets.ts` (PLAN_TARGETS and
 * targetsForYear, being written on branch ind-core): a local copy of the plan's values so the targets
 * page works before that module lands. Same names, shapes and fallback rules, so the switch is an
 * import path.
 */

import type { TargetLike, TargetValue } from '../../../core/indicators/types';
import { TARGET_CODES, type TargetCode } from '../../../core/schemas';

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
 * The target of every indicator for `year` and where it comes from: the commune's live row
 * (`commune`), else the plan's value for that year (`plan`), else the latest earlier year's value,
 * the commune's over the plan's (`carried`), else the plan's 2025 value (`carried`).
 */
export function targetsForYear(rows: readonly TargetLike[], year: number): Record<TargetCode, TargetValue> {
  const live = rows.filter((r) => !r.deletedAt);
  const out = {} as Record<TargetCode, TargetValue>;
  for (const code of TARGET_CODES) {
    const own = live.find((r) => r.code === code && r.year === year);
    const plan = PLAN_TARGETS[year]?.[code];
    if (own) out[code] = { percent: own.percent, above: own.above === true, source: 'commune' };
    else if (plan) out[code] = { ...plan, source: 'plan' };
    else out[code] = { ...carried(live, code, year), source: 'carried' };
  }
  return out;
}

function carried(live: readonly TargetLike[], code: TargetCode, year: number): PlanTarget {
  let best: { year: number; value: PlanTarget; commune: boolean } | undefined;
  const offer = (y: number, value: PlanTarget, commune: boolean) => {
    if (y >= year) return;
    if (!best || y > best.year || (y === best.year && commune && !best.commune))
      best = { year: y, value, commune };
  };
  for (const row of live)
    if (row.code === code) offer(row.year, { percent: row.percent, above: row.above === true }, true);
  for (const [y, values] of Object.entries(PLAN_TARGETS)) offer(Number(y), values[code], false);
  return best?.value ?? PLAN_TARGETS[FIRST_PLAN_YEAR]?.[code] ?? { percent: 100, above: false };
}
