import { describe, expect, it } from 'vitest';
import { BUNDLED_CARDS } from '../../src/content/lessons';
import { BUNDLED_SYNONYMS } from '../../src/content/lessons/synonyms';
import rawSynonyms from '../../src/content/lessons/synonyms.json';
import type { LessonCard } from '../../src/core/lessons/card';
import {
  createQuestionBox,
  expandQuestion,
  questionTerms,
  type SynonymList,
  synonymListSchema,
} from '../../src/core/lessons/question-box';
import {
  type ExpectedAnswer,
  formatMisses,
  scoreQuestionBox,
} from '../../src/core/lessons/question-box-score';
import questions from './fixtures/lesson-questions.json';

const TABLE: readonly ExpectedAnswer[] = questions;

/** A small valid card; each test gives only the texts it is about. */
function card(key: string, title: string, more: Partial<LessonCard> = {}): LessonCard {
  return {
    key,
    version: 1,
    role: 'main',
    skill: 'device_basics',
    prerequisites: [],
    needsSmartphone: true,
    situations: [],
    reasonWords: [],
    title: { vi: title, en: title },
    summary: { vi: 'Tóm tắt.', en: 'Summary.' },
    steps: [
      { vi: 'Bước một.', en: 'Step one.' },
      { vi: 'Bước hai.', en: 'Step two.' },
      { vi: 'Bước ba.', en: 'Step three.' },
    ],
    warnings: [],
    keywords: [],
    sources: [{ title: 'Nguồn', url: 'https://example.gov.vn/' }],
    officialLinks: [],
    origin: 'bundled',
    ...more,
  };
}

const SMALL_SET: readonly LessonCard[] = [
  card('scam', 'Nhận biết lừa đảo qua điện thoại', {
    title: { vi: 'Nhận biết lừa đảo qua điện thoại', en: 'Recognise phone scams' },
  }),
  card('island', 'Du lịch đảo Cô Tô'),
  card('install', 'Cài ứng dụng VNeID', { keywords: ['tải vneid'] }),
  card('transfer', 'Chuyển tiền bằng mã QR', {
    title: { vi: 'Chuyển tiền bằng mã QR', en: 'Send money with a QR code' },
  }),
  card('account', 'Mở tài khoản ngân hàng trên điện thoại'),
];

const keysOf = (answers: ReadonlyArray<{ key: string }>) => answers.map((a) => a.key);

describe('question box: the table of real questions', () => {
  const box = createQuestionBox(BUNDLED_CARDS, BUNDLED_SYNONYMS);
  const score = scoreQuestionBox(box, TABLE);

  it('has at least 60 questions, three or more for every bundled card, each naming a bundled card', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
    const keys = new Set(BUNDLED_CARDS.map((c) => c.key));
    expect(TABLE.filter((row) => !keys.has(row.expected))).toEqual([]);
    for (const key of keys)
      expect(TABLE.filter((row) => row.expected === key).length, key).toBeGreaterThanOrEqual(3);
  });

  it('answers the expected card first or within the first three at the measured levels', () => {
    console.info(
      `question box: ${score.count} questions, top 1 ${(score.top1 * 100).toFixed(1)}%, ` +
        `top 3 ${(score.top3 * 100).toFixed(1)}%\n${formatMisses(score.misses)}`,
    );
    // The levels reached (105 and 109 of 109), rounded down; the target is 0.9 in the top 3.
    expect(score.top1).toBeGreaterThanOrEqual(0.96);
    expect(score.top3).toBeGreaterThanOrEqual(1);
  });

  it('still answers from the card texts alone, without their keywords (a commune card may have none)', () => {
    const bare = BUNDLED_CARDS.map((c) => ({ ...c, keywords: [], reasonWords: [] }));
    const plain = scoreQuestionBox(createQuestionBox(bare, BUNDLED_SYNONYMS), TABLE);
    console.info(
      `question box without keywords: top 1 ${(plain.top1 * 100).toFixed(1)}%, top 3 ${(plain.top3 * 100).toFixed(1)}%`,
    );
    // Reached: 96 and 106 of 109.
    expect(plain.top1).toBeGreaterThanOrEqual(0.88);
    expect(plain.top3).toBeGreaterThanOrEqual(0.97);
  });
});

