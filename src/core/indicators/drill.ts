/**
 * The people or houses behind a number (issue 18): `drillDown(rows, query, key)` lists exactly the
 * rows counted by the figure `key` names, because both read the same bits of one scan (scan.ts).
 * Lists come in walking order (walk-order.ts): village (the query's order), lane (the village's
 * `laneOrder` when given, else alphabetically, no lane last), house order, then name.
 */
import { TARGET_CODES, type TargetCode } from '../schemas';
import {
  BASIC_FIVE,
  BASIC_SKILLS_SET,
  type SkillCode,
  VNEID_STEPS,
  type VneidStep,
} from '../skills/catalogue';
import { isDone, type SkillStatusMap, vneidProgress } from '../skills/status';
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
} from './scan';
import {
  type BasicSkill,
  type DrillKey,
  type DrillList,
  type DrillRow,
  type Figures,
  type IndicatorHousehold,
  type IndicatorQuery,
  type IndicatorRows,
  PRIORITY_KEYS,
  type PriorityKey,
} from './types';

/** Every drill-down key, in the dashboard's order (for menus, links and the tests). */
export const DRILL_KEYS: readonly DrillKey[] = [
  ...TARGET_CODES.flatMap((code) => [`target.${code}.met`, `target.${code}.missing`] as DrillKey[]),
  ...VNEID_STEPS.map((step) => `funnel.at.${step}` as DrillKey),
  'funnel.notStarted',
  'funnel.stuck',
  'households.visitedEver',
  'households.visitedInPeriod',
  'households.neverVisited',
  ...BASIC_FIVE.map((skill) => `households.notFluent.${skill}` as DrillKey),
  'households.notFluentAllFive',
  ...PRIORITY_KEYS.map((key) => `priority.${key}` as DrillKey),
  'quality.noConsent',
  'quality.consentWithdrawn',
  'quality.stale',
  'quality.householdsWithoutResidents',
  'assists.helped',
];

const DRILL_KEY_SET = new Set<string>(DRILL_KEYS);

/** Whether text (from a URL) is a drill-down key. */
export function isDrillKey(text: string): text is DrillKey {
  return DRILL_KEY_SET.has(text);
}

/**
 * The count of `figures` that `key`'s list matches, row for row: `target.x.missing` is the register
 * denominator less the count (the official denominator names nobody), `households.notFluent.x` the
 * households less the fluent ones, `priority.x` the not-yet-reached, `assists.helped` the period's.
 */
export function drillCount(figures: Figures, key: DrillKey): number {
  const [family, name, detail] = key.split('.') as [string, string, string | undefined];
  switch (family) {
    case 'target': {
      const target = figures.targets[name as TargetCode];
      return detail === 'met' ? target.count : target.denominator.register - target.count;
    }
    case 'funnel':
      if (name === 'at') return figures.funnel.atStep[detail as VneidStep];
      return name === 'stuck' ? figures.funnel.stuck : figures.funnel.notStarted;
    case 'households': {
      const h = figures.households;
      if (name === 'notFluent') return h.total - h.fluent[detail as BasicSkill];
      if (name === 'notFluentAllFive') return h.total - h.fluentAllFive;
      return h[name as 'visitedEver' | 'visitedInPeriod' | 'neverVisited'];
    }
    case 'priority':
      return figures.priority.notReached[name as PriorityKey];
    case 'quality':
      return figures.quality[name as keyof Figures['quality']];
    default:
      return figures.assists.period.residentsHelped;
  }
}

type Selector =
  | { kind: 'residents'; test: (flags: number, step: number) => boolean; next: 'vneid' | 'basic' }
  | { kind: 'households'; test: (flags: number) => boolean }
  | { kind: 'helped' };

function has(flags: number, bits: number): boolean {
  return (flags & bits) === bits;
}

