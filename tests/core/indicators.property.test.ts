/**
 * Properties of the indicators (issue 18) on random registers of 1–4 villages:
 * - the commune's total is the sum of its villages for every count (targets: count and register
 *   denominator; the official denominator only when every village has one, then their sum);
 * - for every drill-down key and random village sets, the list has exactly as many rows as its count.
 * Rows are random in every way the rules care about: ages around 15–18 and 60, statuses before and
 * after the period's end, tombstones, visits around the quarter's boundary instants, assists of every
 * kind and status dated around the period, classes and attendance.
 *
 * fast-check prints the failing seed; replay with `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/demo-data';
import {
  computeCommune,
  computeFigures,
  DRILL_KEYS,
  drillCount,
  drillDown,
  type Figures,
  type IndicatorRows,
  type Period,
} from '../../src/core/indicators';
import {
  ASSIST_STATUSES,
  type AssistStatus,
  AUDIENCES,
  RESIDENT_GROUPS,
  RESIDENT_STATUSES,
  TARGET_CODES,
  VISIT_OUTCOMES,
} from '../../src/core/schemas';
import { BASIC_SKILLS_SET, SKILL_CODES, type SkillCode } from '../../src/core/skills/catalogue';

const PERIOD: Period = { kind: 'quarter', year: 2025, quarter: 3 };
/** Three weeks after the period's end, and a year later (stale rows, old referrals). */
const REFERENCE_DAYS = ['2025-10-20', '2026-09-01'];
const DAYS = [
  '2025-03-01',
  '2025-06-30',
  '2025-07-01',
  '2025-08-15',
  '2025-09-30',
  '2025-10-01',
  '2025-12-01',
];
const INSTANTS = [
  '2025-06-30T16:59:00Z',
  '2025-06-30T17:00:00Z',
  '2025-08-01T02:00:00Z',
  '2025-09-30T16:59:00Z',
  '2025-09-30T17:00:00Z',
  '2024-12-01T02:00:00Z',
];

function randomRows(seed: number): IndicatorRows {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const maybeDeleted = () => (chance(0.1) ? { deletedAt: '2025-09-01T00:00:00Z' } : {});
  const rows: IndicatorRows = {
    villages: [],
    households: [],
    residents: [],
    visits: [],
    assists: [],
    classes: [],
    attendance: [],
    targets: chance(0.5)
      ? [{ year: 2025, code: pick(TARGET_CODES), percent: Math.floor(random() * 101) }]
      : [],
  };
  const villageCount = 1 + Math.floor(random() * 4);
  let n = 0;
  const id = (prefix: string) => {
    n += 1;
    return `${prefix}${n}`;
  };
  for (let v = 0; v < villageCount; v += 1) {
    const villageId = `v${v}`;
    (rows.villages as unknown[]).push({
      id: villageId,
      name: `Thôn ${v}`,
      code: `T${v}`,
      ...(chance(0.6)
        ? {
            official: {
              adults18Plus: Math.floor(random() * 30),
              residents16Plus: 30 + Math.floor(random() * 10),
            },
          }
        : {}),
    });
    const houses: string[] = [];
    const people: Array<{ id: string; householdId: string }> = [];
    for (let h = 0; h < Math.floor(random() * 10); h += 1) {
      const hid = id('h');
      houses.push(hid);
      const status = pick([undefined, undefined, 'active', 'moved_out', 'merged'] as const);
      (rows.households as unknown[]).push({
        id: hid,
        villageId,
        label: `Hộ ${hid}`,
        lane: pick([undefined, 'Xóm 1', 'Xóm 2']),
        poor: chance(0.3),
        ...(chance(0.3)
          ? { ethnicMinority: true, ...(chance(0.7) ? { ethnicMinorityConsentAt: INSTANTS[2] } : {}) }
          : {}),
        ...(status && status !== 'active' ? { status, statusOn: pick(DAYS) } : {}),
        createdAt: INSTANTS[5],
        ...maybeDeleted(),
      });
      for (let r = 0; r < Math.floor(random() * 5); r += 1) {
        const rid = id('r');
        people.push({ id: rid, householdId: hid });
        const status = chance(0.6) ? 'present' : pick(RESIDENT_STATUSES);
        (rows.residents as unknown[]).push({
          id: rid,
          villageId,
          householdId: hid,
          name: `Người ${rid}`,
          birthYear: pick([1950, 1965, 1966, 1990, 2007, 2008, 2009, 2010, 2015]),
          groups: RESIDENT_GROUPS.filter(() => chance(0.25)),
          ...(chance(0.8)
            ? {
                consent: {
                  purposes: ['skills_support'],
                  collectedBy: 'A',
                  collectedAt: INSTANTS[5],
                  ...(chance(0.2) ? { withdrawnAt: INSTANTS[2] } : {}),
                },
              }
            : {}),
          ...(status !== 'present' || chance(0.2) ? { status, statusOn: pick(DAYS) } : {}),
          createdAt: INSTANTS[5],
          updatedAt: pick(INSTANTS),
          ...maybeDeleted(),
        });
      }
    }
    let clock = 0;
    const assist = (
      person: { id: string; householdId: string },
      kind: SkillCode,
      status: AssistStatus,
      on = pick(DAYS),
    ) => {
      clock += 1;
      (rows.assists as unknown[]).push({
        id: id('a'),
        villageId,
        residentId: person.id,
        householdId: person.householdId,
        kind,
        status,
        howKnown: chance(0.5) ? 'observed' : 'self_reported',
        on,
        hlc: String(clock).padStart(6, '0'),
        ...maybeDeleted(),
      });
    };
    for (const person of people) {
      // Some people have no step at all (stale, not started), some the whole basic set (c, a, b, đ).
      if (chance(0.3)) continue;
      if (chance(0.4)) for (const kind of BASIC_SKILLS_SET) assist(person, kind, 'done', '2025-08-15');
      for (let i = 0; i < Math.floor(random() * 5); i += 1)
        assist(person, pick(SKILL_CODES), chance(0.6) ? 'done' : pick(ASSIST_STATUSES));
    }
    for (const house of houses) {
      if (chance(0.4)) continue;
      for (let i = 0; i < 1 + Math.floor(random() * 3); i += 1) {
        (rows.visits as unknown[]).push({
          id: id('vi'),
          villageId,
          householdId: house,
          visitedAt: pick(INSTANTS),
          outcome: pick(VISIT_OUTCOMES),
          residentIds: [],
          ...maybeDeleted(),
        });
      }
    }
    for (let c = 0; c < Math.floor(random() * 4); c += 1) {
      const cid = id('c');
      (rows.classes as unknown[]).push({
        id: cid,
        villageId,
        date: pick(DAYS),
        topic: pick(SKILL_CODES),
        audience: pick(AUDIENCES),
        walkIns: Math.floor(random() * 5),
        ...maybeDeleted(),
      });
      for (const person of people)
        if (chance(0.3))
          (rows.attendance as unknown[]).push({
            id: id('at'),
            villageId,
            classId: cid,
            residentId: person.id,
            ...maybeDeleted(),
          });
    }
  }
  return rows;
}

