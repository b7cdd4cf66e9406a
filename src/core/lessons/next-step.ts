/**
 * A resident's personalised next step (issue 20, part 4; plan appendix task 12: guidance that adapts to
 * each person's level and needs): from what the register knows of a person, the next one to three lesson
 * cards to bring, in order.
 *
 * Guarantees, whatever the profile and the card set:
 * - Prerequisites are never skipped: the first card's prerequisites are all satisfied by the person, and
 *   each later card's are satisfied or taught by a main card earlier in the list (device basics before
 *   VNeID; VNeID level 2 before the services that log in with it). A card that cannot be reached is left
 *   out rather than shown too early.
 * - No card for a skill the person already has (VNeID steps count as had once a later step is reached,
 *   as in status.ts), no hidden card, no card twice.
 * - Without a smartphone, only what can be done without one (needsSmartphone false), with the referral
 *   to make (VNeID level 2 at the commune police; DOMAIN "VNeID").
 *
 * Order: a card that answers the reason of a failed attempt first (the failure is what stopped the
 * person), then a retry of the failed step, then what was started at or near the last visit, then a
 * card for the person's situation (no smartphone, SIM not in their own name, no chip card), then the
 * next step of the VNeID journey (task 19: every citizen 16+ with a digital identity), then the other
 * lessons by the plan's order of need, with a person's groups moving their own lessons forward
 * (traders: cashless payment and online shopping, "Chợ số 4T"; civil servants: public services and
 * confirming skills; students: AI). For an elderly person (60+, schemas.ts) the cards with fewer steps
 * come first among those other lessons. Ties go by key, so every phone suggests the same cards.
 *
 * Pure: no DOM, no clock (the year is passed in).
 */
import { daysBetween } from '../dates';
import type { ResidentGroup } from '../schemas';
import { isElderly } from '../schemas';
import { foldForSearch } from '../search';
import { SKILL_CODES, type SkillCode, VNEID_STEPS } from '../skills/catalogue';
import { isDone, type SkillStatusMap, vneidProgress } from '../skills/status';
import type { LessonCard, LessonSituation } from './card';

/**
 * A resident's profile for the next step, from their register row and current skill status.
 * @param resident birth year, groups and the phone and card facts (consent-bound: absent without it)
 */
export function learnerOf(
  resident: Pick<LearnerProfile, 'birthYear' | 'groups' | 'hasSmartphone' | 'hasChipId' | 'simOwnName'>,
  status: SkillStatusMap,
  lastVisitOn?: string,
): LearnerProfile {
  return {
    birthYear: resident.birthYear,
    groups: resident.groups,
    hasSmartphone: resident.hasSmartphone,
    hasChipId: resident.hasChipId,
    simOwnName: resident.simOwnName,
    status,
    ...(lastVisitOn ? { lastVisitOn } : {}),
  };
}

/** What the next step is chosen from: a resident as the register knows them. */
export interface LearnerProfile {
  birthYear: number;
  groups: readonly ResidentGroup[];
  /** Unknown (undefined) is treated as "has one": the question was not asked, nothing is excluded. */
  hasSmartphone?: boolean | undefined;
  hasChipId?: boolean | undefined;
  simOwnName?: boolean | undefined;
  /** The current status per skill (status.ts `currentStatus` of the person's assists). */
  status: SkillStatusMap;
  /**
   * The day of the last visit to the household ("YYYY-MM-DD"), if any. A step left in progress is
   * continued only when it was begun within CONTINUE_WITHIN_DAYS of that visit; begun long before
   * and untouched since, it is taught again in its place among the lessons.
   */
  lastVisitOn?: string | undefined;
}

/** Why a card was chosen, shown beside it in words. */
export type NextReason =
  | 'fix_failure'
  | 'retry'
  | 'continue'
  | 'situation'
  | 'start'
  | 'next_on_journey'
  | 'priority';

export interface NextCard {
  key: string;
  skill: SkillCode;
  reason: NextReason;
  /** For `situation`: which of the person's situations the card answers. */
  situation?: LessonSituation;
  /** For `fix_failure`: the failed attempt's reason, as the helper wrote it. */
  failReason?: string;
  /** Set when the step is done elsewhere: VNeID level 2 is made at the commune police. */
  referral?: 'commune_police';
}

export interface NextStepOptions {
  /** The commune's current year (ages are judged by it). */
  year: number;
  /** How many cards at most; @default 3 */
  limit?: number;
  /**
   * Only the way to these skills (a dashboard list of who lacks a target): their cards, the help
   * cards on the way, and the prerequisites they need first. @default every skill
   */
  towards?: readonly SkillCode[];
}

/** The skills `towards` needs, with every prerequisite of their main cards, transitively. */
function wayTo(towards: readonly SkillCode[], cards: readonly LessonCard[]): Set<SkillCode> {
  const out = new Set(towards);
  let grew = true;
  while (grew) {
    grew = false;
    for (const card of cards) {
      if (card.role !== 'main' || !out.has(card.skill)) continue;
      for (const p of card.prerequisites) {
        if (!out.has(p)) {
          out.add(p);
          grew = true;
        }
      }
    }
  }
  return out;
}

