/**
 * The plan's indicators from the register (issue 18; plan section III; DESIGN §5): rows in, figures
 * out, the same on a phone, in the dashboard's worker and on the server. Pure and deterministic.
 *
 * The product's rules (each is one bit of scan.ts, read by the figures and the drill-down alike):
 * - Rows with `deletedAt` (tombstones) never count, nor rows of villages outside the query.
 * - Age = the period's year − birth year (birth year only: someone turning 16 in the year is 16).
 * - A resident counts ("present in the period") unless moved out or deceased with `statusOn` on or
 *   before the period's last day, or their household moved out by then. Tạm vắng (`away`) still counts:
 *   temporary absence keeps the residence (Luật Cư trú 2020) and the plan counts the commune's people;
 *   the register shows `away` apart. A merged household's people still count (people do not vanish
 *   when two households merge); the merged household itself does not.
 * - Skill status as of the period: assists with `on` on or before the last day, ranked by
 *   skills/status.ts (currentStatus). Assists dated after the period's end never count in it.
 * - c: counted adults 18+ with basic skills (device basics and the five basics done, DESIGN §2).
 *   d: counted adults 18+ whose furthest VNeID step is `vneid_skills_confirmed`.
 *   id: counted residents 16+ with VNeID level 2 active (task 19).
 *   a: counted adults 18+ in group civil_servant with basic skills; b: counted students (any age);
 *   đ (`dd`): counted enterprise/cooperative workers (any age) — all with basic skills.
 * - Denominators: the register's count always; the official one (Village.official: adults18Plus for
 *   c and d, residents16Plus for id; none for a, b, đ) only when every village of the query has it.
 *   Share and gap use the official one when present (basis `official`), else the register's.
 *   Targets: targetsForYear(rows.targets, period.year); gap and met by targets.ts gapPeople.
 * - Funnel: counted residents 16+, by their furthest VNeID step; stuck = furthest step exactly the
 *   referral to the police, referred more than 30 days before min(reference day, last day).
 * - Households counted: live, not moved out or merged on or before the last day. Visited ever: any
 *   visit (any outcome) before the period's end; in the period: a visit whose Vietnam day is in it
 *   (23:59 on the last day is in, 00:00 the next day is out). Visits and outcomes: every live visit of
 *   the villages in the period; households by outcome: counted households with a visit of that
 *   outcome in the period. Fluent in a skill: a counted household with a counted resident (any
 *   age) whose status of that skill is done.
 * - Assists: every live assist of the villages in the window (the period, or cumulative: on or before
 *   the last day), whoever it helped: help given is help given even if the person moved out later.
 *   Residents helped: distinct resident ids per village.
 * - Classes: date in the window; attendances: live attendance rows of those classes; distinct
 *   attendees per village; walk-ins summed; by audience and topic.
 * - Priority: elderly = counted residents 60+ (schemas.ts isElderly); disability = counted residents
 *   in that group; poor = counted poor households; ethnic minority = counted households recorded so
 *   with consent. Not reached: no visit with outcome `met` to the household on or before the last
 *   day (round-planner.ts; for a resident, their household).
 * - Quality: counted residents without consent, with consent withdrawn, and stale (their row's last
 *   update, latest step and latest visit to their household all more than 183 days before the
 *   reference day); counted households with no live resident.
 * - Register: live residents by status as of the last day (a status learned later reads as present).
 *
 * A set of villages is the sum of its villages: every count is added, and the targets' shares and gaps
 * are recomputed from the summed counts and denominators (never averaged). Distinct counts (residents
 * helped, attendees) are distinct per village, so a person counted in two villages counts twice.
 */
import { TARGET_CODES, type TargetCode, VISIT_OUTCOMES, type VisitOutcome } from '../schemas';
import { BASIC_FIVE, VNEID_STEPS, type VneidStep } from '../skills/catalogue';
import {
  emptyActivity,
  fluentBit,
  H_COUNTED,
  H_ETHNIC,
  H_FLUENT_ALL,
  H_HAS_RESIDENT,
  H_MET,
  H_POOR,
  H_VISITED_EVER,
  H_VISITED_PERIOD,
  outcomeBit,
  R_COUNTED,
  R_DISABILITY,
  R_ELDERLY,
  R_FUNNEL,
  R_NO_CONSENT,
  R_NOT_REACHED,
  R_STALE,
  R_STUCK,
  R_WITHDRAWN,
  type Scan,
  scanRows,
  targetDenBit,
  targetMetBit,
  type VillageActivity,
} from './scan';
import { gapPeople, targetsForYear } from './targets';
import {
  type CommuneFigures,
  type Denominator,
  type Figures,
  type IndicatorQuery,
  type IndicatorRows,
  type IndicatorVillage,
  type Period,
  REGISTER_KEYS,
  type TargetFigure,
  type TargetValue,
} from './types';

/** What a village adds to a set: every figure but the targets' shares, which come from the sums. */
type Counts = Omit<Figures, 'villageIds' | 'period' | 'referenceDay' | 'targets'> & {
  targetCounts: Record<TargetCode, { count: number; register: number }>;
};

