/**
 * The one pass over the rows that both the figures (compute.ts) and the drill-down lists (drill.ts)
 * read: every resident and household gets a bit set of the predicates it meets, so a count is "how
 * many have bit X" and its list is "which have bit X" — equal by construction (issue 18).
 *
 * Internal to the indicators module. One pass per table, in this order: assists (status as of the
 * period's end), visits (per household), households, residents, classes, attendance. Activity that is
 * not about a person or house (visits, assists, classes in a window) is counted here per village.
 */
import { addDays } from '../dates';
import {
  ASSIST_STATUSES,
  AUDIENCES,
  isElderly,
  type ResidentGroup,
  TARGET_CODES,
  VISIT_OUTCOMES,
} from '../schemas';
import { BASIC_FIVE, SKILL_CODES, type SkillCode, VNEID_STEPS } from '../skills/catalogue';
import { type AssistLike, compareAssists, hasBasicSkills, isDone, vneidProgress } from '../skills/status';
import { periodBounds, vietnamMidnight } from './period';
import type {
  AssistFigures,
  ClassFigures,
  IndicatorAssist,
  IndicatorClass,
  IndicatorHousehold,
  IndicatorResident,
  IndicatorRows,
  IndicatorVillage,
  Period,
  PeriodBounds,
} from './types';

// ------------------------------------------------------------------ resident bits

export const R_COUNTED = 1 << 0;
/** Bits 1..12: per target code (TARGET_CODES order), in its denominator, and meeting the standard. */
export function targetDenBit(index: number): number {
  return 1 << (1 + 2 * index);
}
export function targetMetBit(index: number): number {
  return 1 << (2 + 2 * index);
}
export const R_FUNNEL = 1 << 13;
export const R_STUCK = 1 << 14;
export const R_ELDERLY = 1 << 15;
export const R_DISABILITY = 1 << 16;
/** The resident's household has no visit that met someone by the period's end. */
export const R_NOT_REACHED = 1 << 17;
export const R_NO_CONSENT = 1 << 18;
export const R_WITHDRAWN = 1 << 19;
export const R_STALE = 1 << 20;

// ------------------------------------------------------------------ household bits

export const H_COUNTED = 1 << 0;
export const H_VISITED_EVER = 1 << 1;
export const H_VISITED_PERIOD = 1 << 2;
/** A visit with outcome `met` on or before the period's last day (round-planner.ts "reached"). */
export const H_MET = 1 << 3;
export const H_HAS_RESIDENT = 1 << 4;
export const H_MOVED_OUT = 1 << 5;
export const H_POOR = 1 << 6;
export const H_ETHNIC = 1 << 7;
/** Bits 8..12: someone counted in the household is fluent (done) in BASIC_FIVE[k]. */
export function fluentBit(index: number): number {
  return 1 << (8 + index);
}
export const H_FLUENT_ALL = 0b11111 << 8;
/** Bits 13..16: a visit in the period with outcome VISIT_OUTCOMES[k]. */
export function outcomeBit(index: number): number {
  return 1 << (13 + index);
}
/** Outcome → its bit, looked up once per visit (no allocation in the scan). */
const OUTCOME_BIT = Object.fromEntries(
  VISIT_OUTCOMES.map((outcome, index) => [outcome, outcomeBit(index)]),
) as Record<(typeof VISIT_OUTCOMES)[number], number>;

/** Register status as of the period's last day: index into this list. */
export const REGISTER_STATES = ['present', 'away', 'moved_out', 'deceased'] as const;

const STEP_INDEX = new Map<string, number>(VNEID_STEPS.map((step, index) => [step, index]));
export const CONFIRMED_STEP = VNEID_STEPS.indexOf('vneid_skills_confirmed');
const REFERRED_STEP = VNEID_STEPS.indexOf('vneid_level2_referred');
const LEVEL2_STEP = VNEID_STEPS.indexOf('vneid_level2_active');
const TARGET_INDEX = new Map<string, number>(TARGET_CODES.map((code, index) => [code, index]));
const GROUP_TARGET: ReadonlyArray<readonly [ResidentGroup, number]> = [
  ['civil_servant', TARGET_INDEX.get('a') ?? 0],
  ['student', TARGET_INDEX.get('b') ?? 1],
  ['enterprise_worker', TARGET_INDEX.get('dd') ?? 4],
];
const C = TARGET_INDEX.get('c') ?? 2;
const D = TARGET_INDEX.get('d') ?? 3;
const ID = TARGET_INDEX.get('id') ?? 5;
const A = TARGET_INDEX.get('a') ?? 0;

