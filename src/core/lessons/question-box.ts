/**
 * The question box (issue 20, task 12): a team member types a few words the way people ask —
 * usually without diacritics, with typos, short forms and slang ("dt ko quet dc chip") — and gets
 * the best lesson cards, offline, from a MiniSearch index built on the phone.
 *
 * What it guarantees:
 * - Folding: case, diacritics and đ never matter ("lừa đảo" = "lua dao"); "ki"/"ky" spellings agree.
 * - Vietnamese words are mostly two syllables and one syllable alone is ambiguous ("dao" is đảo,
 *   Dao or dạo), so every text is indexed as its syllables AND its adjacent-syllable pairs
 *   ("lua dao" → lua, dao, lua_dao): a card holding the word ranks above one holding a syllable.
 *   Pairs never span punctuation, so a card's separate keywords do not run into each other.
 * - Question words ("lam sao", "o dau", "toi", "muon"…) are dropped, so they neither match nor
 *   fuzzy-match anything; syllables with a second, meaningful reading ("can" căn cước, "the" thẻ,
 *   "cho" chợ, "la" lạ, "ma" mã) are kept.
 * - Synonyms are data (src/content/lessons/synonyms.json, validated by `synonymListSchema`):
 *   `rewrites` turn a short form into its words on both sides ("dt" → "dien thoai"), `groups` list
 *   phrases that mean the same; a question's phrase in a group adds the group's other phrases at a
 *   lower weight (the words asked for rank first).
 * - Misspellings: a word no card uses is matched fuzzily (one edit from 5 letters, two from 8) and
 *   by adjacent swaps ("vnied" → "vneid"); the last word is also matched as a prefix, for a
 *   question still being typed.
 * - Hidden cards are never indexed, so never answered.
 */
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { foldForSearch } from '../search';
import type { LessonCard } from './card';

/* ------------------------------------------------------------------------------------------------ */
/* Synonym data                                                                                      */
/* ------------------------------------------------------------------------------------------------ */

const FOLDED_WORD = /^[a-z0-9]+$/;
const FOLDED_PHRASE = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
const foldedPhrase = z.string().regex(FOLDED_PHRASE, 'a folded phrase: lower-case a–z, 0–9, single spaces');

/**
 * The synonym list as data: `rewrites` map one typed short form to the words it stands for (both
 * folded: "dt" → "dien thoai"); `groups` are phrases that mean the same for the question box, each
 * phrase in one group only (otherwise which group it expands to would depend on the order).
 */
export const synonymListSchema = z
  .object({
    rewrites: z.record(z.string().regex(FOLDED_WORD, 'a folded word'), foldedPhrase),
    groups: z.array(z.array(foldedPhrase).min(2, 'a group needs two phrases')),
  })
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.groups.forEach((group, g) => {
      for (const phrase of group) {
        const first = seen.get(phrase);
        if (first !== undefined && first !== g)
          ctx.addIssue({ code: 'custom', message: `"${phrase}" is in groups ${first} and ${g}` });
        seen.set(phrase, g);
      }
    });
  });
export type SynonymList = z.infer<typeof synonymListSchema>;

export const NO_SYNONYMS: SynonymList = { rewrites: {}, groups: [] };

/* ------------------------------------------------------------------------------------------------ */
/* Tokenizer                                                                                         */
/* ------------------------------------------------------------------------------------------------ */

/**
 * Question words and fillers, folded. Dropped as whole phrases first (so "lam" of "lam sao" goes
 * but "lam" of "lam vneid muc 2" stays), then as single syllables.
 */
const STOP_PHRASES: readonly string[] = [
  'nhu the nao',
  'bang cach nao',
  'phai lam sao',
  'lam the nao',
  'lam sao',
  'the nao',
  'o dau',
  'la gi',
  'lam gi',
  'thi sao',
  'duoc khong',
  'cho hoi',
  'xin hoi',
];
const STOP_WORDS: ReadonlySet<string> = new Set([
  // Vietnamese: who asks, what they want, particles. Not "can" (căn cước), "the" (thẻ), "cho" (chợ),
  // "la" (lạ), "ma" (mã), "hoi" (câu hỏi), "anh" (ảnh), "dau" (bắt đầu), "minh" (đứng tên mình).
  'toi',
  'em',
  'muon',
  'giup',
  'gium',
  'dum',
  'bi',
  'cach',
  'nao',
  'sao',
  'gi',
  'nhe',
  'nha',
  'a',
  'ah',
  'vay',
  'nhi',
  'oi',
  'roi',
  'thi',
  'neu',
  'phai',
  'nen',
  'de',
  've',
  'o',
  'cua',
  'va',
  'voi',
  'tren',
  'hay',
  'biet',
  'khi',
  // English question words that are no Vietnamese syllable of meaning here ("the" is thẻ, a card).
  'how',
  'what',
  'where',
  'why',
  'when',
  'which',
  'is',
  'are',
  'my',
  'i',
  'me',
  'of',
  'for',
  'with',
  'by',
  'at',
  'an',
  'it',
  'your',
  'does',
  'has',
  'have',
]);

