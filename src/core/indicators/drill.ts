/**
 * The people or houses behind a number (issue 18): `drillDown(rows, query, key)` lists exactly the
 * rows counted by the figure `key` names, because both read the same bits of one scan (scan.ts).
 * Lists come in walking order (walk-order.ts): village (the query's order), lane (the village's
 * `laneOrder` when given, else alphabetically, no lane last), house order, then name.
 */

import type { LessonCard } from '../lessons/card';
import { nextCards } from '../lessons/next-step';
import { TARGET_CODES, type TargetCode, VISIT_OUTCOMES, type VisitOutcome } from '../schemas';
import {
  BASIC_FIVE,
  BASIC_SKILLS_SET,
  type SkillCode,
  VNEID_STEPS,
  type VneidStep,
} from '../skills/catalogue';
import { isDone, type SkillStatusMap, vneidProgress } from '../skills/status';
import { mayRecordSkills } from '../skills/visit-steps';
import { groupingKey } from '../text';
import { compareInLane, type LaneComparator, laneComparator } from '../walk-order';
import {
  EMPTY_STATUS,
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
import {
  type BasicSkill,
  type DrillKey,
  type DrillList,
  type DrillRow,
  type Figures,
  type IndicatorHousehold,
  type IndicatorQuery,
  type IndicatorResident,
  type IndicatorRows,
  PRIORITY_KEYS,
  type PriorityKey,
  REGISTER_KEYS,
  type RegisterKey,
} from './types';

/** Every drill-down key, in the dashboard's order (for menus, links and the tests). */
export const DRILL_KEYS: readonly DrillKey[] = [
  ...TARGET_CODES.flatMap(
    (code) => [`target.${code}.met`, `target.${code}.missing`, `target.${code}.all`] as DrillKey[],
  ),
  'funnel.population',
  ...VNEID_STEPS.map((step) => `funnel.at.${step}` as DrillKey),
  'funnel.notStarted',
  'funnel.stuck',
  'households.total',
  'households.visitedEver',
  'households.visitedInPeriod',
  'households.neverVisited',
  ...VISIT_OUTCOMES.map((outcome) => `households.outcome.${outcome}` as DrillKey),
  ...BASIC_FIVE.map((skill) => `households.notFluent.${skill}` as DrillKey),
  'households.notFluentAllFive',
  ...PRIORITY_KEYS.flatMap((key) => [`priority.${key}`, `priority.${key}.all`] as DrillKey[]),
  ...REGISTER_KEYS.map((key) => `register.${key}` as DrillKey),
  'quality.noConsent',
  'quality.consentWithdrawn',
  'quality.stale',
  'quality.householdsWithoutResidents',
  'assists.helped',
  'assists.helpedCumulative',
  'classes.attendees',
  'classes.attendeesCumulative',
];

const DRILL_KEY_SET = new Set<string>(DRILL_KEYS);

/** Whether text (from a URL) is a drill-down key. */
export function isDrillKey(text: string): text is DrillKey {
  return DRILL_KEY_SET.has(text);
}

/**
 * The count of `figures` that `key`'s list matches, row for row: `target.x.missing` is the register
 * denominator less the count (the official denominator names nobody) and `target.x.all` the register
 * denominator, `households.notFluent.x` the households less the fluent ones, `priority.x` the
 * not-yet-reached and `priority.x.all` the group, `assists.helped` and `classes.attendees` the
 * period's distinct people (`…Cumulative` up to the period's end), `register.x` the live residents
 * of that status.
 */
export function drillCount(figures: Figures, key: DrillKey): number {
  const [family, name, detail] = key.split('.') as [string, string, string | undefined];
  switch (family) {
    case 'target': {
      const target = figures.targets[name as TargetCode];
      if (detail === 'met') return target.count;
      if (detail === 'all') return target.denominator.register;
      return target.denominator.register - target.count;
    }
    case 'funnel':
      if (name === 'at') return figures.funnel.atStep[detail as VneidStep];
      if (name === 'population') return figures.funnel.population;
      return name === 'stuck' ? figures.funnel.stuck : figures.funnel.notStarted;
    case 'households': {
      const h = figures.households;
      if (name === 'notFluent') return h.total - h.fluent[detail as BasicSkill];
      if (name === 'notFluentAllFive') return h.total - h.fluentAllFive;
      if (name === 'outcome') return h.visitedByOutcome[detail as VisitOutcome];
      return h[name as 'total' | 'visitedEver' | 'visitedInPeriod' | 'neverVisited'];
    }
    case 'priority':
      return detail === 'all'
        ? figures.priority.total[name as PriorityKey]
        : figures.priority.notReached[name as PriorityKey];
    case 'register':
      return figures.register[name as RegisterKey];
    case 'quality':
      return figures.quality[name as keyof Figures['quality']];
    case 'classes':
      return name === 'attendees'
        ? figures.classes.period.distinctAttendees
        : figures.classes.cumulative.distinctAttendees;
    default:
      return name === 'helped'
        ? figures.assists.period.residentsHelped
        : figures.assists.cumulative.residentsHelped;
  }
}

/** What a resident row says as its next step: a VNeID step, the first basic skill missing, or none. */
type Next = 'vneid' | 'basic' | 'none';

type Selector =
  | { kind: 'residents'; test: (flags: number, step: number, register: number) => boolean; next: Next }
  | { kind: 'households'; test: (flags: number) => boolean }
  /**
   * Distinct people of a village's activity (helped, attended), who may since have been deleted or
   * live elsewhere: resident id → household id when the activity knows it (assists do, attendance
   * does not).
   */
  | { kind: 'people'; of: (act: VillageActivity) => ReadonlyMap<string, string> | ReadonlySet<string> };

function has(flags: number, bits: number): boolean {
  return (flags & bits) === bits;
}

/** Targets whose standard is the basic set (compute.ts): their lists name the first skill missing. */
const BASIC_STANDARD = new Set<string>(['a', 'b', 'c', 'dd']);

function selectorOf(key: DrillKey): Selector {
  const [family, name, detail] = key.split('.') as [string, string, string | undefined];
  const residents = (
    test: (flags: number, step: number, register: number) => boolean,
    next: Next = 'vneid',
  ) => ({ kind: 'residents', test, next }) as const;
  const households = (test: (flags: number) => boolean) => ({ kind: 'households', test }) as const;
  switch (family) {
    case 'target': {
      const index = TARGET_CODES.indexOf(name as TargetCode);
      const den = R_COUNTED | targetDenBit(index);
      const met = targetMetBit(index);
      const next = BASIC_STANDARD.has(name) ? 'basic' : 'vneid';
      if (detail === 'met') return residents((f) => has(f, den | met));
      if (detail === 'all') return residents((f) => has(f, den), next);
      return residents((f) => has(f, den) && (f & met) === 0, next);
    }
    case 'funnel': {
      const base = R_COUNTED | R_FUNNEL;
      if (name === 'at') {
        const step = VNEID_STEPS.indexOf(detail as VneidStep);
        return residents((f, s) => has(f, base) && s === step);
      }
      if (name === 'population') return residents((f) => has(f, base));
      if (name === 'stuck') return residents((f) => has(f, base | R_STUCK));
      return residents((f, s) => has(f, base) && s < 0);
    }
    case 'households': {
      if (name === 'total') return households((f) => has(f, H_COUNTED));
      if (name === 'visitedEver') return households((f) => has(f, H_COUNTED | H_VISITED_EVER));
      if (name === 'visitedInPeriod') return households((f) => has(f, H_COUNTED | H_VISITED_PERIOD));
      if (name === 'neverVisited') return households((f) => has(f, H_COUNTED) && (f & H_VISITED_EVER) === 0);
      if (name === 'notFluentAllFive') return households((f) => has(f, H_COUNTED) && !has(f, H_FLUENT_ALL));
      if (name === 'outcome') {
        const bit = outcomeBit(VISIT_OUTCOMES.indexOf(detail as VisitOutcome));
        return households((f) => has(f, H_COUNTED | H_VISITED_PERIOD | bit));
      }
      const bit = fluentBit(BASIC_FIVE.indexOf(detail as BasicSkill));
      return households((f) => has(f, H_COUNTED) && (f & bit) === 0);
    }
    case 'priority': {
      const all = detail === 'all';
      if (name === 'elderly' || name === 'disability') {
        const group = R_COUNTED | (name === 'elderly' ? R_ELDERLY : R_DISABILITY);
        return residents((f) => has(f, group) && (all || (f & R_NOT_REACHED) !== 0));
      }
      const group = H_COUNTED | (name === 'poor' ? H_POOR : H_ETHNIC);
      return households((f) => has(f, group) && (all || (f & H_MET) === 0));
    }
    case 'register': {
      // Every live resident, counted or not: the register shows who is gone too (scan.ts REGISTER_STATES).
      const state = REGISTER_KEYS.indexOf(name as RegisterKey);
      return residents((_f, _s, register) => register === state, state <= 1 ? 'vneid' : 'none');
    }
    case 'quality': {
      if (name === 'householdsWithoutResidents')
        return households((f) => has(f, H_COUNTED) && (f & H_HAS_RESIDENT) === 0);
      const bit = name === 'noConsent' ? R_NO_CONSENT : name === 'consentWithdrawn' ? R_WITHDRAWN : R_STALE;
      return residents((f) => has(f, R_COUNTED | bit));
    }
    case 'classes':
      return {
        kind: 'people',
        of: name === 'attendees' ? (act) => act.attendeesPeriod : (act) => act.attendeesCumulative,
      };
    default:
      return {
        kind: 'people',
        of: name === 'helped' ? (act) => act.helpedPeriod : (act) => act.helpedCumulative,
      };
  }
}

function nextStepOf(status: SkillStatusMap, next: Next): SkillCode | undefined {
  if (next === 'none') return undefined;
  if (next === 'basic') return BASIC_SKILLS_SET.find((kind) => !isDone(status, kind));
  return vneidProgress(status).next;
}

const byName = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

interface Sortable {
  row: DrillRow;
  village: number;
  house: IndicatorHousehold | undefined;
}

/**
 * The list behind the figure `key` of `computeFigures(rows, query)`; its length equals
 * `drillCount(figures, key)` (tested). Resident rows carry name, age (period year − birth year) and
 * the next step: for the targets of the basic set (a, b, c, đ) the first basic skill not done, for
 * people moved out or deceased none, else the next VNeID step.
 * With the lesson cards in use (issue 20), a resident row also names the card to bring next on the way
 * to that step (lessons/next-step.ts, `towards` the figure's skills), for people whose consent lets
 * their steps be used.
 * People of an activity list (helped, attended) are listed once per village that counts them, like
 * the count; one with no live row in the query's villages (deleted since, or of another village) is
 * listed by id and household only, the household from the assist or their row's tombstone ('' when
 * neither says).
 */
export function drillDown(
  rows: IndicatorRows,
  query: IndicatorQuery,
  key: DrillKey,
  cards?: readonly LessonCard[],
): DrillList {
  const scan = scanRows(rows, query.villageIds, query.period, query.referenceDay);
  const selector = selectorOf(key);
  const householdById = new Map<string, IndicatorHousehold>();
  for (const h of scan.households) householdById.set(h.id, h);
  const out: Sortable[] = [];
  const residentRow = (i: number, next: Next): Sortable => {
    const r = scan.residents[i] as IndicatorResident;
    const house = householdById.get(r.householdId);
    const status = scan.status.get(r.id) ?? EMPTY_STATUS;
    const nextStep = nextStepOf(status, next);
    const nextCard =
      cards && next !== 'none' && mayRecordSkills(r)
        ? nextCards(
            {
              birthYear: r.birthYear,
              groups: r.groups,
              hasSmartphone: r.hasSmartphone,
              hasChipId: r.hasChipId,
              simOwnName: r.simOwnName,
              status,
            },
            cards,
            { year: query.period.year, limit: 1, towards: next === 'basic' ? BASIC_SKILLS_SET : VNEID_STEPS },
          )[0]?.key
        : undefined;
    return {
      row: {
        id: r.id,
        villageId: r.villageId,
        householdId: r.householdId,
        householdLabel: house?.label ?? '',
        ...(house?.lane !== undefined ? { lane: house.lane } : {}),
        name: r.name,
        age: query.period.year - r.birthYear,
        ...(nextStep !== undefined ? { nextStep } : {}),
        ...(nextCard !== undefined ? { nextCard } : {}),
      },
      village: scan.residentVillage[i] as number,
      house,
    };
  };
  if (selector.kind === 'households') {
    scan.households.forEach((h, i) => {
      if (!selector.test(scan.householdFlags[i] as number)) return;
      out.push({ row: householdRow(h), village: scan.householdVillage[i] as number, house: h });
    });
  } else if (selector.kind === 'residents') {
    for (let i = 0; i < scan.residents.length; i += 1) {
      if (
        selector.test(
          scan.residentFlags[i] as number,
          scan.residentStep[i] as number,
          scan.residentRegister[i] as number,
        )
      )
        out.push(residentRow(i, selector.next));
    }
  } else listPeople(rows, scan, selector.of, householdById, residentRow, out);
  return {
    key,
    kind: selector.kind === 'households' ? 'households' : 'residents',
    rows: sortWalk(scan, out),
  };
}

/** The people of each village's activity set, in `out` (see drillDown for who is listed how). */
function listPeople(
  rows: IndicatorRows,
  scan: Scan,
  of: (act: VillageActivity) => ReadonlyMap<string, string> | ReadonlySet<string>,
  householdById: ReadonlyMap<string, IndicatorHousehold>,
  residentRow: (i: number, next: Next) => Sortable,
  out: Sortable[],
): void {
  const liveIndex = new Map<string, number>();
  scan.residents.forEach((r, i) => {
    liveIndex.set(r.id, i);
  });
  const missing: Array<{ id: string; village: number; householdId: string | undefined }> = [];
  scan.activity.forEach((act, village) => {
    const people = of(act);
    for (const id of people.keys()) {
      const i = liveIndex.get(id);
      if (i !== undefined) {
        // Listed under the village that counts them (a class of the next village, say).
        const item = residentRow(i, 'vneid');
        item.village = village;
        out.push(item);
      } else missing.push({ id, village, householdId: people instanceof Map ? people.get(id) : undefined });
    }
  });
  if (missing.length === 0) return;
  // Their rows anywhere, tombstones included: only for where they lived, never their name.
  const wanted = new Set(missing.map((m) => m.id));
  const elsewhere = new Map<string, IndicatorResident>();
  for (const r of rows.residents) if (wanted.has(r.id) && !elsewhere.has(r.id)) elsewhere.set(r.id, r);
  for (const m of missing) {
    const known = elsewhere.get(m.id);
    const householdId = m.householdId ?? known?.householdId ?? '';
    const house = householdById.get(householdId);
    const row: DrillRow = {
      id: m.id,
      villageId: known?.villageId ?? scan.villageIds[m.village] ?? '',
      householdId,
      householdLabel: house?.label ?? '',
    };
    if (house?.lane !== undefined) row.lane = house.lane;
    out.push({ row, village: m.village, house });
  }
}

function householdRow(h: IndicatorHousehold): DrillRow {
  return {
    id: h.id,
    villageId: h.villageId,
    householdId: h.id,
    householdLabel: h.label,
    ...(h.lane !== undefined ? { lane: h.lane } : {}),
  };
}

function sortWalk(scan: Scan, items: Sortable[]): DrillRow[] {
  const lanes: LaneComparator[] = scan.villages.map((v) => laneComparator(v?.laneOrder));
  const keyed = items.map((item) => ({ ...item, lane: groupingKey(item.house?.lane) }));
  keyed.sort(
    (a, b) =>
      a.village - b.village ||
      (lanes[a.village] as LaneComparator)(a.lane, b.lane) ||
      compareHouses(a.house, b.house) ||
      byName.compare(a.row.name ?? '', b.row.name ?? '') ||
      (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0),
  );
  return keyed.map((item) => item.row);
}

function compareHouses(a: IndicatorHousehold | undefined, b: IndicatorHousehold | undefined): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return compareInLane(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
