import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { localDay } from '../../src/core/dates';
import { type DemoOptions, generateDemoData } from '../../src/core/demo-data';
import { attendanceId } from '../../src/core/ids';
import {
  assistSchema,
  attendanceSchema,
  classSchema,
  hasActiveConsent,
  householdSchema,
  residentSchema,
  villageSchema,
  visitSchema,
} from '../../src/core/schemas';
import { VNEID_STEPS } from '../../src/core/skills/catalogue';
import { fieldErrors } from '../../src/core/validation';

const NOW = new Date('2025-06-01T08:00:00.000Z');

/** Deterministic UUIDs (version 7, RFC variant) from a counter. */
function counterIds(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `0191f5a0-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

function options(overrides: Partial<DemoOptions> = {}): DemoOptions {
  return { now: NOW, newId: counterIds(), collectedBy: 'Tổ công nghệ số', seed: 42, ...overrides };
}

// One full default register, shared by the read-only tests below.
const demo = generateDemoData(options());
const villages = demo.map((d) => d.village);
const households = demo.flatMap((d) => d.households);
const residents = demo.flatMap((d) => d.residents);
const visits = demo.flatMap((d) => d.visits);
const assists = demo.flatMap((d) => d.assists);
const classes = demo.flatMap((d) => d.classes);
const attendance = demo.flatMap((d) => d.attendance);
const TODAY = localDay(NOW);

/** Map.groupBy, which Node 20 does not have yet. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

describe('generateDemoData', () => {
  it('is deterministic for a fixed seed and id counter', () => {
    expect(generateDemoData(options())).toEqual(demo);
  });

  it('a different seed gives a different register', () => {
    const other = generateDemoData(options({ seed: 43, villageCount: 1, householdsPerVillage: 20 }));
    const same = generateDemoData(options({ villageCount: 1, householdsPerVillage: 20 }));
    expect(other).not.toEqual(same);
  });

  it('defaults to 13 villages "Thôn 1" … "Thôn 13", flagged demo', () => {
    expect(villages.map((v) => v.name)).toEqual(Array.from({ length: 13 }, (_, i) => `Thôn ${i + 1}`));
    for (const v of villages) expect(v.demo).toBe(true);
    expect(new Set(villages.map((v) => v.code)).size).toBe(13);
  });

  it('defaults to 150 households per village, each with 3–5 residents matching membersCount', () => {
    for (const d of demo) {
      expect(d.households).toHaveLength(150);
      const perHousehold = new Map<string, number>();
      for (const r of d.residents)
        perHousehold.set(r.householdId, (perHousehold.get(r.householdId) ?? 0) + 1);
      for (const h of d.households) {
        const count = perHousehold.get(h.id) ?? 0;
        expect(count).toBeGreaterThanOrEqual(3);
        expect(count).toBeLessThanOrEqual(5);
        expect(h.membersCount).toBe(count);
      }
      expect(perHousehold.size).toBe(150);
    }
  });

  it('honours villageCount and householdsPerVillage', () => {
    const small = generateDemoData(options({ villageCount: 2, householdsPerVillage: 7 }));
    expect(small).toHaveLength(2);
    for (const d of small) expect(d.households).toHaveLength(7);
  });

  it('uses the injected id generator for every record, so ids are unique', () => {
    const generated = [...villages, ...households, ...residents, ...visits, ...assists, ...classes];
    const ids = [...generated, ...attendance].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { id } of generated) expect(id).toMatch(/^0191f5a0-0000-7000-8000-[0-9a-f]{12}$/);
  });

  it('keeps every record in its own village', () => {
    for (const d of demo) {
      const householdIds = new Set(d.households.map((h) => h.id));
      for (const h of d.households) expect(h.villageId).toBe(d.village.id);
      for (const r of d.residents) {
        expect(r.villageId).toBe(d.village.id);
        expect(householdIds.has(r.householdId)).toBe(true);
      }
    }
  });

  it('every record of every table passes its schema', () => {
    const failures: string[] = [];
    const check = (kind: string, schema: z.ZodType) => (record: { id: string }) => {
      const result = schema.safeParse(record);
      if (!result.success)
        failures.push(`${kind} ${record.id}: ${JSON.stringify(fieldErrors(result.error))}`);
    };
    villages.forEach(check('village', villageSchema));
    households.forEach(check('household', householdSchema));
    residents.forEach(check('resident', residentSchema));
    visits.forEach(check('visit', visitSchema));
    assists.forEach(check('assist', assistSchema));
    classes.forEach(check('class', classSchema));
    attendance.forEach(check('attendance', attendanceSchema));
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('residents without consent carry no consent-only fields and a label, not a full name', () => {
    const withoutConsent = residents.filter((r) => !hasActiveConsent(r));
    expect(withoutConsent.length).toBeGreaterThan(0);
    for (const r of withoutConsent) {
      expect(r.sex).toBeUndefined();
      expect(r.hasChipId).toBeUndefined();
      expect(r.hasSmartphone).toBeUndefined();
      expect(r.simOwnName).toBeUndefined();
      expect(r.phone).toBeUndefined();
      expect(r.groups).toEqual([]);
      expect(r.name).toMatch(/^(Cụ ông|Cụ bà|Thành viên \d)$/);
    }
  });

  it('residents with consent record who collected it, when, and for which purposes', () => {
    const withConsent = residents.filter((r) => hasActiveConsent(r));
    expect(withConsent.length).toBeGreaterThan(residents.length / 2);
    for (const r of withConsent) {
      expect(r.consent?.collectedBy).toBe('Tổ công nghệ số');
      expect(r.consent?.collectedAt).toBe(NOW.toISOString());
      expect(r.consent?.purposes.length).toBeGreaterThan(0);
    }
  });

  it('flags a household ethnic-minority only with a consent time', () => {
    const flagged = households.filter((h) => h.ethnicMinority !== undefined);
    expect(flagged.length).toBeGreaterThan(0);
    for (const h of flagged) expect(h.ethnicMinorityConsentAt).toBe(NOW.toISOString());
  });

  it('birth years are plausible for the given date', () => {
    for (const r of residents) {
      expect(r.birthYear).toBeGreaterThanOrEqual(1900);
      expect(r.birthYear).toBeLessThanOrEqual(NOW.getFullYear());
    }
  });

  it('stamps createdAt / updatedAt of every record with the given time', () => {
    const all = [...villages, ...households, ...residents, ...visits, ...assists, ...classes, ...attendance];
    for (const record of all) {
      expect(record.createdAt).toBe(NOW.toISOString());
      expect(record.updatedAt).toBe(NOW.toISOString());
    }
  });
});

describe('generateDemoData: field work', () => {
  const residentById = new Map(residents.map((r) => [r.id, r]));
  const visitById = new Map(visits.map((v) => [v.id, v]));

  it('has about five visits and skill steps per household, as a village-sized data set does (DESIGN §6)', () => {
    for (const d of demo) {
      const perHousehold = (d.visits.length + d.assists.length) / d.households.length;
      expect(perHousehold).toBeGreaterThan(4);
      expect(perHousehold).toBeLessThan(6.5);
      expect(d.visits.length).toBeGreaterThan(d.households.length);
    }
  });

  it('keeps each village’s field work in that village, about its own households and residents', () => {
    for (const d of demo) {
      const householdIds = new Set(d.households.map((h) => h.id));
      const residentIds = new Set(d.residents.map((r) => r.id));
      for (const v of d.visits) {
        expect(v.villageId).toBe(d.village.id);
        expect(householdIds.has(v.householdId)).toBe(true);
      }
      for (const a of [...d.assists, ...d.attendance]) {
        expect(a.villageId).toBe(d.village.id);
        expect(residentIds.has(a.residentId)).toBe(true);
      }
      for (const c of d.classes) expect(c.villageId).toBe(d.village.id);
    }
  });

  it('records skill steps only for residents whose consent covers skills support, in their household', () => {
    expect(assists.length).toBeGreaterThan(0);
    for (const a of assists) {
      const resident = residentById.get(a.residentId);
      expect(resident && hasActiveConsent(resident)).toBe(true);
      expect(resident?.consent?.purposes).toContain('skills_support');
      expect(a.householdId).toBe(resident?.householdId);
    }
  });

  it('a visit lists the residents it helped and the topics of the steps recorded at it, on its day', () => {
    const stepsOf = groupBy(
      assists.filter((a) => a.visitId),
      (a) => a.visitId as string,
    );
    for (const v of visits) {
      const steps = stepsOf.get(v.id) ?? [];
      expect(new Set(v.residentIds)).toEqual(new Set(steps.map((a) => a.residentId)));
      expect(new Set(v.topics)).toEqual(new Set(steps.map((a) => a.kind)));
      for (const a of steps) {
        expect(a.on).toBe(localDay(v.visitedAt));
        expect(a.householdId).toBe(v.householdId);
        expect(v.members).toContain(a.by);
      }
      if (v.outcome !== 'met') expect(steps).toEqual([]);
    }
    for (const a of assists) if (a.visitId) expect(visitById.has(a.visitId)).toBe(true);
  });

  it('visits have every outcome, in daytime, on days before today; some households are never visited', () => {
    expect(new Set(visits.map((v) => v.outcome))).toEqual(
      new Set(['met', 'nobody_home', 'refused', 'come_back']),
    );
    for (const v of visits) {
      expect(localDay(v.visitedAt) < TODAY).toBe(true);
      const hour = Number(new Date(Date.parse(v.visitedAt) + 7 * 3_600_000).toISOString().slice(11, 13));
      expect(hour).toBeGreaterThanOrEqual(7);
      expect(hour).toBeLessThanOrEqual(17);
    }
    const visited = new Set(visits.map((v) => v.householdId));
    const never = households.filter((h) => !visited.has(h.id)).length;
    expect(never).toBeGreaterThan(households.length * 0.05);
    expect(never).toBeLessThan(households.length * 0.25);
  });

  it('leaves follow-ups both overdue and still to come, for the round planner', () => {
    const followUps = visits.filter((v) => v.outcome === 'come_back').map((v) => v.followUpOn as string);
    expect(followUps.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(followUps.some((d) => d < TODAY)).toBe(true);
    expect(followUps.some((d) => d >= TODAY)).toBe(true);
  });

  it('takes each resident along the VNeID journey in order, with failures that carry their reason', () => {
    const reached = assists.filter((a) => a.kind.startsWith('vneid_') && a.status !== 'failed');
    for (const steps of groupBy(reached, (a) => a.residentId).values()) {
      const order = steps.map((a) => VNEID_STEPS.indexOf(a.kind as (typeof VNEID_STEPS)[number]));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    const failed = assists.filter((a) => a.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const a of failed) expect(a.failReason?.length).toBeGreaterThan(0);
    expect(new Set(assists.map((a) => a.howKnown))).toEqual(new Set(['observed', 'self_reported']));
    expect(new Set(assists.map((a) => a.status))).toEqual(
      new Set(['done', 'in_progress', 'referred', 'failed']),
    );
  });

  it('lists steps in the order they happened, so a later step is also recorded later', () => {
    for (const d of demo) {
      const days = d.assists.map((a) => a.on);
      expect(days).toEqual([...days].sort());
    }
  });

  it('holds two classes with attendance and plans one; attendance ids are derived, one per person', () => {
    for (const d of demo) {
      const held = d.classes.filter((c) => c.date < TODAY);
      const planned = d.classes.filter((c) => c.date > TODAY);
      expect([held.length, planned.length]).toEqual([2, 1]);
      for (const c of held) {
        const present = d.attendance.filter((a) => a.classId === c.id);
        expect(present.length).toBeGreaterThanOrEqual(10);
        for (const a of present) expect(a.id).toBe(attendanceId(c.id, a.residentId));
        expect(new Set(present.map((a) => a.residentId)).size).toBe(present.length);
        const topicSteps = d.assists.filter((a) => a.classId === c.id);
        const presentIds = new Set(present.map((a) => a.residentId));
        for (const a of topicSteps) {
          expect(presentIds.has(a.residentId)).toBe(true);
          expect([a.kind, a.on, a.howKnown]).toEqual([c.topic, c.date, 'observed']);
        }
        const consenting = present.filter((a) => {
          const r = residentById.get(a.residentId);
          return r && hasActiveConsent(r);
        });
        expect(topicSteps.length).toBe(consenting.length);
      }
      for (const c of planned) expect(d.attendance.some((a) => a.classId === c.id)).toBe(false);
    }
  });

  it('adding field work left the register of a seed as it was: households and residents come first', () => {
    const registerOnly = generateDemoData(options({ villageCount: 2, householdsPerVillage: 5 }));
    const ids = registerOnly.flatMap((d) => [d.village, ...d.households, ...d.residents]).map((r) => r.id);
    const last = ids.toSorted().at(-1) as string;
    for (const d of registerOnly)
      for (const r of [...d.visits, ...d.assists, ...d.classes]) expect(r.id > last).toBe(true);
  });
});