function stepRecord(): Record<VneidStep, number> {
  const out = {} as Record<VneidStep, number>;
  for (const step of VNEID_STEPS) out[step] = 0;
  return out;
}

function emptyCounts(act: VillageActivity): Counts {
  const targetCounts = {} as Counts['targetCounts'];
  for (const code of TARGET_CODES) targetCounts[code] = { count: 0, register: 0 };
  const fluent = {} as Counts['households']['fluent'];
  for (const skill of BASIC_FIVE) fluent[skill] = 0;
  return {
    register: { present: 0, away: 0, movedOut: 0, deceased: 0, households: 0 },
    targetCounts,
    funnel: { population: 0, atStep: stepRecord(), reached: stepRecord(), notStarted: 0, stuck: 0 },
    households: {
      total: 0,
      visitedEver: 0,
      visitedInPeriod: 0,
      neverVisited: 0,
      visits: act.visits,
      visitsByOutcome: { ...act.visitsByOutcome },
      visitedByOutcome: { met: 0, nobody_home: 0, refused: 0, come_back: 0 },
      fluent,
      fluentAllFive: 0,
    },
    assists: act.assists,
    classes: act.classes,
    priority: {
      total: { elderly: 0, disability: 0, poor: 0, ethnicMinority: 0 },
      notReached: { elderly: 0, disability: 0, poor: 0, ethnicMinority: 0 },
    },
    quality: { noConsent: 0, consentWithdrawn: 0, stale: 0, householdsWithoutResidents: 0 },
  };
}

/** Counts per village of a scan, read from the bits only (drill.ts lists the same bits). */
function countScan(scan: Scan): Counts[] {
  const counts = scan.activity.map(emptyCounts);
  for (let i = 0; i < scan.households.length; i += 1) {
    const flags = scan.householdFlags[i] as number;
    if ((flags & H_COUNTED) === 0) continue;
    const c = counts[scan.householdVillage[i] as number] as Counts;
    c.register.households += 1;
    const h = c.households;
    h.total += 1;
    if (flags & H_VISITED_EVER) h.visitedEver += 1;
    else h.neverVisited += 1;
    if (flags & H_VISITED_PERIOD) {
      h.visitedInPeriod += 1;
      for (let k = 0; k < VISIT_OUTCOMES.length; k += 1)
        if (flags & outcomeBit(k)) h.visitedByOutcome[VISIT_OUTCOMES[k] as VisitOutcome] += 1;
    }
    for (let k = 0; k < BASIC_FIVE.length; k += 1)
      if (flags & fluentBit(k)) h.fluent[BASIC_FIVE[k] as (typeof BASIC_FIVE)[number]] += 1;
    if ((flags & H_FLUENT_ALL) === H_FLUENT_ALL) h.fluentAllFive += 1;
    const reached = (flags & H_MET) !== 0;
    if (flags & H_POOR) {
      c.priority.total.poor += 1;
      if (!reached) c.priority.notReached.poor += 1;
    }
    if (flags & H_ETHNIC) {
      c.priority.total.ethnicMinority += 1;
      if (!reached) c.priority.notReached.ethnicMinority += 1;
    }
    if ((flags & H_HAS_RESIDENT) === 0) c.quality.householdsWithoutResidents += 1;
  }
  for (let i = 0; i < scan.residents.length; i += 1) {
    const c = counts[scan.residentVillage[i] as number] as Counts;
    c.register[REGISTER_KEYS[scan.residentRegister[i] as number] ?? 'present'] += 1;
    const flags = scan.residentFlags[i] as number;
    if ((flags & R_COUNTED) === 0) continue;
    for (let t = 0; t < TARGET_CODES.length; t += 1) {
      if ((flags & targetDenBit(t)) === 0) continue;
      const target = c.targetCounts[TARGET_CODES[t] as TargetCode];
      target.register += 1;
      if (flags & targetMetBit(t)) target.count += 1;
    }
    if (flags & R_FUNNEL) {
      const f = c.funnel;
      f.population += 1;
      const step = scan.residentStep[i] as number;
      if (step < 0) f.notStarted += 1;
      else {
        f.atStep[VNEID_STEPS[step] as VneidStep] += 1;
        for (let s = 0; s <= step; s += 1) f.reached[VNEID_STEPS[s] as VneidStep] += 1;
      }
      if (flags & R_STUCK) f.stuck += 1;
    }
    const notReached = (flags & R_NOT_REACHED) !== 0;
    if (flags & R_ELDERLY) {
      c.priority.total.elderly += 1;
      if (notReached) c.priority.notReached.elderly += 1;
    }
    if (flags & R_DISABILITY) {
      c.priority.total.disability += 1;
      if (notReached) c.priority.notReached.disability += 1;
    }
    if (flags & R_NO_CONSENT) c.quality.noConsent += 1;
    if (flags & R_WITHDRAWN) c.quality.consentWithdrawn += 1;
    if (flags & R_STALE) c.quality.stale += 1;
  }
  return counts;
}

