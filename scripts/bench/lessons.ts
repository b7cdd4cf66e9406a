/**
 * Issue 20: the lessons' own logic, in Node (unthrottled; the phone runs the same pure modules):
 * - the question box: building its index over the bundled cards, and answering each question of the
 *   test table (tests/core/fixtures/lesson-questions.json), with its top-1 and top-3 shares;
 * - the next step for a whole village (the demo generator's 2,000 households, about 8,000 people and
 *   their skill steps): every person's next three cards, and every household's cards to bring (what
 *   the round planner asks, row by row, for the doors on screen).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoData } from '../../src/core/demo-data';
import { newId } from '../../src/core/ids';
import { type LessonCard, lessonCardFields } from '../../src/core/lessons/card';
import { householdCards, type LearnerProfile, learnerOf, nextCards } from '../../src/core/lessons/next-step';
import { createQuestionBox, synonymListSchema } from '../../src/core/lessons/question-box';
import { type ExpectedAnswer, scoreQuestionBox } from '../../src/core/lessons/question-box-score';
import { type AssistLike, currentStatus } from '../../src/core/skills/status';
import { projectRoot } from '../../src/server/project.js';
import { median, percentile, round } from './util';

export interface LessonsBenchResult {
  cards: number;
  questions: number;
  top1: number;
  top3: number;
  buildMs: number;
  askMedianMs: number;
  askP95Ms: number;
  people: number;
  households: number;
  nextCardsAllMs: number;
  householdCardsAllMs: number;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export function benchLessons(options: { runs: number }): LessonsBenchResult {
  const dir = join(projectRoot, 'src/content/lessons');
  const cards: LessonCard[] = readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== 'synonyms.json')
    .sort()
    .map((name) => ({ ...lessonCardFields.parse(readJson(join(dir, name))), origin: 'bundled' as const }));
  const synonyms = synonymListSchema.parse(readJson(join(dir, 'synonyms.json')));
  const table = readJson(join(projectRoot, 'tests/core/fixtures/lesson-questions.json')) as ExpectedAnswer[];

  const builds: number[] = [];
  let box = createQuestionBox(cards, synonyms);
  for (let i = 0; i < options.runs; i++) builds.push(time(() => (box = createQuestionBox(cards, synonyms))));
  const asks: number[] = [];
  for (let i = 0; i < options.runs; i++)
    for (const { question } of table) asks.push(time(() => box.ask(question, 3)));
  const score = scoreQuestionBox(box, table);

  const [village] = generateDemoData({
    now: new Date('2026-11-30T03:00:00Z'),
    newId,
    collectedBy: 'Tổ viên',
    villageCount: 1,
    householdsPerVillage: 2_000,
    seed: 7,
  });
  if (!village) throw new Error('no village generated');
  const steps = new Map<string, AssistLike[]>();
  for (const a of village.assists) {
    const list = steps.get(a.residentId) ?? [];
    list.push({ ...a, hlc: a.createdAt });
    steps.set(a.residentId, list);
  }
  const people = village.residents.map((r) => ({
    householdId: r.householdId,
    ...learnerOf(r, currentStatus(steps.get(r.id) ?? [])),
  }));
  const byHousehold = new Map<string, LearnerProfile[]>();
  for (const p of people) byHousehold.set(p.householdId, [...(byHousehold.get(p.householdId) ?? []), p]);
  const options2026 = { year: 2026 };
  const all: number[] = [];
  const doors: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    all.push(
      time(() => {
        for (const p of people) nextCards(p, cards, options2026);
      }),
    );
    doors.push(
      time(() => {
        for (const list of byHousehold.values()) householdCards(list, cards, options2026);
      }),
    );
  }
  return {
    cards: cards.length,
    questions: score.count,
    top1: round(score.top1 * 100, 1),
    top3: round(score.top3 * 100, 1),
    buildMs: round(median(builds), 2),
    askMedianMs: round(median(asks), 3),
    askP95Ms: round(percentile(asks, 95), 3),
    people: people.length,
    households: byHousehold.size,
    nextCardsAllMs: round(median(all), 1),
    householdCardsAllMs: round(median(doors), 1),
  };
}