describe('question box: tokenizer', () => {
  it('folds diacritics, đ and case, and keeps syllables and adjacent pairs', () => {
    expect(questionTerms('Lừa Đảo')).toEqual(['lua', 'dao', 'lua_dao']);
    expect(questionTerms('lua dao')).toEqual(questionTerms('lừa đảo'));
  });

  it('never makes a pair across punctuation', () => {
    expect(questionTerms('cài vneid, tải app')).toEqual([
      'cai',
      'vneid',
      'cai_vneid',
      'tai',
      'app',
      'tai_app',
    ]);
  });

  it('drops question words and phrases, and pairs across them', () => {
    expect(questionTerms('tôi muốn cài vneid ở đâu')).toEqual(['cai', 'vneid', 'cai_vneid']);
    expect(questionTerms('ko co smartphone thi lam sao')).toEqual([
      'ko',
      'co',
      'smartphone',
      'ko_co',
      'co_smartphone',
    ]);
  });

  it('keeps syllables whose other reading carries meaning: thẻ, căn cước, chợ, lạ, mã, làm', () => {
    expect(questionTerms('thẻ căn cước')).toEqual(['the', 'can', 'cuoc', 'the_can', 'can_cuoc']);
    expect(questionTerms('mã ở chợ')).toEqual(['ma', 'cho']);
    expect(questionTerms('tin nhắn lạ')).toContain('nhan_la');
    expect(questionTerms('làm vneid mức 2')).toContain('lam_vneid');
  });

  it('spells "ky" and "ki" alike', () => {
    expect(questionTerms('đăng kí kĩ năng')).toEqual(questionTerms('đăng ký kỹ năng'));
  });

  it('rewrites short forms before making pairs', () => {
    const rewrites = { dt: 'dien thoai', ko: 'khong' };
    expect(questionTerms('dt ko quet', rewrites)).toEqual([
      'dien',
      'thoai',
      'khong',
      'quet',
      'dien_thoai',
      'thoai_khong',
      'khong_quet',
    ]);
  });

  it('has no term for a blank question or one of question words only', () => {
    expect(questionTerms('   ')).toEqual([]);
    expect(questionTerms('làm sao, ở đâu?')).toEqual([]);
  });
});

describe('question box: synonyms', () => {
  const list: SynonymList = {
    rewrites: { tk: 'tai khoan' },
    groups: [
      ['chuyen tien', 'chuyen khoan', 'tra tien', 'thanh toan'],
      ['cai', 'cai dat', 'tai', 'tai ve'],
      ['tai khoan', 'account'],
    ],
  };
  const weightOf = (terms: ReturnType<typeof expandQuestion>, term: string) =>
    terms.find((t) => t.term === term)?.weight;

  it("adds a group's other phrases at a lower weight than the words asked", () => {
    const terms = expandQuestion('chuyen khoan bang qr', list);
    expect(weightOf(terms, 'chuyen_khoan')).toBe(1);
    expect(weightOf(terms, 'chuyen_tien')).toBeLessThan(1);
    expect(weightOf(terms, 'tra_tien')).toBeLessThan(1);
    expect(weightOf(terms, 'qr')).toBe(1);
  });

  it('adds only the pairs of a longer synonym, not its common syllables', () => {
    const terms = expandQuestion('chuyen khoan', list);
    expect(weightOf(terms, 'tien')).toBeUndefined();
  });

  it('matches the longest phrase: "tai khoan" is an account, not the "tai" of "tai ve"', () => {
    const terms = expandQuestion('mo tk ngan hang', list);
    expect(weightOf(terms, 'account')).toBeLessThan(1);
    expect(weightOf(terms, 'cai_dat')).toBeUndefined();
    expect(weightOf(expandQuestion('tai vneid', list), 'cai_dat')).toBeLessThan(1);
  });

  it('finds a card through a synonym the card uses and the question does not', () => {
    const box = createQuestionBox(SMALL_SET, list);
    expect(keysOf(box.ask('thanh toan'))[0]).toBe('transfer');
    expect(keysOf(createQuestionBox(SMALL_SET).ask('thanh toan'))).not.toContain('transfer');
  });

  it('the bundled synonyms.json validates', () => {
    expect(synonymListSchema.safeParse(rawSynonyms).success).toBe(true);
    expect(BUNDLED_SYNONYMS.groups.length).toBeGreaterThan(10);
  });

  it('refuses a phrase in two groups, an unfolded phrase and a one-phrase group', () => {
    expect(
      synonymListSchema.safeParse({
        rewrites: {},
        groups: [
          ['qr', 'ma qr'],
          ['qr', 'quet ma'],
        ],
      }).success,
    ).toBe(false);
    expect(synonymListSchema.safeParse({ rewrites: {}, groups: [['mã qr', 'qr']] }).success).toBe(false);
    expect(synonymListSchema.safeParse({ rewrites: {}, groups: [['qr']] }).success).toBe(false);
    expect(synonymListSchema.safeParse({ rewrites: { DT: 'dien thoai' }, groups: [] }).success).toBe(false);
  });
});

