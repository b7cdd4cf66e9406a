/**
 * One unit's own result per indicator (a, b, đ) from its reported head counts, for the exports' unit
 * rows. A pair counts only when both its numbers are reported: an empty field was not reported and
 * is never read as 0 (schemas.ts, unitFiguresFields).
 */
import type { UnitCountField, UnitTargetCode } from '../schemas';
import type { UnitLine } from './types';

type Pair = readonly [UnitCountField, UnitCountField];

/**
 * The count pairs feeding each indicator in `year`. Plan III.1.b (2025) counts secondary students
 * ("học sinh trung học"); plan III.2.b (2026 on) every student from primary school ("từ cấp tiểu học").
 */
export function unitPairsFor(code: UnitTargetCode, year: number): readonly Pair[] {
  if (code === 'a') return [['staff', 'staffMeeting']];
  if (code === 'dd') return [['workers', 'workersMeeting']];
  const secondary: Pair[] = [
    ['lowerSecondary', 'lowerSecondaryMeeting'],
    ['upperSecondary', 'upperSecondaryMeeting'],
  ];
  return year >= 2026 ? [['primary', 'primaryMeeting'], ...secondary] : secondary;
}

/**
 * The unit's people meeting the standard and in scope for `code`, summed over the pairs it reported;
 * null when it reported none of them (or has no figures for the quarter).
 */
export function unitCounts(
  unit: UnitLine,
  code: UnitTargetCode,
  year: number,
): { count: number; denominator: number } | null {
  const figures = unit.figures;
  if (figures === null) return null;
  let count = 0;
  let denominator = 0;
  let any = false;
  for (const [total, meeting] of unitPairsFor(code, year)) {
    const t = figures[total];
    const m = figures[meeting];
    if (t === undefined || m === undefined) continue;
    any = true;
    count += m;
    denominator += t;
  }
  return any ? { count, denominator } : null;
}

/** count / denominator in percent with one decimal, as IndicatorLine.percent; null for a denominator of 0. */
export function percentOf(count: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((count / denominator) * 1000) / 10 : null;
}
