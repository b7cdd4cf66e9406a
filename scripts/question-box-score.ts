/**
 * Prints the question box's top-1 and top-3 shares on tests/core/fixtures/lesson-questions.json,
 * and every miss: `npx tsx scripts/question-box-score.ts`. Reads the card files with node:fs
 * (import.meta.glob exists only under Vite) and parses them with the same schemas as the app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LessonCard, lessonCardFields } from '../src/core/lessons/card';
import { createQuestionBox, synonymListSchema } from '../src/core/lessons/question-box';
import { type ExpectedAnswer, formatMisses, scoreQuestionBox } from '../src/core/lessons/question-box-score';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LESSONS = join(ROOT, 'src/content/lessons');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const cards: LessonCard[] = readdirSync(LESSONS)
  .filter((name) => name.endsWith('.json') && name !== 'synonyms.json')
  .sort()
  .map((name) => ({ ...lessonCardFields.parse(readJson(join(LESSONS, name))), origin: 'bundled' as const }));
const synonyms = synonymListSchema.parse(readJson(join(LESSONS, 'synonyms.json')));
const table = readJson(join(ROOT, 'tests/core/fixtures/lesson-questions.json')) as ExpectedAnswer[];

const score = scoreQuestionBox(createQuestionBox(cards, synonyms), table);
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
console.log(`${cards.length} cards, ${score.count} questions`);
console.log(`top 1: ${pct(score.top1)} (${Math.round(score.top1 * score.count)})`);
console.log(`top 3: ${pct(score.top3)} (${Math.round(score.top3 * score.count)})`);
if (score.misses.length > 0) console.log(`not first:\n${formatMisses(score.misses)}`);