export const EMPTY_STATUS: ReadonlyMap<SkillCode, AssistLike> = new Map();

// ------------------------------------------------------------------ activity per village

export interface VillageActivity {
  visits: number;
  visitsByOutcome: Record<(typeof VISIT_OUTCOMES)[number], number>;
  assists: { period: AssistFigures; cumulative: AssistFigures };
  classes: { period: ClassFigures; cumulative: ClassFigures };
  /** Residents helped in the window: resident id → household id (a helped person may since be deleted). */
  helpedPeriod: Map<string, string>;
  helpedCumulative: Map<string, string>;
  attendeesPeriod: Set<string>;
  attendeesCumulative: Set<string>;
}

function zeroRecord<K extends string, V>(keys: readonly K[], make: () => V): Record<K, V> {
  const out = {} as Record<K, V>;
  for (const key of keys) out[key] = make();
  return out;
}

export function emptyAssistFigures(): AssistFigures {
  return {
    residentsHelped: 0,
    assists: 0,
    byKind: zeroRecord(SKILL_CODES, () => zeroRecord(ASSIST_STATUSES, () => 0)),
    observed: 0,
    selfReported: 0,
  };
}

export function emptyClassFigures(): ClassFigures {
  return {
    held: 0,
    attendances: 0,
    distinctAttendees: 0,
    walkIns: 0,
    byAudience: zeroRecord(AUDIENCES, () => ({ held: 0, attendances: 0, walkIns: 0 })),
    byTopic: zeroRecord(SKILL_CODES, () => ({ held: 0, attendances: 0 })),
  };
}

export function emptyActivity(): VillageActivity {
  return {
    visits: 0,
    visitsByOutcome: zeroRecord(VISIT_OUTCOMES, () => 0),
    assists: { period: emptyAssistFigures(), cumulative: emptyAssistFigures() },
    classes: { period: emptyClassFigures(), cumulative: emptyClassFigures() },
    helpedPeriod: new Map(),
    helpedCumulative: new Map(),
    attendeesPeriod: new Set(),
    attendeesCumulative: new Set(),
  };
}

function addAssist(into: AssistFigures, assist: IndicatorAssist): void {
  into.assists += 1;
  into.byKind[assist.kind][assist.status] += 1;
  if (assist.howKnown === 'observed') into.observed += 1;
  else into.selfReported += 1;
}

function addClass(into: ClassFigures, cls: IndicatorClass): void {
  into.held += 1;
  into.walkIns += cls.walkIns;
  const audience = into.byAudience[cls.audience];
  audience.held += 1;
  audience.walkIns += cls.walkIns;
  into.byTopic[cls.topic].held += 1;
}

function addAttendance(into: ClassFigures, cls: IndicatorClass): void {
  into.attendances += 1;
  into.byAudience[cls.audience].attendances += 1;
  into.byTopic[cls.topic].attendances += 1;
}

// ------------------------------------------------------------------ the scan

export interface Scan {
  period: Period;
  bounds: PeriodBounds;
  referenceDay: string;
  /** The query's villages, in its order; a village id with no live row has `undefined`. */
  villageIds: string[];
  villages: Array<IndicatorVillage | undefined>;
  activity: VillageActivity[];
  /** Live households of the query's villages, their bits and their village's index. */
  households: IndicatorHousehold[];
  householdFlags: number[];
  householdVillage: number[];
  /** Live residents of the query's villages. */
  residents: IndicatorResident[];
  residentFlags: number[];
  residentVillage: number[];
  /** Index into REGISTER_STATES. */
  residentRegister: number[];
  /** Furthest VNeID step reached (index into VNEID_STEPS), -1 for none; set for counted residents. */
  residentStep: number[];
  /** Current skill status per resident as of the period's last day (assists on or before it). */
  status: Map<string, Map<SkillCode, AssistLike>>;
}

/** The register state as of `lastDay`: a status learned after the period's end is not yet in force. */
function registerState(r: IndicatorResident, lastDay: string): number {
  const status = r.status ?? 'present';
  if (status === 'present') return 0;
  if (r.statusOn != null && r.statusOn > lastDay) return 0;
  return status === 'away' ? 1 : status === 'moved_out' ? 2 : 3;
}

/**
 * Classifies every live row of `villageIds` for `period` (see compute.ts for the rules each bit
 * stands for; they are written there once, as the product's rules).
 */
