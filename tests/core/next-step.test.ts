/**
 * The personalised next step (issue 20, part 4) over the bundled cards: a table of residents with the
 * cards a team member should bring written out by hand, and a property test that no list ever skips a
 * prerequisite, whatever the person and the card set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CARDS } from '../../src/content/lessons';
import type { LessonCard, LessonSituation } from '../../src/core/lessons/card';
import { hasSkill, householdCards, type LearnerProfile, nextCards } from '../../src/core/lessons/next-step';
import {
  ASSIST_STATUSES,
  type AssistStatus,
  RESIDENT_GROUPS,
  type ResidentGroup,
} from '../../src/core/schemas';
import { BASIC_SKILLS_SET, SKILL_CODES, type SkillCode, VNEID_STEPS } from '../../src/core/skills/catalogue';
import { type AssistLike, currentStatus } from '../../src/core/skills/status';

const YEAR = 2026;

interface Step {
  kind: SkillCode;
  status: AssistStatus;
  on?: string;
  failReason?: string;
}

function profile(
  birthYear: number,
  steps: readonly Step[],
  extra: Partial<Omit<LearnerProfile, 'status' | 'birthYear'>> = {},
): LearnerProfile {
  const assists: AssistLike[] = steps.map((s, i) => ({
    id: `a${i}`,
    kind: s.kind,
    status: s.status,
    howKnown: 'observed',
    on: s.on ?? '2026-10-01',
    hlc: `h${String(i).padStart(3, '0')}`,
    ...(s.failReason ? { failReason: s.failReason } : {}),
  }));
  return { birthYear, groups: [], status: currentStatus(assists), ...extra };
}

const done = (...kinds: SkillCode[]): Step[] => kinds.map((kind) => ({ kind, status: 'done' as const }));
const UP_TO_LEVEL1 = done('device_basics', 'vneid_installed', 'vneid_level1');
const LEVEL2 = done(
  'device_basics',
  'vneid_installed',
  'vneid_level1',
  'vneid_level2_referred',
  'vneid_level2_active',
);

const keys = (p: LearnerProfile, options: { towards?: readonly SkillCode[] } = {}, cards = BUNDLED_CARDS) =>
  nextCards(p, cards, { year: YEAR, ...options }).map((c) => c.key);

describe('the next cards for a resident, written out by hand', () => {
  it.each<[string, LearnerProfile, string[]]>([
    [
      'a 35-year-old with nothing recorded: the phone first, then VNeID from the official store',
      profile(1991, []),
      ['device-basics', 'vneid-install', 'vneid-level1'],
    ],
    [
      'a 40-year-old with level 1: level 2 at the commune police, its activation, then scam awareness',
      profile(1986, UP_TO_LEVEL1),
      ['vneid-level2-police', 'vneid-activate', 'scam-awareness'],
    ],
    [
      'no smartphone, 70: what can be done without one, the referral to the police, phone scams',
      profile(1956, [], { hasSmartphone: false }),
      ['no-smartphone', 'vneid-level2-police', 'scam-awareness'],
    ],
    [
      'elderly, waiting for level 2 activation: the activation, then the shorter cards first',
      profile(1950, done('device_basics', 'vneid_installed', 'vneid_level1', 'vneid_level2_referred')),
      ['vneid-activate', 'e-health', 'scam-awareness'],
    ],
    [
      'the same person at 45: the activation, then by the order of need',
      profile(1981, done('device_basics', 'vneid_installed', 'vneid_level1', 'vneid_level2_referred')),
      ['vneid-activate', 'scam-awareness', 'public-services'],
    ],
    [
      'a trader with level 2: confirming skills, then scam awareness that online shopping needs, then shopping',
      profile(1981, LEVEL2, { groups: ['trader'] }),
      ['vneid-skills-confirm', 'scam-awareness', 'online-shopping'],
    ],
    [
      'level 1 failed for a SIM in the son’s name: the SIM card, then level 1 again',
      profile(1976, [
        ...done('device_basics', 'vneid_installed'),
        { kind: 'vneid_level1', status: 'failed', failReason: 'Sim chưa chính chủ, đứng tên con trai' },
      ]),
      ['sim-own-name', 'vneid-level1', 'vneid-level2-police'],
    ],
    [
      'level 1 failed because the phone has no NFC (typed without marks): the card for that',
      profile(1976, [
        ...done('device_basics', 'vneid_installed'),
        { kind: 'vneid_level1', status: 'failed', failReason: 'dien thoai khong co NFC' },
      ]),
      ['phone-without-nfc', 'vneid-level1', 'vneid-level2-police'],
    ],
    [
      'level 1 failed for a reason no card answers: level 1 again first',
      profile(1976, [
        ...done('device_basics', 'vneid_installed'),
        { kind: 'vneid_level1', status: 'failed', failReason: 'Bà bận, hẹn tuần sau' },
      ]),
      ['vneid-level1', 'vneid-level2-police', 'vneid-activate'],
    ],
    [
      'a forgotten VNeID password after activation: the reset card first',
      profile(1970, [
        ...done('device_basics', 'vneid_installed', 'vneid_level1', 'vneid_level2_referred'),
        { kind: 'vneid_level2_active', status: 'failed', failReason: 'Quên mật khẩu VNeID' },
      ]),
      ['vneid-forgot-password', 'vneid-activate', 'scam-awareness'],
    ],
    [
      'no SIM in their own name (from the profile): the SIM card before level 1',
      profile(1976, done('device_basics', 'vneid_installed'), { simOwnName: false }),
      ['sim-own-name', 'vneid-level1', 'vneid-level2-police'],
    ],
    [
      'a bank account begun at the last visit: continued first',
      profile(1981, [...LEVEL2, { kind: 'digital_bank_account', status: 'in_progress', on: '2026-11-20' }], {
        lastVisitOn: '2026-11-20',
      }),
      ['bank-account', 'vneid-skills-confirm', 'scam-awareness'],
    ],
    [
      'a bank account begun eight months before the last visit: taught in its place again',
      profile(1981, [...LEVEL2, { kind: 'digital_bank_account', status: 'in_progress', on: '2026-03-01' }], {
        lastVisitOn: '2026-11-20',
      }),
      ['vneid-skills-confirm', 'scam-awareness', 'public-services'],
    ],
    [
      'a 12-year-old student: no VNeID of their own (a parent’s account), AI moved forward',
      profile(2014, [], { groups: ['student'] }),
      ['device-basics', 'ai-assistants', 'scam-awareness'],
    ],
    [
      'installing failed for want of a smartphone (another step than the card’s): the card for that',
      profile(1976, [
        ...done('device_basics'),
        { kind: 'vneid_installed', status: 'failed', failReason: 'Không có điện thoại thông minh' },
      ]),
      // Whether she has one is not on her record: installing again stays on the list, after it.
      ['no-smartphone', 'vneid-install', 'vneid-level1'],
    ],
    [
      'activation failed, "quen mk" typed in haste: the password card',
      profile(1970, [
        ...done('device_basics', 'vneid_installed', 'vneid_level1', 'vneid_level2_referred'),
        { kind: 'vneid_level2_active', status: 'failed', failReason: 'quen mk' },
      ]),
      ['vneid-forgot-password', 'vneid-activate', 'scam-awareness'],
    ],
    ['someone with every skill: nothing to bring', profile(1981, done(...SKILL_CODES)), []],
  ])('%s', (_name, p, expected) => {
    expect(keys(p)).toEqual(expected);
  });

  it('says why: the situation answered, the failure fixed, and the referral to the commune police', () => {
    const noPhone = nextCards(profile(1956, [], { hasSmartphone: false }), BUNDLED_CARDS, { year: YEAR });
    expect(noPhone[0]).toMatchObject({
      key: 'no-smartphone',
      reason: 'situation',
      situation: 'no_smartphone',
    });
    expect(noPhone[1]).toMatchObject({ key: 'vneid-level2-police', referral: 'commune_police' });
    const sim = nextCards(
      profile(1976, [
        ...done('device_basics', 'vneid_installed'),
        { kind: 'vneid_level1', status: 'failed', failReason: 'Sim chưa chính chủ' },
      ]),
      BUNDLED_CARDS,
      { year: YEAR },
    );
    expect(sim[0]).toMatchObject({ reason: 'fix_failure', failReason: 'Sim chưa chính chủ' });
    expect(sim[1]).toMatchObject({ key: 'vneid-level1', reason: 'retry' });
  });

  it('a dashboard list keeps to the way to its skills, prerequisites first', () => {
    const basics = keys(profile(1981, done('device_basics', 'vneid_installed', 'vneid_level1')), {
      towards: BASIC_SKILLS_SET,
    });
    // Public services need level 2, so the way to the five basics passes through the police.
    expect(basics).toEqual(['vneid-level2-police', 'vneid-activate', 'scam-awareness']);
    expect(keys(profile(1981, LEVEL2), { towards: ['vneid_skills_confirmed'] })).toEqual([
      'vneid-skills-confirm',
    ]);
  });

  it("a household's door: each person's first card, the most needed first", () => {
    const people = [profile(1956, [], { hasSmartphone: false }), profile(1991, []), profile(1986, [])];
    expect(householdCards(people, BUNDLED_CARDS, { year: YEAR })).toEqual(['device-basics', 'no-smartphone']);
    expect(householdCards(people, BUNDLED_CARDS, { year: YEAR, limit: 1 })).toEqual(['device-basics']);
    expect(householdCards([profile(1981, done(...SKILL_CODES))], BUNDLED_CARDS, { year: YEAR })).toEqual([]);
    // One person each: what stopped someone (a failed step's reason) before a lesson, not by name.
    const failed = profile(1976, [
      ...done('device_basics', 'vneid_installed'),
      { kind: 'vneid_level1', status: 'failed', failReason: 'SIM không chính chủ' },
    ]);
    expect(householdCards([profile(2014, []), failed], BUNDLED_CARDS, { year: YEAR })).toEqual([
      'sim-own-name',
      'device-basics',
    ]);
  });

  it('a card the commune hid is never suggested; its own card for a situation is', () => {
    const hidden = BUNDLED_CARDS.map((c) => (c.key === 'scam-awareness' ? { ...c, hidden: true } : c));
    expect(keys(profile(1956, [], { hasSmartphone: false }), {}, hidden)).toEqual([
      'no-smartphone',
      'vneid-level2-police',
    ]);
  });
});

const SITUATIONS: readonly LessonSituation[] = ['no_smartphone', 'no_sim_own_name', 'no_chip_id'];

/** A random card set: keys, skills and prerequisites drawn so that any shape of graph can occur. */
const cardSet = fc
  .array(
    fc.record({
      skill: fc.constantFrom(...SKILL_CODES),
      role: fc.constantFrom('main' as const, 'help' as const),
      prerequisites: fc.subarray([...SKILL_CODES], { maxLength: 3 }),
      needsSmartphone: fc.boolean(),
      situations: fc.subarray([...SITUATIONS], { maxLength: 2 }),
      reasonWords: fc.subarray(['sim', 'nfc', 'mat khau', 'bận'], { maxLength: 2 }),
      steps: fc.integer({ min: 3, max: 7 }),
      hidden: fc.boolean(),
    }),
    { maxLength: 24 },
  )
  .map((drawn): LessonCard[] =>
    drawn.map((d, i) => ({
      ...(BUNDLED_CARDS[0] as LessonCard),
      key: `card-${i}`,
      skill: d.skill,
      role: d.role,
      prerequisites: d.prerequisites.filter((p) => p !== d.skill),
      needsSmartphone: d.needsSmartphone,
      situations: d.situations,
      reasonWords: d.reasonWords,
      steps: Array.from({ length: d.steps }, () => ({ vi: 'Bước', en: 'Step' })),
      hidden: d.hidden,
    })),
  );