function selectorOf(key: DrillKey): Selector {
  const [family, name, detail] = key.split('.') as [string, string, string | undefined];
  const residents = (test: (flags: number, step: number) => boolean, next: 'vneid' | 'basic' = 'vneid') =>
    ({ kind: 'residents', test, next }) as const;
  const households = (test: (flags: number) => boolean) => ({ kind: 'households', test }) as const;
  switch (family) {
    case 'target': {
      const index = TARGET_CODES.indexOf(name as TargetCode);
      const den = R_COUNTED | targetDenBit(index);
      const met = targetMetBit(index);
      if (detail === 'met') return residents((f) => has(f, den | met));
      return residents((f) => has(f, den) && (f & met) === 0, name === 'c' ? 'basic' : 'vneid');
    }
    case 'funnel': {
      const base = R_COUNTED | R_FUNNEL;
      if (name === 'at') {
        const step = VNEID_STEPS.indexOf(detail as VneidStep);
        return residents((f, s) => has(f, base) && s === step);
      }
      if (name === 'stuck') return residents((f) => has(f, base | R_STUCK));
      return residents((f, s) => has(f, base) && s < 0);
    }
    case 'households': {
      if (name === 'visitedEver') return households((f) => has(f, H_COUNTED | H_VISITED_EVER));
      if (name === 'visitedInPeriod') return households((f) => has(f, H_COUNTED | H_VISITED_PERIOD));
      if (name === 'neverVisited') return households((f) => has(f, H_COUNTED) && (f & H_VISITED_EVER) === 0);
      if (name === 'notFluentAllFive') return households((f) => has(f, H_COUNTED) && !has(f, H_FLUENT_ALL));
      const bit = fluentBit(BASIC_FIVE.indexOf(detail as BasicSkill));
      return households((f) => has(f, H_COUNTED) && (f & bit) === 0);
    }
    case 'priority': {
      if (name === 'elderly') return residents((f) => has(f, R_COUNTED | R_ELDERLY | R_NOT_REACHED));
      if (name === 'disability') return residents((f) => has(f, R_COUNTED | R_DISABILITY | R_NOT_REACHED));
      const bit = name === 'poor' ? H_POOR : H_ETHNIC;
      return households((f) => has(f, H_COUNTED | bit) && (f & H_MET) === 0);
    }
    case 'quality': {
      if (name === 'householdsWithoutResidents')
        return households((f) => has(f, H_COUNTED) && (f & H_HAS_RESIDENT) === 0);
      const bit = name === 'noConsent' ? R_NO_CONSENT : name === 'consentWithdrawn' ? R_WITHDRAWN : R_STALE;
      return residents((f) => has(f, R_COUNTED | bit));
    }
    default:
      return { kind: 'helped' };
  }
}

function nextStepOf(status: SkillStatusMap, next: 'vneid' | 'basic'): SkillCode | undefined {
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
 * the next step: for `target.c.missing` the first basic skill not done, else the next VNeID step.
 * A resident helped in the period who has since been deleted is listed by id and household only.
 */
export function drillDown(rows: IndicatorRows, query: IndicatorQuery, key: DrillKey): DrillList {
  const scan = scanRows(rows, query.villageIds, query.period, query.referenceDay);
  const selector = selectorOf(key);
  const householdById = new Map<string, IndicatorHousehold>();
  for (const h of scan.households) householdById.set(h.id, h);
  const out: Sortable[] = [];
  if (selector.kind === 'households') {
    scan.households.forEach((h, i) => {
      if (!selector.test(scan.householdFlags[i] as number)) return;
      out.push({ row: householdRow(h), village: scan.householdVillage[i] as number, house: h });
    });
  } else {
    const helped = selector.kind === 'helped' ? new Map<string, string>() : undefined;
    if (helped)
      for (const act of scan.activity) for (const [id, hid] of act.helpedPeriod) helped.set(id, hid);
    scan.residents.forEach((r, i) => {
      const flags = scan.residentFlags[i] as number;
      if (helped) {
        if (!helped.delete(r.id)) return;
      } else if (selector.kind === 'residents' && !selector.test(flags, scan.residentStep[i] as number))
        return;
      const house = householdById.get(r.householdId);
      const status = scan.status.get(r.id) ?? EMPTY_STATUS;
      const nextStep = nextStepOf(status, selector.kind === 'residents' ? selector.next : 'vneid');
      out.push({
        row: {
          id: r.id,
          villageId: r.villageId,
          householdId: r.householdId,
          householdLabel: house?.label ?? '',
          ...(house?.lane !== undefined ? { lane: house.lane } : {}),
          name: r.name,
          age: query.period.year - r.birthYear,
          ...(nextStep !== undefined ? { nextStep } : {}),
        },
        village: scan.residentVillage[i] as number,
        house,
      });
    });
    // Helped, but no live resident row (deleted since): still one of the distinct people counted.
    if (helped)
      scan.activity.forEach((act, village) => {
        for (const [id, hid] of act.helpedPeriod) {
          if (!helped.has(id)) continue;
          const house = householdById.get(hid);
          const row: DrillRow = {
            id,
            villageId: scan.villageIds[village] ?? '',
            householdId: hid,
            householdLabel: '',
          };
          if (house) {
            row.householdLabel = house.label;
            if (house.lane !== undefined) row.lane = house.lane;
          }
          out.push({ row, village, house });
        }
      });
  }
  return {
    key,
    kind: selector.kind === 'households' ? 'households' : 'residents',
    rows: sortWalk(scan, out),
  };
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
