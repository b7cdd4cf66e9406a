/**
 * How well the question box answers a table of questions (issue 20: "measure it"): the share whose
 * expected card comes first, and within the first three. Used by the test that asserts the levels
 * and by scripts/question-box-score.ts; the app never imports it.
 */
import type { QuestionBox } from './question-box';

export interface ExpectedAnswer {
  question: string;
  /** The key of the one card that answers it. */
  expected: string;
}

export interface QuestionMiss extends ExpectedAnswer {
  /** The expected card's rank, 1-based; undefined when it is not among the first ten. */
  rank: number | undefined;
  /** The first three keys answered. */
  got: string[];
}

export interface QuestionBoxScore {
  count: number;
  /** Share in [0, 1] with the expected card first. */
  top1: number;
  /** Share in [0, 1] with the expected card among the first three. */
  top3: number;
  /** Every question whose expected card is not first, in table order. */
  misses: QuestionMiss[];
}

/** Asks every question of the table; an empty table scores 0 (nothing was shown to work). */
export function scoreQuestionBox(box: QuestionBox, table: readonly ExpectedAnswer[]): QuestionBoxScore {
  let first = 0;
  let three = 0;
  const misses: QuestionMiss[] = [];
  for (const row of table) {
    const keys = box.ask(row.question, 10).map((a) => a.key);
    const at = keys.indexOf(row.expected);
    if (at === 0) first++;
    if (at >= 0 && at < 3) three++;
    if (at !== 0) misses.push({ ...row, rank: at < 0 ? undefined : at + 1, got: keys.slice(0, 3) });
  }
  const n = table.length;
  return { count: n, top1: n ? first / n : 0, top3: n ? three / n : 0, misses };
}

/** One line per miss: `[rank] question → expected (got a, b, c)`. */
export function formatMisses(misses: readonly QuestionMiss[]): string {
  return misses
    .map((m) => `[${m.rank ?? '-'}] ${m.question} → ${m.expected} (got ${m.got.join(', ') || 'nothing'})`)
    .join('\n');
}
