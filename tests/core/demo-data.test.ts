import { describe, expect, it } from 'vitest';
import { type DemoOptions, generateDemoData } from '../../src/core/demo-data';
import { hasActiveConsent, householdSchema, residentSchema, villageSchema } from '../../src/core/schemas';
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
    const ids = [...villages, ...households, ...residents].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^0191f5a0-0000-7000-8000-[0-9a-f]{12}$/);
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

  it('every village, household and resident passes its schema', () => {
    const failures: string[] = [];
    const check =
      (kind: string, schema: typeof villageSchema | typeof householdSchema | typeof residentSchema) =>
      (record: { id: string }) => {
        const result = schema.safeParse(record);
        if (!result.success)
          failures.push(`${kind} ${record.id}: ${JSON.stringify(fieldErrors(result.error))}`);
      };
    villages.forEach(check('village', villageSchema));
    households.forEach(check('household', householdSchema));
    residents.forEach(check('resident', residentSchema));
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

  it('stamps createdAt / updatedAt with the given time', () => {
    for (const record of [...villages, ...households, ...residents]) {
      expect(record.createdAt).toBe(NOW.toISOString());
      expect(record.updatedAt).toBe(NOW.toISOString());
    }
  });
});
