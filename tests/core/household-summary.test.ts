import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/core/hlc';
import { ageInYear, ELDERLY_AGE, isElderly } from '../../src/core/schemas';
import { BASIC_FIVE, type SkillCode } from '../../src/core/skills/catalogue';
import { COUNTED_AGE, summarizeHousehold } from '../../src/core/skills/household-summary';
import type { AssistLike } from '../../src/core/skills/status';

const YEAR = 2026;
const elder = { id: 'r-elder', name: 'Hoàng Thị Lan', birthYear: 1950 };
const adult = { id: 'r-adult', name: 'Ma Văn Quyết', birthYear: 1990 };
const child = { id: 'r-child', name: 'Ma Thị Na', birthYear: 2015 };

let serial = 0;
function assist(
  residentId: string,
  kind: SkillCode,
  extra: Partial<AssistLike> = {},
): AssistLike & { residentId: string } {
  serial++;
  return {
    id: `a${String(serial).padStart(4, '0')}`,
    residentId,
    kind,
    status: 'done',
    howKnown: 'observed',
    on: '2026-11-25',
    hlc: formatHlc({ wall: serial, counter: 0, node: 'aaaaaaaaaaaaaaaa' }),
    ...extra,
  };
}

describe('ages from the birth year', () => {
  it('counts a year of age per calendar year, with elderly from 60 and counting from 16', () => {
    expect(ageInYear(1950, YEAR)).toBe(76);
    expect(isElderly(1966, YEAR)).toBe(true);
    expect(isElderly(1967, YEAR)).toBe(false);
    expect(ELDERLY_AGE).toBe(60);
    expect(COUNTED_AGE).toBe(16);
  });
});

describe('household summary: who still lacks what', () => {
  // The elder has VNeID level 1 and two basics; the adult has level 2, device basics and three
  // basics (one of them only self-reported as learning); the child has device basics and shopping.
  const assists = [
    assist(elder.id, 'vneid_installed'),
    assist(elder.id, 'vneid_level1'),
    assist(elder.id, 'device_basics'),
    assist(elder.id, 'online_safety'),
    assist(adult.id, 'vneid_level2_active'),
    assist(adult.id, 'device_basics'),
    assist(adult.id, 'public_services_online'),
    assist(adult.id, 'cashless_payment'),
    assist(adult.id, 'online_shopping', { status: 'in_progress', howKnown: 'self_reported' }),
    assist(child.id, 'device_basics'),
    assist(child.id, 'online_shopping'),
  ];
  const summary = summarizeHousehold([elder, adult, child], assists, YEAR);
  const byId = new Map(summary.residents.map((r) => [r.resident.id, r]));

  it('lists what each counted resident lacks, in catalogue order', () => {
    expect(byId.get(elder.id)?.missing).toEqual([
      'vneid_level2_active',
      'public_services_online',
      'online_shopping',
      'cashless_payment',
      'local_platforms',
    ]);
    expect(byId.get(adult.id)?.missing).toEqual(['online_shopping', 'online_safety', 'local_platforms']);
  });

  it('a child under 16 is shown with an age but lacks nothing yet', () => {
    const c = byId.get(child.id);
    expect(c?.age).toBe(11);
    expect(c?.counted).toBe(false);
    expect(c?.missing).toEqual([]);
  });

  it('reports each resident’s VNeID level', () => {
    expect(byId.get(elder.id)?.vneid.reached).toBe('vneid_level1');
    expect(byId.get(adult.id)?.vneid.level2).toBe(true);
    expect(byId.get(child.id)?.vneid.reached).toBeUndefined();
  });

  it('counts residents still lacking something, not children', () => {
    expect(summary.lacking).toBe(2);
  });

  it('covers a basic skill when anyone in the house can do it, children included', () => {
    expect(summary.basicFiveCovered).toEqual({
      public_services_online: true,
      online_shopping: true,
      cashless_payment: true,
      online_safety: true,
      local_platforms: false,
    });
  });

  it('a resident with every counted skill lacks nothing and has basic skills', () => {
    const full = summarizeHousehold(
      [adult],
      [
        assist(adult.id, 'vneid_level2_active'),
        assist(adult.id, 'device_basics'),
        ...BASIC_FIVE.map((k) => assist(adult.id, k)),
      ],
      YEAR,
    );
    expect(full.residents[0]?.missing).toEqual([]);
    expect(full.residents[0]?.basicSkills).toBe(true);
    expect(full.lacking).toBe(0);
  });

  it('counts a resident from the year they turn 16 and leaves out deleted residents', () => {
    const sixteen = { id: 'r-16', name: 'Ma Văn Tú', birthYear: YEAR - COUNTED_AGE };
    const gone = { ...elder, id: 'r-gone', deletedAt: '2026-11-01T00:00:00.000Z' };
    const s = summarizeHousehold([sixteen, gone], [assist('r-gone', 'local_platforms')], YEAR);
    expect(s.residents.map((r) => r.resident.id)).toEqual(['r-16']);
    expect(s.residents[0]?.counted).toBe(true);
    expect(s.residents[0]?.missing).toContain('vneid_level2_active');
    expect(s.basicFiveCovered.local_platforms).toBe(false);
  });
});