describe('question box: answers', () => {
  const box = createQuestionBox(SMALL_SET);

  it('answers nothing to a blank question or to question words only', () => {
    expect(box.ask('')).toEqual([]);
    expect(box.ask('   ')).toEqual([]);
    expect(box.ask('lam sao')).toEqual([]);
  });

  it('ranks the card holding the two-syllable word above one holding a syllable of it', () => {
    const [first, second] = box.ask('lua dao');
    expect(first?.key).toBe('scam');
    expect(second?.key).toBe('island');
    expect(second?.score ?? 0).toBeLessThan((first?.score ?? 0) / 2);
    expect(keysOf(box.ask('dao')).slice(0, 2).sort()).toEqual(['island', 'scam']);
  });

  it('answers best first, with decreasing scores, at most `limit`', () => {
    const answers = box.ask('chuyen tien dien thoai', 2);
    expect(answers).toHaveLength(2);
    expect(answers[0]?.score).toBeGreaterThanOrEqual(answers[1]?.score ?? Number.POSITIVE_INFINITY);
  });

  it('finds a card through a misspelling, a swapped pair of letters and an unfinished last word', () => {
    expect(keysOf(box.ask('cai vneit'))[0]).toBe('install');
    expect(keysOf(box.ask('cai vnied'))[0]).toBe('install');
    expect(keysOf(box.ask('tai khoan ngan ha'))[0]).toBe('account');
  });

  it('matches a word the cards use as typed, and only an unknown word fuzzily', () => {
    const cards = [card('birth', 'Đăng ký khai sinh'), card('other', 'Việc khác')];
    const near = createQuestionBox(cards);
    expect(keysOf(near.ask('khac'))).toEqual(['other']);
    expect(keysOf(near.ask('khaii'))).toEqual(['birth']);
  });

  it('answers an English question from the English texts', () => {
    expect(keysOf(box.ask('phone scams'))[0]).toBe('scam');
  });

  it('never answers with a hidden card', () => {
    const hidden = createQuestionBox(SMALL_SET.map((c) => (c.key === 'scam' ? { ...c, hidden: true } : c)));
    expect(keysOf(hidden.ask('lừa đảo qua điện thoại', 10))).not.toContain('scam');
    expect(keysOf(hidden.ask('Nhận biết lừa đảo qua điện thoại', 10))).not.toContain('scam');
  });

  it("finds a card by its edited text (a commune's edit wins over the bundled words)", () => {
    const edited = SMALL_SET.map((c) =>
      c.key === 'account'
        ? { ...c, steps: [...c.steps, { vi: 'Gọi tổng đài Agribank để được hỗ trợ.', en: 'Call Agribank.' }] }
        : c,
    );
    expect(keysOf(createQuestionBox(SMALL_SET).ask('agribank'))).toEqual([]);
    expect(keysOf(createQuestionBox(edited).ask('agribank'))).toEqual(['account']);
  });
});