/** Pairs within a segment: punctuation ends a segment, so pairs never join two sentences or keywords. */
const SEGMENT_BREAK = /[.,;:!?()[\]{}"“”‘’'…|/\\\n]+/;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;
/** "ki"/"ky", "li"/"ly", "qui"/"quy": both spellings are correct and both are typed. */
const Y_AS_I = /^(k|l|m|t|h|s|d|v|b|n|qu)y$/;
/** The separator of a syllable pair in the index: not a letter, so no typed word can contain it. */
export const PAIR_JOINER = '_';

/** One token of a text: its folded, rewritten syllable and whether it is a question word. */
interface Syllable {
  text: string;
  stop: boolean;
}

/**
 * Splits a text into segments of folded syllables, short forms rewritten ("dt" → "dien thoai"),
 * "y" after a consonant spelt "i", and question words marked (kept in place, for phrase matching).
 */
function syllableSegments(text: string, rewrites: SynonymList['rewrites'] = {}): Syllable[][] {
  const segments: Syllable[][] = [];
  for (const part of foldForSearch(text).split(SEGMENT_BREAK)) {
    const words: string[] = [];
    for (const raw of part.split(NOT_LETTER_OR_DIGIT)) {
      if (raw === '') continue;
      const rewritten = Object.hasOwn(rewrites, raw) ? (rewrites[raw] ?? raw) : raw;
      for (const word of rewritten.split(' ')) words.push(word.replace(Y_AS_I, '$1i'));
    }
    const stop = words.map((w) => STOP_WORDS.has(w));
    for (const phrase of STOP_PHRASES) {
      const parts = phrase.split(' ');
      for (let i = 0; i + parts.length <= words.length; i++)
        if (parts.every((p, j) => words[i + j] === p))
          for (let j = 0; j < parts.length; j++) stop[i + j] = true;
    }
    if (words.length > 0) segments.push(words.map((w, i) => ({ text: w, stop: stop[i] ?? false })));
  }
  return segments;
}

/** A segment's meaningful syllables and pairs of adjacent meaningful syllables. */
function segmentTerms(segment: readonly Syllable[]): { words: string[]; pairs: string[] } {
  const words: string[] = [];
  const pairs: string[] = [];
  segment.forEach((s, i) => {
    if (s.stop) return;
    words.push(s.text);
    const next = segment[i + 1];
    if (next && !next.stop) pairs.push(s.text + PAIR_JOINER + next.text);
  });
  return { words, pairs };
}

/**
 * The index terms of a text: every meaningful folded syllable and every pair of adjacent ones, in
 * order of appearance ("Lừa đảo qua điện thoại" → lua, dao, qua, dien, thoai, lua_dao, dao_qua,
 * qua_dien, dien_thoai). Question words are dropped and a pair never spans one.
 */
export function questionTerms(text: string, rewrites: SynonymList['rewrites'] = {}): string[] {
  const out: string[] = [];
  for (const segment of syllableSegments(text, rewrites)) {
    const { words, pairs } = segmentTerms(segment);
    out.push(...words, ...pairs);
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------ */
/* Query building                                                                                    */
/* ------------------------------------------------------------------------------------------------ */

/** Weight of a synonym's terms against the words asked (1). */
const SYNONYM_WEIGHT = 0.5;
/** Weight of an adjacent-swap spelling ("vnied" → "vneid"): MiniSearch's fuzzy weight. */
const SWAP_WEIGHT = 0.45;

/** One term searched: its weight, what it stands for (for counting matched ideas), its fuzziness. */
export interface QueryTerm {
  term: string;
  weight: number;
  /** Terms with the same origin count once when ranking by how much of the question a card covers. */
  origin: string;
  /** Whether a misspelling of it may match (words typed by the person, not synonyms we added). */
  typed: boolean;
}

interface Group {
  phrases: Array<{ phrase: string; words: string[] }>;
}

/** Groups tokenized once per list: a question is asked on every key press. */
const prepared = new WeakMap<SynonymList, { groups: Group[]; longest: number }>();

function prepareGroups(list: SynonymList): { groups: Group[]; longest: number } {
  const cached = prepared.get(list);
  if (cached) return cached;
  let longest = 0;
  const groups = list.groups.map((group) => ({
    phrases: group.map((phrase) => {
      const words = syllableSegments(phrase, list.rewrites)
        .flat()
        .filter((s) => !s.stop)
        .map((s) => s.text);
      longest = Math.max(longest, words.length);
      return { phrase, words };
    }),
  }));
  prepared.set(list, { groups, longest });
  return { groups, longest };
}

/** The terms a phrase adds as a synonym: a one-syllable phrase its syllable, a longer one its pairs. */
function phraseTerms(words: readonly string[]): string[] {
  if (words.length === 1) return [...words];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) pairs.push(words[i] + PAIR_JOINER + words[i + 1]);
  return pairs;
}

/**
 * The weighted terms of a question: its own terms (weight 1) and, for each phrase found in a
 * synonym group (longest first, left to right, so "tai khoan" is an account and not the "tai" of
 * "tai ve"), the other phrases of the group (weight 0.5). A longer synonym phrase adds only its
 * syllable pairs: "dinh danh dien tu" must not pull every card that says "dien".
 */
export function expandQuestion(question: string, list: SynonymList = NO_SYNONYMS): QueryTerm[] {
  const { groups, longest } = prepareGroups(list);
  const byTerm = new Map<string, QueryTerm>();
  const add = (term: string, weight: number, origin: string, typed: boolean) => {
    const had = byTerm.get(term);
    if (!had || had.weight < weight) byTerm.set(term, { term, weight, origin, typed: typed || !!had?.typed });
  };
  syllableSegments(question, list.rewrites).forEach((segment, s) => {
    const { words, pairs } = segmentTerms(segment);
    const origins = new Map<string, string>();
    // Synonym phrases over the meaningful syllables, longest match first at each position.
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(longest, words.length - i); n > 0 && matched === 0; n--) {
        const slice = words.slice(i, i + n);
        for (const [g, group] of groups.entries()) {
          const hit = group.phrases.find(
            (p) => p.words.length === n && p.words.every((w, j) => w === slice[j]),
          );
          if (!hit) continue;
          const origin = `g${g}@${s}.${i}`;
          for (const term of phraseTerms(slice)) origins.set(term, origin);
          for (const word of slice) origins.set(word, origin);
          for (const other of group.phrases)
            if (other !== hit)
              for (const term of phraseTerms(other.words)) add(term, SYNONYM_WEIGHT, origin, false);
          matched = n;
          break;
        }
      }
      i += Math.max(matched, 1);
    }
    for (const term of [...words, ...pairs]) add(term, 1, origins.get(term) ?? term, true);
  });
  return [...byTerm.values()];
}