const learner = fc.record({
  birthYear: fc.integer({ min: 1920, max: 2020 }),
  groups: fc.subarray([...RESIDENT_GROUPS] as ResidentGroup[]),
  hasSmartphone: fc.option(fc.boolean(), { nil: undefined }),
  simOwnName: fc.option(fc.boolean(), { nil: undefined }),
  hasChipId: fc.option(fc.boolean(), { nil: undefined }),
  steps: fc.array(
    fc.record({
      kind: fc.constantFrom(...SKILL_CODES),
      status: fc.constantFrom(...ASSIST_STATUSES),
      on: fc.constantFrom('2025-12-01', '2026-06-01', '2026-11-20'),
      failReason: fc.constantFrom('Sim chưa chính chủ', 'không có NFC', 'quên mật khẩu', 'bận'),
    }),
    { maxLength: 12 },
  ),
  lastVisitOn: fc.option(fc.constantFrom('2026-01-10', '2026-11-20'), { nil: undefined }),
});

describe('prerequisites are never skipped (property)', () => {
  it('each card is reachable: its prerequisites had, or taught by a main card before it in the list', () => {
    fc.assert(
      fc.property(learner, fc.oneof(fc.constant(BUNDLED_CARDS), cardSet), (l, cards) => {
        const p = profile(l.birthYear, l.steps, {
          groups: l.groups,
          hasSmartphone: l.hasSmartphone,
          simOwnName: l.simOwnName,
          hasChipId: l.hasChipId,
          lastVisitOn: l.lastVisitOn,
        });
        const list = nextCards(p, cards, { year: YEAR });
        const byKey = new Map(cards.map((c) => [c.key, c]));
        expect(list.length).toBeLessThanOrEqual(3);
        expect(new Set(list.map((c) => c.key)).size).toBe(list.length);
        const taught = new Set<SkillCode>();
        for (const next of list) {
          const card = byKey.get(next.key) as LessonCard;
          for (const pre of card.prerequisites) expect(hasSkill(p.status, pre) || taught.has(pre)).toBe(true);
          expect(card.hidden).not.toBe(true);
          expect(hasSkill(p.status, card.skill)).toBe(false);
          if (l.hasSmartphone === false) expect(card.needsSmartphone).toBe(false);
          if (YEAR - l.birthYear < 14)
            expect((VNEID_STEPS as readonly string[]).includes(card.skill)).toBe(false);
          if (card.role === 'main') taught.add(card.skill);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('with the bundled cards, anyone with a smartphone who lacks a skill gets at least one card', () => {
    fc.assert(
      fc.property(learner, (l) => {
        const p = profile(Math.min(l.birthYear, 2000), l.steps, { groups: l.groups, hasSmartphone: true });
        const lacking = SKILL_CODES.some((s) => !hasSkill(p.status, s));
        expect(nextCards(p, BUNDLED_CARDS, { year: YEAR }).length > 0).toBe(lacking);
      }),
      { numRuns: 300 },
    );
  });
});
