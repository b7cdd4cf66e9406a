/**
 * The shapes of the plan's indicators (issue 18; plan section III, DESIGN §5): what the pure module
 * `compute.ts` takes and gives, shared by the dashboard's worker, the drill-down lists, the server
 * (issue 19's report aggregation) and the tests. No DOM, no Dexie: rows in, numbers out.
 *
 * Rows are passed as stored, tombstones included: the module leaves out every row with `deletedAt`,
 * so callers never filter (and never filter differently).
 */

import type {
  AssistStatus,
  Attendance,
  Audience,
  ClassSession,
  Household,
  Resident,
  TargetCode,
  Village,
  Visit,
  VisitOutcome,
} from '../schemas';
import type { BASIC_FIVE, SkillCode, VneidStep } from '../skills/catalogue';
import type { AssistLike } from '../skills/status';

export type BasicSkill = (typeof BASIC_FIVE)[number];

// ------------------------------------------------------------------ periods

/** A quarter or a year of the commune's calendar (Asia/Ho_Chi_Minh, UTC+7, no daylight saving). */
export type Period =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 };

export interface PeriodBounds {
  /** First and last calendar day of the period, "YYYY-MM-DD" (both inclusive). */
  firstDay: string;
  lastDay: string;
  /** The instants they stand for: 00:00 of firstDay in Vietnam, and 00:00 of the day after lastDay (exclusive). */
  startInstant: string;
  endInstant: string;
}

// ------------------------------------------------------------------ rows in

/** `laneOrder` (optional) orders drill-down lists as the team walks (walk-order.ts); without it, lanes alphabetically. */
export type IndicatorVillage = Pick<Village, 'id' | 'name' | 'code' | 'official' | 'deletedAt'> &
  Partial<Pick<Village, 'laneOrder'>>;
export type IndicatorHousehold = Pick<
  Household,
  | 'id'
  | 'villageId'
  | 'label'
  | 'lane'
  | 'address'
  | 'walkOrder'
  | 'poor'
  | 'ethnicMinority'
  | 'ethnicMinorityConsentAt'
  | 'status'
  | 'statusOn'
  | 'createdAt'
  | 'deletedAt'
>;
export type IndicatorResident = Pick<
  Resident,
  | 'id'
  | 'villageId'
  | 'householdId'
  | 'name'
  | 'birthYear'
  | 'groups'
  | 'hasSmartphone'
  | 'hasChipId'
  | 'simOwnName'
  | 'consent'
  | 'status'
  | 'statusOn'
  | 'createdAt'
  | 'updatedAt'
  | 'deletedAt'
>;
export type IndicatorVisit = Pick<
  Visit,
  'id' | 'villageId' | 'householdId' | 'visitedAt' | 'outcome' | 'residentIds' | 'deletedAt'
>;
/** An assist with its place: `hlc` is its row's creation clock, as skills/status.ts orders them. */
export interface IndicatorAssist extends AssistLike {
  villageId: string;
  residentId: string;
  householdId: string;
  classId?: string | undefined;
  visitId?: string | undefined;
}
export type IndicatorClass = Pick<
  ClassSession,
  'id' | 'villageId' | 'date' | 'topic' | 'audience' | 'walkIns' | 'deletedAt'
>;
export type IndicatorAttendance = Pick<
  Attendance,
  'id' | 'villageId' | 'classId' | 'residentId' | 'deletedAt'
>;
export interface TargetLike {
  year: number;
  code: TargetCode;
  percent: number;
  above?: boolean | undefined;
  deletedAt?: string | undefined;
}

export interface IndicatorRows {
  villages: readonly IndicatorVillage[];
  households: readonly IndicatorHousehold[];
  residents: readonly IndicatorResident[];
  visits: readonly IndicatorVisit[];
  assists: readonly IndicatorAssist[];
  classes: readonly IndicatorClass[];
  attendance: readonly IndicatorAttendance[];
  /** The commune's target rows; the plan's values fill any year and code not set (targets.ts). */
  targets: readonly TargetLike[];
}

export interface IndicatorQuery {
  /** The villages to count together: one for a village's figures, all of them for the commune. */
  villageIds: readonly string[];
  period: Period;
  /**
   * "Today" in the commune ("YYYY-MM-DD"): the day the "stuck for more than 30 days" and "not
   * updated for 6 months" rules count from (never later than the period's last day for the former).
   */
  referenceDay: string;
}

// ------------------------------------------------------------------ figures out

/**
 * The denominator of a share. `register` counts the app's own rows; `official` sums the villages'
 * official counts (Village.official, DESIGN §2) and is present only when EVERY village in the query
 * has one for this population (a sum over some villages would be a wrong denominator for all).
 */
export interface Denominator {
  register: number;
  official?: {
    count: number;
    /** The sources and dates as entered ("Công an xã", "2025-06-30"); one per village, deduplicated. */
    sources: string[];
    asOf?: string;
  };
}

export type TargetSource = 'commune' | 'plan' | 'carried';

export interface TargetValue {
  percent: number;
  /** Strictly more than `percent` (the plan's "trên 80%"). */
  above: boolean;
  /** Set by a commune officer, the plan's value for the year (DESIGN §5), or the latest earlier year's. */
  source: TargetSource;
}

/** One indicator against its target. */
export interface TargetFigure {
  code: TargetCode;
  /** People meeting the standard (as of the period's last day). */
  count: number;
  denominator: Denominator;
  /** Which denominator the share and gap use: official when entered, else the register's. */
  basis: 'official' | 'register';
  /** count / denominator × 100, undefined when the denominator is 0. */
  percent?: number;
  /** Percent against the register, when the basis is official (shown side by side). */
  registerPercent?: number;
  target?: TargetValue;
  /** People still needed to reach the target on the basis denominator ("còn 143 người"); 0 when met. */
  gap?: number;
  met?: boolean;
}