export function scanRows(
  rows: IndicatorRows,
  villageIds: readonly string[],
  period: Period,
  referenceDay: string,
): Scan {
  const bounds = periodBounds(period);
  const { firstDay, lastDay } = bounds;
  const startMs = Date.parse(bounds.startInstant);
  const endMs = Date.parse(bounds.endInstant);
  const year = period.year;
  // "More than 183 days before the reference day": a day strictly before referenceDay − 183.
  const staleDay = addDays(referenceDay, -183);
  const staleMs = Date.parse(vietnamMidnight(staleDay));
  // "Referred more than 30 days ago", counted from today or the period's end, whichever is earlier.
  const stuckDay = addDays(referenceDay < lastDay ? referenceDay : lastDay, -30);

  const villageIndex = new Map<string, number>();
  const ids: string[] = [];
  for (const id of villageIds) {
    if (villageIndex.has(id)) continue;
    villageIndex.set(id, ids.length);
    ids.push(id);
  }
  const villages: Array<IndicatorVillage | undefined> = ids.map(() => undefined);
  for (const v of rows.villages) {
    const index = villageIndex.get(v.id);
    if (index !== undefined && !v.deletedAt) villages[index] = v;
  }
  const activity = ids.map(emptyActivity);

  // Assists: the status as of the period's end, the latest step for staleness, and the windows.
  const status = new Map<string, Map<SkillCode, AssistLike>>();
  const lastAssistOn = new Map<string, string>();
  for (const a of rows.assists) {
    if (a.deletedAt) continue;
    const v = villageIndex.get(a.villageId);
    if (v === undefined) continue;
    const last = lastAssistOn.get(a.residentId);
    if (last === undefined || a.on > last) lastAssistOn.set(a.residentId, a.on);
    if (a.on > lastDay) continue;
    let held = status.get(a.residentId);
    if (!held) {
      held = new Map();
      status.set(a.residentId, held);
    }
    const current = held.get(a.kind);
    // The same ranking as skills/status.ts currentStatus, kept incrementally (no array per resident).
    if (!current || compareAssists(a, current) > 0) held.set(a.kind, a);
    const act = activity[v] as VillageActivity;
    addAssist(act.assists.cumulative, a);
    act.helpedCumulative.set(a.residentId, a.householdId);
    if (a.on >= firstDay) {
      addAssist(act.assists.period, a);
      act.helpedPeriod.set(a.residentId, a.householdId);
    }
  }

  // Visits: per household what they say as of the period, and the latest for staleness.
  const visitFlags = new Map<string, number>();
  const lastVisitMs = new Map<string, number>();
  for (const visit of rows.visits) {
    if (visit.deletedAt) continue;
    const v = villageIndex.get(visit.villageId);
    if (v === undefined) continue;
    const at = Date.parse(visit.visitedAt);
    let flags = visitFlags.get(visit.householdId) ?? 0;
    if (at < endMs) {
      flags |= H_VISITED_EVER;
      if (visit.outcome === 'met') flags |= H_MET;
      if (at >= startMs) {
        flags |= H_VISITED_PERIOD | OUTCOME_BIT[visit.outcome];
        const act = activity[v] as VillageActivity;
        act.visits += 1;
        act.visitsByOutcome[visit.outcome] += 1;
      }
    }
    visitFlags.set(visit.householdId, flags);
    const last = lastVisitMs.get(visit.householdId);
    if (last === undefined || at > last) lastVisitMs.set(visit.householdId, at);
  }

  // Households.
  const households: IndicatorHousehold[] = [];
  const householdFlags: number[] = [];
  const householdVillage: number[] = [];
  const householdIndex = new Map<string, number>();
  for (const h of rows.households) {
    if (h.deletedAt) continue;
    const v = villageIndex.get(h.villageId);
    if (v === undefined) continue;
    let flags = visitFlags.get(h.id) ?? 0;
    const gone =
      (h.status === 'moved_out' || h.status === 'merged') && (h.statusOn == null || h.statusOn <= lastDay);
    if (!gone) flags |= H_COUNTED;
    else if (h.status === 'moved_out') flags |= H_MOVED_OUT;
    if (h.poor) flags |= H_POOR;
    if (h.ethnicMinority === true && h.ethnicMinorityConsentAt !== undefined) flags |= H_ETHNIC;
    householdIndex.set(h.id, households.length);
    households.push(h);
    householdFlags.push(flags);
    householdVillage.push(v);
  }

  // Residents.
  const residents: IndicatorResident[] = [];
  const residentFlags: number[] = [];
  const residentVillage: number[] = [];
  const residentRegister: number[] = [];
  const residentStep: number[] = [];
  for (const r of rows.residents) {
    if (r.deletedAt) continue;
    const v = villageIndex.get(r.villageId);
    if (v === undefined) continue;
    const register = registerState(r, lastDay);
    const hi = householdIndex.get(r.householdId);
    const hFlags = hi === undefined ? 0 : (householdFlags[hi] as number);
    if (hi !== undefined) householdFlags[hi] = hFlags | H_HAS_RESIDENT;
    let flags = 0;
    let step = -1;
    if (register <= 1 && (hFlags & H_MOVED_OUT) === 0) {
      flags = R_COUNTED;
      const age = year - r.birthYear;
      const sm = status.get(r.id) ?? EMPTY_STATUS;
      const basic = sm.size > 0 && hasBasicSkills(sm);
      if (sm.size > 0) {
        const progress = vneidProgress(sm);
        step = progress.reached === undefined ? -1 : (STEP_INDEX.get(progress.reached) ?? -1);
        if (hi !== undefined) {
          let fluent = 0;
          for (let k = 0; k < BASIC_FIVE.length; k += 1)
            if (isDone(sm, BASIC_FIVE[k] as SkillCode)) fluent |= fluentBit(k);
          householdFlags[hi] = (householdFlags[hi] as number) | fluent;
        }
      }
      if (age >= 18) {
        flags |= targetDenBit(C) | targetDenBit(D);
        if (basic) flags |= targetMetBit(C);
        if (step >= CONFIRMED_STEP) flags |= targetMetBit(D);
      }
      if (age >= 16) {
        flags |= targetDenBit(ID) | R_FUNNEL;
        if (step >= LEVEL2_STEP) flags |= targetMetBit(ID);
        if (step === REFERRED_STEP) {
          const referral = sm.get('vneid_level2_referred');
          if (referral !== undefined && referral.on < stuckDay) flags |= R_STUCK;
        }
      }
      for (const [group, index] of GROUP_TARGET) {
        // a counts adults only (public employees); b and đ every age (students, workers).
        if (index === A && age < 18) continue;
        if (!r.groups.includes(group)) continue;
        flags |= targetDenBit(index);
        if (basic) flags |= targetMetBit(index);
      }
      if (isElderly(r.birthYear, year)) flags |= R_ELDERLY;
      if (r.groups.includes('disability')) flags |= R_DISABILITY;
      if ((hFlags & H_MET) === 0) flags |= R_NOT_REACHED;
      if (r.consent === undefined) flags |= R_NO_CONSENT;
      else if (r.consent.withdrawnAt !== undefined) flags |= R_WITHDRAWN;
      const lastStep = lastAssistOn.get(r.id);
      if (
        Date.parse(r.updatedAt) < staleMs &&
        (lastVisitMs.get(r.householdId) ?? Number.NEGATIVE_INFINITY) < staleMs &&
        (lastStep === undefined || lastStep < staleDay)
      )
        flags |= R_STALE;
    }
    residents.push(r);
    residentFlags.push(flags);
    residentVillage.push(v);
    residentRegister.push(register);
    residentStep.push(step);
  }

  // Classes and their attendance.
  const classes = new Map<string, { cls: IndicatorClass; v: number; inPeriod: boolean }>();
  for (const cls of rows.classes) {
    if (cls.deletedAt || cls.date > lastDay) continue;
    const v = villageIndex.get(cls.villageId);
    if (v === undefined) continue;
    const inPeriod = cls.date >= firstDay;
    classes.set(cls.id, { cls, v, inPeriod });
    const act = activity[v] as VillageActivity;
    addClass(act.classes.cumulative, cls);
    if (inPeriod) addClass(act.classes.period, cls);
  }
  for (const att of rows.attendance) {
    if (att.deletedAt) continue;
    const held = classes.get(att.classId);
    if (!held) continue;
    const act = activity[held.v] as VillageActivity;
    addAttendance(act.classes.cumulative, held.cls);
    act.attendeesCumulative.add(att.residentId);
    if (held.inPeriod) {
      addAttendance(act.classes.period, held.cls);
      act.attendeesPeriod.add(att.residentId);
    }
  }
  for (const act of activity) {
    act.assists.period.residentsHelped = act.helpedPeriod.size;
    act.assists.cumulative.residentsHelped = act.helpedCumulative.size;
    act.classes.period.distinctAttendees = act.attendeesPeriod.size;
    act.classes.cumulative.distinctAttendees = act.attendeesCumulative.size;
  }

  return {
    period,
    bounds,
    referenceDay,
    villageIds: ids,
    villages,
    activity,
    households,
    householdFlags,
    householdVillage,
    residents,
    residentFlags,
    residentVillage,
    residentRegister,
    residentStep,
    status,
  };
}