/** How long a step in progress is worth continuing, counted back from the last visit (days). */
export const CONTINUE_WITHIN_DAYS = 90;

/** Children under 14 get VNeID through a parent's level 2 account (DOMAIN "VNeID"). */
export const OWN_VNEID_MIN_AGE = 14;

/**
 * The plan's order of need when nothing else decides: using the phone, then the VNeID journey (task 19),
 * protecting oneself, then the services and the rest of the five basics (3240/BTTTT-CĐSQG).
 */
export const SKILL_PRIORITY: readonly SkillCode[] = [
  'device_basics',
  'vneid_installed',
  'vneid_level1',
  'vneid_level2_referred',
  'vneid_level2_active',
  'online_safety',
  'public_services_online',
  'digital_bank_account',
  'cashless_payment',
  'vneid_skills_confirmed',
  'online_shopping',
  'local_platforms',
  'e_health',
  'ai_basics',
];

/** A group's own lessons, moved ahead of the rest of the main lessons. */
const GROUP_FOCUS: Partial<Record<ResidentGroup, readonly SkillCode[]>> = {
  trader: ['cashless_payment', 'online_shopping'],
  civil_servant: ['public_services_online', 'vneid_skills_confirmed'],
  student: ['ai_basics'],
  enterprise_worker: ['digital_bank_account'],
};

/**
 * Whether a person has a skill for the purpose of prerequisites: done, or for a VNeID step, reached or
 * passed on the journey (being sent to the police counts as the referral step reached).
 */
export function hasSkill(status: SkillStatusMap, skill: SkillCode): boolean {
  const journeyIndex = (VNEID_STEPS as readonly string[]).indexOf(skill);
  if (journeyIndex < 0) return isDone(status, skill);
  return vneidProgress(status).steps[journeyIndex]?.done === true;
}

/** Every skill `hasSkill` says the person has, with the VNeID journey read once. */
export function skillsHad(status: SkillStatusMap): Set<SkillCode> {
  const journey = vneidProgress(status).steps;
  const out = new Set<SkillCode>();
  for (const skill of SKILL_CODES) {
    const index = (VNEID_STEPS as readonly string[]).indexOf(skill);
    if (index < 0 ? isDone(status, skill) : journey[index]?.done === true) out.add(skill);
  }
  return out;
}

/** Folded words of a failure's reason, matched as whole words or phrases of the folded reason. */
function reasonMatches(reason: string, words: readonly string[]): boolean {
  const folded = ` ${foldForSearch(reason).replace(/[^a-z0-9]+/g, ' ')} `;
  return words.some((word) => {
    const w = foldForSearch(word)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    return w !== '' && folded.includes(` ${w} `);
  });
}

/** A card's length for a listener: how many steps there are to follow. */
export function cardLength(card: Pick<LessonCard, 'steps'>): number {
  return card.steps.length;
}

/** Begun on or after the last visit's day less CONTINUE_WITHIN_DAYS (or no visit known). */
function recent(on: string, lastVisitOn: string | undefined): boolean {
  return lastVisitOn === undefined || daysBetween(on, lastVisitOn) <= CONTINUE_WITHIN_DAYS;
}

function situationsOf(profile: LearnerProfile): Set<LessonSituation> {
  const out = new Set<LessonSituation>();
  if (profile.hasSmartphone === false) out.add('no_smartphone');
  if (profile.simOwnName === false) out.add('no_sim_own_name');
  if (profile.hasChipId === false) out.add('no_chip_id');
  return out;
}

interface Candidate {
  card: LessonCard;
  reason: NextReason;
  situation?: LessonSituation | undefined;
  failReason?: string | undefined;
  /** Lower first. */
  rank: number;
  order: number;
}

const RANK: Record<NextReason, number> = {
  fix_failure: 0,
  retry: 1,
  continue: 2,
  situation: 3,
  next_on_journey: 4,
  start: 5,
  priority: 5,
};

/**
 * The next 1–3 cards for a person, best first (see the module comment for the rules). Empty when the
 * person has every skill, or when nothing they lack can be reached (for instance a child under 14 with
 * every other skill).
 *
 * @param profile the person (birth year, groups, phone and card facts, current skill status)
 * @param cards the cards in use (bundled and the commune's), hidden ones included: they are skipped
 */