/** Adds every number of `from` into `into`, field by field (both have the same shape). */
function addInto(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (typeof value === 'number') into[key] = ((into[key] as number | undefined) ?? 0) + value;
    else if (value !== null && typeof value === 'object')
      addInto(into[key] as Record<string, unknown>, value as Record<string, unknown>);
  }
}

function sumCounts(parts: readonly Counts[]): Counts {
  // A zeroed copy, so the parts (which share objects with the scan) are never written.
  const total = parts[0] ? (zeroed(parts[0]) as Counts) : emptyCounts(emptyActivity());
  for (const part of parts) addInto(total as never, part as never);
  return total;
}

/** A zeroed deep copy of a tree of numbers. */
function zeroed(value: unknown): unknown {
  if (typeof value === 'number') return 0;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = zeroed(inner);
  return out;
}

const OFFICIAL_FIELD: Partial<Record<TargetCode, 'adults18Plus' | 'residents16Plus'>> = {
  c: 'adults18Plus',
  d: 'adults18Plus',
  id: 'residents16Plus',
};

/** The official denominator of a set: only when every village has one (types.ts Denominator). */
function officialOf(
  villages: ReadonlyArray<IndicatorVillage | undefined>,
  field: 'adults18Plus' | 'residents16Plus',
): Denominator['official'] {
  if (villages.length === 0) return undefined;
  let count = 0;
  const sources: string[] = [];
  let asOf: string | undefined;
  for (const village of villages) {
    const official = village?.official;
    const value = official?.[field];
    if (value === undefined) return undefined;
    count += value;
    if (official?.source !== undefined && !sources.includes(official.source)) sources.push(official.source);
    // The oldest date: the sum is no fresher than its oldest count.
    if (official?.asOf !== undefined && (asOf === undefined || official.asOf < asOf)) asOf = official.asOf;
  }
  return { count, sources, ...(asOf !== undefined ? { asOf } : {}) };
}

function targetFigure(
  code: TargetCode,
  counts: { count: number; register: number },
  villages: ReadonlyArray<IndicatorVillage | undefined>,
  target: TargetValue,
): TargetFigure {
  const field = OFFICIAL_FIELD[code];
  const official = field ? officialOf(villages, field) : undefined;
  const denominator: Denominator = { register: counts.register, ...(official ? { official } : {}) };
  const basis = official ? 'official' : 'register';
  const base = official ? official.count : counts.register;
  const out: TargetFigure = { code, count: counts.count, denominator, basis, target };
  if (base > 0) {
    out.percent = (counts.count / base) * 100;
    out.gap = gapPeople(counts.count, base, target);
    out.met = out.gap === 0;
  } else out.gap = 0;
  if (official && counts.register > 0) out.registerPercent = (counts.count / counts.register) * 100;
  return out;
}

function toFigures(
  counts: Counts,
  villageIds: string[],
  villages: ReadonlyArray<IndicatorVillage | undefined>,
  period: Period,
  referenceDay: string,
  targets: Record<TargetCode, TargetValue>,
): Figures {
  const { targetCounts, ...rest } = counts;
  const figures = {} as Record<TargetCode, TargetFigure>;
  for (const code of TARGET_CODES)
    figures[code] = targetFigure(code, targetCounts[code], villages, targets[code]);
  return { villageIds, period, referenceDay, ...rest, targets: figures };
}

/**
 * Every figure of the dashboard for a set of villages (rules in this file's header). `query.villageIds`
 * one village for its figures, several for their sum. Never throws on missing rows: a village id with
 * no live village row counts its rows but has no official denominator.
 */
export function computeFigures(rows: IndicatorRows, query: IndicatorQuery): Figures {
  const scan = scanRows(rows, query.villageIds, query.period, query.referenceDay);
  const counts = countScan(scan);
  const total = counts.length === 1 ? (counts[0] as Counts) : sumCounts(counts);
  return toFigures(
    total,
    scan.villageIds,
    scan.villages,
    query.period,
    query.referenceDay,
    targetsForYear(rows.targets, query.period.year),
  );
}

/**
 * The commune view: each village's figures and their total, from one scan of the rows. `villageIds`
 * defaults to every live village, in the rows' order. The total adds the villages' counts and
 * recomputes the targets from the sums; its official denominator exists only if every village has one.
 */
export function computeCommune(
  rows: IndicatorRows,
  period: Period,
  referenceDay: string,
  villageIds?: readonly string[],
): CommuneFigures {
  const ids = villageIds ?? rows.villages.filter((v) => !v.deletedAt).map((v) => v.id);
  const scan = scanRows(rows, ids, period, referenceDay);
  const counts = countScan(scan);
  const targets = targetsForYear(rows.targets, period.year);
  const villages: Record<string, Figures> = {};
  scan.villageIds.forEach((id, index) => {
    villages[id] = toFigures(
      counts[index] as Counts,
      [id],
      [scan.villages[index]],
      period,
      referenceDay,
      targets,
    );
  });
  const total = toFigures(sumCounts(counts), scan.villageIds, scan.villages, period, referenceDay, targets);
  return { total, villages };
}
