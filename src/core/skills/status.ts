/**
 * A resident's current status per skill, derived from the assists recorded for them (DESIGN §2).
 * Assists are history: none is overwritten, and the current status of a kind is the assist that ranks
 * highest by (day, how it is known, HLC) — a later day wins; on the same day what a helper saw
 * outranks what the resident said; otherwise the latest recorded (by HLC) wins. A total order, so
 * every phone derives the same status from the same assists whatever order they arrived in.
 */
import type { AssistStatus, HowKnown } from '../schemas';
import { BASIC_SKILLS_SET, type SkillCode, VNEID_STEPS, type VneidStep } from './catalogue';

export interface AssistLike {
  id: string;
  kind: SkillCode;
  status: AssistStatus;
  howKnown: HowKnown;
  /** The day it happened, "YYYY-MM-DD". */
  on: string;
  /** The HLC of the assist's creation (its row clock): the order in which it was recorded. */
  hlc: string;
  by?: string;
  /** Why a `failed` step did not work, in the helper's words (the next step reads it). */
  failReason?: string | undefined;
  deletedAt?: string | undefined;
}

export type SkillStatusMap = ReadonlyMap<SkillCode, AssistLike>;

const HOW_RANK: Record<HowKnown, number> = { self_reported: 0, observed: 1 };

/** Positive when `a` should be the current status over `b`. */
export function compareAssists(a: AssistLike, b: AssistLike): number {
  if (a.on !== b.on) return a.on < b.on ? -1 : 1;
  const how = HOW_RANK[a.howKnown] - HOW_RANK[b.howKnown];
  if (how !== 0) return how;
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The winning assist per kind; deleted assists (undone by mistake) do not count. */
export function currentStatus(assists: Iterable<AssistLike>): Map<SkillCode, AssistLike> {
  const out = new Map<SkillCode, AssistLike>();
  for (const assist of assists) {
    if (assist.deletedAt) continue;
    const held = out.get(assist.kind);
    if (!held || compareAssists(assist, held) > 0) out.set(assist.kind, assist);
  }
  return out;
}

export function isDone(status: SkillStatusMap, kind: SkillCode): boolean {
  return status.get(kind)?.status === 'done';
}

/** DESIGN §2: device basics and the five basics all done. */
export function hasBasicSkills(status: SkillStatusMap): boolean {
  return BASIC_SKILLS_SET.every((kind) => isDone(status, kind));
}

export interface VneidProgress {
  /** Each step in journey order, done or not (a later step done implies the earlier ones). */
  steps: ReadonlyArray<{ code: VneidStep; done: boolean; assist?: AssistLike }>;
  /** The furthest step done, if any. */
  reached?: VneidStep;
  /** The step to take next; undefined when the journey is complete. */
  next?: VneidStep;
  level2: boolean;
  /**
   * Sent to the commune police for level 2 (the referral step reached, or the activation recorded
   * as under way) and not active yet: the household line says the person is waiting there, so a
   * referral in progress is never read as "just level 1" (issue 15, kind 7).
   */
  waitingLevel2: boolean;
}

/**
 * The VNeID journey as ordered steps. A later step done means the earlier ones were done even if
 * nobody recorded them (a resident who walks in with a level 2 account installed the app), so progress
 * is the furthest step done. Being sent to the police is a step towards level 2, not level 2 itself.
 */
export function vneidProgress(status: SkillStatusMap): VneidProgress {
  let furthest = -1;
  VNEID_STEPS.forEach((code, index) => {
    if (
      isDone(status, code) ||
      (code === 'vneid_level2_referred' && status.get(code)?.status === 'referred')
    ) {
      furthest = index;
    }
  });
  const steps = VNEID_STEPS.map((code, index) => {
    const assist = status.get(code);
    return { code, done: index <= furthest, ...(assist ? { assist } : {}) };
  });
  const reached = furthest >= 0 ? VNEID_STEPS[furthest] : undefined;
  const next = VNEID_STEPS[furthest + 1];
  const level2Index = VNEID_STEPS.indexOf('vneid_level2_active');
  const level2 = furthest >= level2Index;
  const waitingLevel2 =
    !level2 &&
    (reached === 'vneid_level2_referred' || status.get('vneid_level2_active')?.status === 'in_progress');
  return {
    steps,
    ...(reached ? { reached } : {}),
    ...(next ? { next } : {}),
    level2,
    waitingLevel2,
  };
}

/**
 * What a resident still lacks of what the commune counts (§5): a level 2 VNeID account and the basic
 * skills set, in catalogue order.
 */
export function missingSkills(status: SkillStatusMap): SkillCode[] {
  const out: SkillCode[] = [];
  if (!vneidProgress(status).level2) out.push('vneid_level2_active');
  for (const kind of BASIC_SKILLS_SET) if (!isDone(status, kind)) out.push(kind);
  return out;
}