export interface RegisterCounts {
  /** Residents by register status as of the period's last day (rows not deleted). */
  present: number;
  away: number;
  movedOut: number;
  deceased: number;
  /** Households counted (active as of the period's last day). */
  households: number;
}

export interface FunnelFigures {
  /** Residents 16+ counted (present or away). */
  population: number;
  /** Residents whose furthest VNeID step is exactly this one (skills/status.ts vneidProgress). */
  atStep: Record<VneidStep, number>;
  /** Residents who have reached this step or a later one. */
  reached: Record<VneidStep, number>;
  notStarted: number;
  /** Referred to the commune police (level 2) more than 30 days before the reference day, not active. */
  stuck: number;
}

export interface HouseholdFigures {
  total: number;
  visitedEver: number;
  visitedInPeriod: number;
  neverVisited: number;
  /** Visits in the period, and by outcome. */
  visits: number;
  visitsByOutcome: Record<VisitOutcome, number>;
  /**
   * Counted households with at least one visit in the period of that outcome (a household visited
   * twice, once "nobody home" and once "met", is in both): the people-side of `visitsByOutcome`.
   */
  visitedByOutcome: Record<VisitOutcome, number>;
  /** Households with at least one counted resident fluent (done) in each basic skill, and in all five. */
  fluent: Record<BasicSkill, number>;
  fluentAllFive: number;
}

export interface AssistFigures {
  /** Distinct residents with at least one assist in the window. */
  residentsHelped: number;
  assists: number;
  byKind: Record<SkillCode, Record<AssistStatus, number>>;
  observed: number;
  selfReported: number;
}

export interface ClassFigures {
  held: number;
  attendances: number;
  distinctAttendees: number;
  walkIns: number;
  byAudience: Record<Audience, { held: number; attendances: number; walkIns: number }>;
  byTopic: Record<SkillCode, { held: number; attendances: number }>;
}

export const PRIORITY_KEYS = ['elderly', 'disability', 'poor', 'ethnicMinority'] as const;
export type PriorityKey = (typeof PRIORITY_KEYS)[number];

export interface PriorityFigures {
  /** elderly, disability: residents; poor, ethnicMinority (with consent): households. */
  total: Record<PriorityKey, number>;
  /** Not yet reached: no visit that met someone in the household (as the round planner says) by the period's end. */
  notReached: Record<PriorityKey, number>;
}

export interface QualityFigures {
  noConsent: number;
  consentWithdrawn: number;
  /** Counted residents whose row, steps and household visits are all older than 6 months (183 days). */
  stale: number;
  householdsWithoutResidents: number;
}

/** Every figure of the dashboard for one query (one village or a set of villages). */
export interface Figures {
  villageIds: string[];
  period: Period;
  referenceDay: string;
  register: RegisterCounts;
  targets: Record<TargetCode, TargetFigure>;
  funnel: FunnelFigures;
  households: HouseholdFigures;
  /** In the period, and cumulative (everything up to the period's last day). */
  assists: { period: AssistFigures; cumulative: AssistFigures };
  classes: { period: ClassFigures; cumulative: ClassFigures };
  priority: PriorityFigures;
  quality: QualityFigures;
}

/** The commune view: the whole set and each village alone (same period and reference day). */
export interface CommuneFigures {
  total: Figures;
  villages: Record<string, Figures>;
}

// ------------------------------------------------------------------ drill-down

export const REGISTER_KEYS = ['present', 'away', 'movedOut', 'deceased'] as const;
export type RegisterKey = (typeof REGISTER_KEYS)[number];

/**
 * The list behind a number. Every key names one count of Figures, and its list has exactly that many
 * rows (tested): `target.<code>.missing` are the people of the denominator not meeting the standard,
 * `target.<code>.all` the register denominator itself, `priority.<group>` the not yet reached and
 * `priority.<group>.all` the whole group. Counts of visits, assists and class sessions are events,
 * not people or houses, and have no key.
 */
export type DrillKey =
  | `target.${TargetCode}.met`
  | `target.${TargetCode}.missing`
  | `target.${TargetCode}.all`
  | 'funnel.population'
  | `funnel.at.${VneidStep}`
  | 'funnel.notStarted'
  | 'funnel.stuck'
  | 'households.total'
  | 'households.visitedEver'
  | 'households.visitedInPeriod'
  | 'households.neverVisited'
  | `households.notFluent.${BasicSkill}`
  | 'households.notFluentAllFive'
  | `households.outcome.${VisitOutcome}`
  | `priority.${PriorityKey}`
  | `priority.${PriorityKey}.all`
  | `register.${RegisterKey}`
  | 'quality.noConsent'
  | 'quality.consentWithdrawn'
  | 'quality.stale'
  | 'quality.householdsWithoutResidents'
  | 'assists.helped'
  | 'assists.helpedCumulative'
  | 'classes.attendees'
  | 'classes.attendeesCumulative';

export interface DrillRow {
  /** A resident's id for resident lists, a household's for household lists. */
  id: string;
  villageId: string;
  householdId: string;
  householdLabel: string;
  lane?: string;
  /** Residents only. */
  name?: string;
  age?: number;
  /** Residents only: the next VNeID step (vneidProgress().next), or the first missing basic skill for c. */
  nextStep?: SkillCode;
  /** Residents only, when the cards were given: the key of the lesson card to bring next (issue 20). */
  nextCard?: string;
}

export interface DrillList {
  key: DrillKey;
  kind: 'residents' | 'households';
  /** In walking order: lane (village lane order when given), then house order, then name. */
  rows: DrillRow[];
}