/** Adjacent swaps of a word ("vnied" → "nvied", "vined", "vneid", "vnide"), for fast-typing slips. */
function adjacentSwaps(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

/**
 * Edits allowed for a misspelt term. Words: none under 5 letters (four-letter syllables one edit
 * apart abound: khai/khac/khau), one to 7, two from 8 ("smartphon"). Pairs: one, two from 10 letters
 * ("chuyen_khoang" → "chuyen_khoan").
 */
function fuzzyDistance(term: string): number {
  if (term.includes(PAIR_JOINER)) return term.length < 10 ? 1 : 2;
  if (term.length < 5) return 0;
  return term.length < 8 ? 1 : 2;
}

/* ------------------------------------------------------------------------------------------------ */
/* The box                                                                                           */
/* ------------------------------------------------------------------------------------------------ */

/** Field boosts: the title says what a card is; English is the second language, weighed low. */
const BOOST = {
  title: 4,
  keywords: 3,
  summary: 1.5,
  steps: 1,
  warnings: 0.8,
  titleEn: 0.6,
  summaryEn: 0.3,
  stepsEn: 0.2,
  warningsEn: 0.2,
} as const;
type Field = keyof typeof BOOST;
const FIELDS = Object.keys(BOOST) as Field[];

function fieldText(card: LessonCard, field: Field): string {
  // ". " ends a segment: keywords, steps and warnings are separate texts, pairs must not join them.
  const join = (texts: readonly string[]) => texts.join('. ');
  switch (field) {
    case 'title':
      return card.title.vi;
    case 'keywords':
      return join([...card.keywords, ...card.reasonWords]);
    case 'summary':
      return card.summary.vi;
    case 'steps':
      return join(card.steps.map((s) => s.vi));
    case 'warnings':
      return join(card.warnings.map((w) => w.vi));
    case 'titleEn':
      return card.title.en;
    case 'summaryEn':
      return card.summary.en;
    case 'stepsEn':
      return join(card.steps.map((s) => s.en));
    case 'warningsEn':
      return join(card.warnings.map((w) => w.en));
  }
}

export interface QuestionAnswer {
  /** The card's key. */
  key: string;
  /** Relevance, higher is better; only comparable within one question. */
  score: number;
}

export interface QuestionBox {
  /**
   * The cards that best answer a question, best first, at most `limit` (default 5); [] for a blank
   * question or one with no meaningful word.
   */
  ask(question: string, limit?: number): QuestionAnswer[];
}

/**
 * Builds the question box over the visible cards (hidden ones are left out of the index).
 * `synonyms` is the parsed synonym list (src/content/lessons/synonyms.json through
 * `synonymListSchema`); without it only folding, pairs, fuzzy and prefix matching apply.
 * Building indexes every card's Vietnamese and English texts: done once per card set.
 */
export function createQuestionBox(
  cards: readonly LessonCard[],
  synonyms: SynonymList = NO_SYNONYMS,
): QuestionBox {
  const vocabulary = new Set<string>();
  const index = new MiniSearch<LessonCard>({
    idField: 'key',
    fields: FIELDS,
    extractField: (card, field) => (field === 'key' ? card.key : fieldText(card, field as Field)),
    tokenize: (text) => {
      const terms = questionTerms(text, synonyms.rewrites);
      for (const t of terms) vocabulary.add(t);
      return terms;
    },
    processTerm: (term) => term,
  });
  index.addAll(cards.filter((card) => !card.hidden));

  return {
    ask(question, limit = 5) {
      const terms = expandQuestion(question, synonyms);
      if (terms.length === 0) return [];
      const byTerm = new Map<string, QueryTerm>(terms.map((t) => [t.term, t]));
      // Only a word no card uses is taken for a misspelling: Vietnamese syllables are short and many
      // are one edit apart ("nhan" → than, ngan, nhap), so a real word is matched as typed. A pair is
      // misspelt when one of its syllables is ("chuyen_khoang" → "chuyen_khoan").
      const misspelt = (term: string) => term.split(PAIR_JOINER).some((part) => !vocabulary.has(part));
      // Adjacent swaps that are words of the cards stand in for the typed word at a fuzzy weight.
      for (const t of terms) {
        if (!t.typed || t.term.includes(PAIR_JOINER) || t.term.length < 4 || !misspelt(t.term)) continue;
        for (const swap of adjacentSwaps(t.term))
          if (vocabulary.has(swap) && !byTerm.has(swap))
            byTerm.set(swap, { term: swap, weight: t.weight * SWAP_WEIGHT, origin: t.origin, typed: false });
      }
      const lastTyped = [...terms].reverse().find((t) => t.typed && !t.term.includes(PAIR_JOINER));
      const results = index.search([...byTerm.keys()].join(' '), {
        tokenize: (text) => text.split(' '),
        processTerm: (term) => term,
        boost: BOOST,
        boostTerm: (term) => byTerm.get(term)?.weight ?? 1,
        fuzzy: (term) => (byTerm.get(term)?.typed && misspelt(term) ? fuzzyDistance(term) : 0),
        prefix: (term) => term === lastTyped?.term && term.length >= 3,
        combineWith: 'OR',
      });
      return results
        .map((r) => {
          // MiniSearch multiplies by the count of query terms matched; count ideas instead, so a
          // synonym group's many phrases weigh as one thing asked.
          const origins = new Set(r.queryTerms.map((t) => byTerm.get(t)?.origin ?? t));
          return { key: String(r.id), score: (r.score / Math.max(1, r.queryTerms.length)) * origins.size };
        })
        .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))
        .slice(0, Math.max(0, limit));
    },
  };
}
