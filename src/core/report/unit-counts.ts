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

const STUDENT_PAIRS = unitPairsFor('b', 2026);

/**
 * A unit's people meeting the standard and in scope for `code` in `year`, summed over the pairs it
 * reported in full (a head count without its "meeting" count, or the reverse, was not reported); a
 * "meeting" count above its head count counts as the head count. Undefined when it reported none of
 * them. A school that reported only levels outside the year's b (a primary school in 2025) has nobody
 * in scope: {0, 0}, not missing.
 */
export function unitContribution(
  code: UnitTargetCode,
  figures: Partial<Record<UnitCountField, number | undefined>> | null | undefined,
  year: number,
): { count: number; denominator: number } | undefined {
  if (!figures) return undefined;
  const full = (pairs: readonly Pair[]) =>
    pairs.filter(([total, meeting]) => figures[total] !== undefined && figures[meeting] !== undefined);
  const reported = full(unitPairsFor(code, year));
  if (reported.length === 0) {
    return code === 'b' && full(STUDENT_PAIRS).length > 0 ? { count: 0, denominator: 0 } : undefined;
  }
  let count = 0;
  let denominator = 0;
  for (const [total, meeting] of reported) {
    const t = figures[total] ?? 0;
    denominator += t;
    count += Math.min(figures[meeting] ?? 0, t);
  }
  return { count, denominator };
}

/** unitContribution of a report's unit line; null when it has not reported `code`. */
export function unitCounts(
  unit: UnitLine,
  code: UnitTargetCode,
  year: number,
): { count: number; denominator: number } | null {
  return unitContribution(code, unit.figures, year) ?? null;
}

/** count / denominator in percent with one decimal, as IndicatorLine.percent; null for a denominator of 0. */
export function percentOf(count: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((count / denominator) * 1000) / 10 : null;
}