/** Every number of a figures tree by path, leaving out what is not a count (shares, gaps, targets). */
function countsOf(figures: Figures): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') out.set(path, value);
    else if (value !== null && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
  };
  const { targets, villageIds: _v, period: _p, referenceDay: _r, ...rest } = figures;
  walk(rest, '');
  for (const code of TARGET_CODES) {
    out.set(`targets.${code}.count`, targets[code].count);
    out.set(`targets.${code}.register`, targets[code].denominator.register);
  }
  return out;
}

describe('indicators on random registers', () => {
  it('the commune total is the sum of its villages, count by count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const rows = randomRows(seed);
        const commune = computeCommune(rows, PERIOD, REFERENCE_DAYS[seed % 2] as string);
        const villages = Object.values(commune.villages);
        const sums = new Map<string, number>();
        for (const figures of villages)
          for (const [path, value] of countsOf(figures)) sums.set(path, (sums.get(path) ?? 0) + value);
        expect(countsOf(commune.total)).toEqual(sums);
        for (const code of ['c', 'd', 'id'] as const) {
          const officials = villages.map((f) => f.targets[code].denominator.official?.count);
          const expected = officials.every((c) => c !== undefined)
            ? officials.reduce((a: number, b) => a + (b as number), 0)
            : undefined;
          expect(commune.total.targets[code].denominator.official?.count).toBe(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every drill-down list has exactly as many rows as its count', () => {
    // Every key on every register (not a random key): a key added later is covered without a change.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.subarray(['v0', 'v1', 'v2', 'v3'], { minLength: 1 }),
        (seed, villageIds) => {
          const rows = randomRows(seed);
          const query = { villageIds, period: PERIOD, referenceDay: REFERENCE_DAYS[seed % 2] as string };
          const figures = computeFigures(rows, query);
          for (const key of DRILL_KEYS) {
            const list = drillDown(rows, query, key);
            expect(list.rows, key).toHaveLength(drillCount(figures, key));
            expect(new Set(list.rows.map((r) => r.id)).size, key).toBe(list.rows.length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