export function nextCards(
  profile: LearnerProfile,
  cards: readonly LessonCard[],
  options: NextStepOptions,
): NextCard[] {
  const limit = options.limit ?? 3;
  const age = options.year - profile.birthYear;
  const elderly = isElderly(profile.birthYear, options.year);
  const noPhone = profile.hasSmartphone === false;
  const situations = situationsOf(profile);
  const { status } = profile;
  // Asked once here, not per card and per round of the choice below: a round planner or a dashboard
  // list asks for every person of a village, or of the commune.
  const hadSkills = skillsHad(status);
  const had = (skill: SkillCode) => hadSkills.has(skill);
  const focus = new Set(profile.groups.flatMap((g) => GROUP_FOCUS[g] ?? []));
  const journeyNext = VNEID_STEPS.find((step) => !hadSkills.has(step));

  // The way to what is still missing: a prerequisite of a skill the person has is not on it.
  const towards = options.towards?.filter((skill) => !had(skill));
  const way = towards ? wayTo(towards, cards) : undefined;
  // On a list about other skills, the VNeID journey is not put first: it is one way among others.
  const journeyFirst = towards === undefined || (journeyNext !== undefined && towards.includes(journeyNext));
  const usable = cards.filter(
    (card) =>
      !card.hidden &&
      (way === undefined || way.has(card.skill)) &&
      !had(card.skill) &&
      !(noPhone && card.needsSmartphone) &&
      !(age < OWN_VNEID_MIN_AGE && (VNEID_STEPS as readonly string[]).includes(card.skill)),
  );

  const candidates = new Map<string, Candidate>();
  const offer = (card: LessonCard, reason: NextReason, order: number, extra: Partial<Candidate> = {}) => {
    const held = candidates.get(card.key);
    if (!held || RANK[reason] < held.rank)
      candidates.set(card.key, { card, reason, rank: RANK[reason], order, ...extra });
  };

  // Every failed attempt's reason, whatever its step: "không có điện thoại" written on the install
  // step is answered by the card for people without a smartphone, whose own step is another.
  const reasons: string[] = [];
  for (const step of status.values())
    if (step.status === 'failed' && step.failReason) reasons.push(step.failReason);

  for (const card of usable) {
    const current = status.get(card.skill);
    if (card.role === 'help') {
      const reason =
        card.reasonWords.length > 0 ? reasons.find((r) => reasonMatches(r, card.reasonWords)) : undefined;
      const situation = card.situations.find((s) => situations.has(s));
      if (reason) {
        offer(card, 'fix_failure', 0, { failReason: reason });
      } else if (situation) {
        offer(card, 'situation', 0, { situation });
      }
      continue;
    }
    const priority = SKILL_PRIORITY.indexOf(card.skill);
    const order =
      (focus.has(card.skill) ? 0 : SKILL_CODES.length) + (priority < 0 ? SKILL_CODES.length : priority);
    if (current?.status === 'failed') offer(card, 'retry', order);
    else if (current?.status === 'in_progress' && recent(current.on, profile.lastVisitOn))
      offer(card, 'continue', order);
    else if (card.skill === journeyNext && journeyFirst) offer(card, 'next_on_journey', order);
    else if (card.skill === 'device_basics') offer(card, 'start', order);
    else offer(card, 'priority', order);
  }

  const better = (a: Candidate, b: Candidate): number => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    if (elderly && a.rank === RANK.priority) {
      const length = cardLength(a.card) - cardLength(b.card);
      if (length !== 0) return length;
    }
    if (a.order !== b.order) return a.order - b.order;
    return a.card.key < b.card.key ? -1 : a.card.key > b.card.key ? 1 : 0;
  };

  const chosen: Candidate[] = [];
  const taught = new Set<SkillCode>();
  const pool = [...candidates.values()];
  while (chosen.length < limit) {
    const ready = pool.filter(
      (c) => !chosen.includes(c) && c.card.prerequisites.every((p) => had(p) || taught.has(p)),
    );
    const best = ready.sort(better)[0];
    if (!best) break;
    chosen.push(best);
    if (best.card.role === 'main') taught.add(best.card.skill);
  }

  return chosen.map(({ card, reason, situation, failReason }) => ({
    key: card.key,
    skill: card.skill,
    reason,
    ...(situation ? { situation } : {}),
    ...(failReason ? { failReason } : {}),
    ...(card.skill === 'vneid_level2_referred' ? { referral: 'commune_police' as const } : {}),
  }));
}

/**
 * The cards to bring to a household's door (the round planner's "mang theo thẻ…"): each person's
 * first next card, the ones most of them need first, then those answering a failure or a situation,
 * at most `limit` (default 2) keys.
 */
export function householdCards(
  people: readonly LearnerProfile[],
  cards: readonly LessonCard[],
  options: NextStepOptions,
): string[] {
  const count = new Map<string, { people: number; rank: number }>();
  for (const person of people) {
    const first = nextCards(person, cards, { ...options, limit: 1 })[0];
    if (!first) continue;
    const held = count.get(first.key);
    count.set(first.key, {
      people: (held?.people ?? 0) + 1,
      rank: Math.min(held?.rank ?? Number.POSITIVE_INFINITY, RANK[first.reason]),
    });
  }
  // Most people first; then what stopped someone (a failure's reason, a situation) before a lesson.
  return [...count.entries()]
    .sort(([ka, a], [kb, b]) => b.people - a.people || a.rank - b.rank || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, options.limit ?? 2)
    .map(([key]) => key);
}
