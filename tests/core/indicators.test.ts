/**
 * Every indicator on the hand-made fixture (tests/fixtures/indicators/fixture-village.ts), Q3 2025,
 * reference day 15 October 2025. Every expected number is counted by hand from the fixture and
 * written as a literal with the reasoning beside it (issue 18): never computed by the code under test.
 *
 * Village A's people as of 30 September 2025 (age = 2025 − birth year):
 *   counted: rA1 65, rA2 40, rA3 16, rA4 18, rA5 35, rA6 75, rA7 50, rA8 47 (away), rA11 30 (moves out
 *   in November), rA13 37 (merged household hA5), rA15 15 — 11 people; 18+: 9; 16+: 10.
 *   not counted: rA9 (moved out 15 Aug), rA10 (died 5 Sep), rA12 (household hA4 moved out 10 Aug),
 *   rA14 (deleted).
 * Village A's counted households: hA1, hA2, hA3, hA6 (hA4 moved out, hA5 merged, hA7 deleted).
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_CARDS } from '../../src/content/lessons';
import {
  computeCommune,
  computeFigures,
  DRILL_KEYS,
  type DrillKey,
  drillCount,
  drillDown,
  type IndicatorQuery,
  type IndicatorRows,
} from '../../src/core/indicators';
import {
  FIXTURE_PERIOD,
  FIXTURE_REFERENCE_DAY,
  FIXTURE_ROWS,
  VILLAGE_A,
  VILLAGE_B,
} from '../fixtures/indicators/fixture-village';

const queryA: IndicatorQuery = {
  villageIds: [VILLAGE_A],
  period: FIXTURE_PERIOD,
  referenceDay: FIXTURE_REFERENCE_DAY,
};
const figuresA = computeFigures(FIXTURE_ROWS, queryA);

function ids(key: DrillKey, query: IndicatorQuery = queryA): string[] {
  return drillDown(FIXTURE_ROWS, query, key).rows.map((row) => row.id);
}

describe('register status (village A, Q3 2025)', () => {
  it('counts live residents by their status as of 30 September', () => {
    // present: rA1–rA7, rA12, rA13, rA15, and rA11 (moves out on 1 November, after the period) = 11;
    // away: rA8; moved out: rA9; deceased: rA10; rA14 is deleted. Households: hA1, hA2, hA3, hA6.
    expect(figuresA.register).toEqual({ present: 11, away: 1, movedOut: 1, deceased: 1, households: 4 });
  });
});

describe('targets c, d, id, a, b, đ', () => {
  it('c: adults 18+ with the basic set, against the official count and the commune target', () => {
    // Adults counted: rA1 rA2 rA4 rA5 rA6 rA7 rA8 rA11 rA13 = 9. With the basic set by 30 Sep: rA1, rA7.
    // rA2's local platforms is dated 5 Oct (after); rA4 failed local platforms; rA8 is in progress on
    // online safety. Official adults 18+ = 12 (Công an xã, 30 Jun). Commune target 90%: ⌈10.8⌉ = 11
    // people, 11 − 2 = 9 to go.
    const c = figuresA.targets.c;
    expect(c.count).toBe(2);
    expect(c.denominator).toEqual({
      register: 9,
      official: { count: 12, sources: ['Công an xã'], asOf: '2025-06-30' },
    });
    expect(c.basis).toBe('official');
    expect(c.percent).toBeCloseTo((2 / 12) * 100, 10);
    expect(c.registerPercent).toBeCloseTo((2 / 9) * 100, 10);
    expect(c.target).toEqual({ percent: 90, above: false, source: 'commune' });
    expect(c.gap).toBe(9);
    expect(c.met).toBe(false);
  });

  it('d: adults confirmed on VNeID, more than 80% of 12 means 10 people', () => {
    // rA1 and rA7 reached vneid_skills_confirmed; ⌊9.6⌋ + 1 = 10, 10 − 2 = 8.
    const d = figuresA.targets.d;
    expect([d.count, d.denominator.register, d.denominator.official?.count, d.gap]).toEqual([
      2,
      9,
      14 - 2,
      8,
    ]);
    expect(d.target).toEqual({ percent: 80, above: true, source: 'plan' });
  });

  it('id: residents 16+ with level 2; a deleted activation and a moved-out person do not count', () => {
    // 16+ counted: the 9 adults and rA3 (turns 16) = 10. Level 2 or further: rA1, rA2, rA7 = 3.
    // rA5's activation (a24) is deleted, rA9 (level 2) moved out. Official 16+ = 14; 100% → 14 − 3 = 11.
    // The commune's 50% row for id is deleted: the plan's 100% stands.
    const id = figuresA.targets.id;
    expect([id.count, id.denominator.register, id.denominator.official?.count, id.gap]).toEqual([
      3, 10, 14, 11,
    ]);
    expect(id.registerPercent).toBe(30);
    expect(id.target?.source).toBe('plan');
  });

  it('a, b, đ: groups with the basic set, on the register (no official count)', () => {
    // a: civil servants 18+: rA7 (basic set), rA13 (not) → 1 of 2; 85% → ⌈1.7⌉ = 2 → gap 1.
    // b: students: rA4 (18, local platforms failed), rA15 (15, nothing) → 0 of 2; 100% → gap 2.
    // đ: enterprise workers: rA8 (online safety in progress) → 0 of 1; 85% → ⌈0.85⌉ = 1 → gap 1.
    const { a, b, dd } = figuresA.targets;
    expect([a.count, a.denominator, a.basis, a.percent, a.gap]).toEqual([
      1,
      { register: 2 },
      'register',
      50,
      1,
    ]);
    expect([b.count, b.denominator.register, b.percent, b.gap]).toEqual([0, 2, 0, 2]);
    expect([dd.count, dd.denominator.register, dd.gap, dd.met]).toEqual([0, 1, 1, false]);
  });
});

describe('VNeID funnel', () => {
  it('counts 16+ residents at their furthest step, the reached totals and the stuck', () => {
    // Furthest steps: rA13 installed; rA3, rA8, rA11 level 1; rA4, rA5 referred; rA2 level 2;
    // rA1, rA7 confirmed; rA6 nothing. rA4 was referred on 1 Aug, more than 30 days before
    // 30 Sep (the period's end, earlier than 15 Oct): stuck. rA5's referral of 10 Sep is not.
    expect(figuresA.funnel).toEqual({
      population: 10,
      atStep: {
        vneid_installed: 1,
        vneid_level1: 3,
        vneid_level2_referred: 2,
        vneid_level2_active: 1,
        vneid_skills_confirmed: 2,
      },
      reached: {
        vneid_installed: 9,
        vneid_level1: 8,
        vneid_level2_referred: 5,
        vneid_level2_active: 3,
        vneid_skills_confirmed: 2,
      },
      notStarted: 1,
      stuck: 1,
    });
  });
});

describe('households', () => {
  it('visits at 23:59 and 00:00 of the quarter boundary, deleted visits, fluency per skill', () => {
    // hA1: vA7 (5 Jul) and vA1 (30 Sep 23:59, in Q3) → visited ever and in the period.
    // hA2: vA4 in March → ever, not in the period. hA3: vA3 in June → ever; vA2 at 00:00 on
    // 1 Oct is Q4. hA6: only a deleted visit → never. Visits in Q3, every live one of the village:
    // vA1 met, vA5 met (merged hA5), vA7 come back, vA8 refused (moved-out hA4) = 4.
    // Fluent: hA1 (rA1 all five), hA3 (rA7 all five), hA2 (rA4: four, local platforms failed).
    // Counted households by the outcome of their Q3 visits: hA1 only (vA7 come back, vA1 met); hA5's
    // met and hA4's refusal are visits to households no longer counted.
    expect(figuresA.households).toEqual({
      total: 4,
      visitedEver: 3,
      visitedInPeriod: 1,
      neverVisited: 1,
      visits: 4,
      visitsByOutcome: { met: 2, nobody_home: 0, refused: 1, come_back: 1 },
      visitedByOutcome: { met: 1, nobody_home: 0, refused: 0, come_back: 1 },
      fluent: {
        public_services_online: 3,
        online_shopping: 3,
        cashless_payment: 3,
        online_safety: 3,
        local_platforms: 2,
      },
      fluentAllFive: 2,
    });
  });
});

describe('assists', () => {
  it('in the period: every live assist of the village dated 1 Jul – 30 Sep, whoever it helped', () => {
    // rA1 7, rA2 6 (a14 on 5 Oct is out), rA3 1, rA4 7, rA5 1 (a24 deleted), rA7 7, rA8 1 (a37),
    // rA9 1 (moved out since, still help given), rA13 1 = 32 assists, 9 people.
    // Self-reported: a11, a12 (rA2), a15 (rA3) = 3; observed 29.
    const p = figuresA.assists.period;
    expect([p.assists, p.residentsHelped, p.observed, p.selfReported]).toEqual([32, 9, 29, 3]);
    // device basics: a1, a9, a16, a25; local platforms: a6, a30 done, a21 failed;
    // online safety: a5, a13, a20, a29 done, a37 in progress; referrals a22, a23.
    expect(p.byKind.device_basics).toEqual({ done: 4, in_progress: 0, referred: 0, failed: 0 });
    expect(p.byKind.local_platforms).toEqual({ done: 2, in_progress: 0, referred: 0, failed: 1 });
    expect(p.byKind.online_safety).toEqual({ done: 4, in_progress: 1, referred: 0, failed: 0 });
    expect(p.byKind.vneid_level2_referred).toEqual({ done: 0, in_progress: 0, referred: 2, failed: 0 });
    expect(p.byKind.vneid_level2_active.done).toBe(2); // a8, a39
    expect(p.byKind.e_health.done).toBe(0);
  });

  it('cumulative: everything up to 30 Sep, never what came after', () => {
    // The 32 above, plus rA8's five of April (a32–a36, a38 = 6) and rA11's a40 in June = 39.
    // People: the 9 and rA11 = 10. Observed: 29 + a32 = 30; self-reported 3 + a33–a36, a38, a40 = 9.
    const c = figuresA.assists.cumulative;
    expect([c.assists, c.residentsHelped, c.observed, c.selfReported]).toEqual([39, 10, 30, 9]);
    expect(c.byKind.vneid_level1.done).toBe(3); // a15, a38, a40
    expect(c.byKind.local_platforms.done).toBe(3); // a6, a30, a36 (a14 is October's)
  });
});

describe('classes', () => {
  it('in the period: classes dated in Q3 and their live attendance', () => {
    // cA1 (5 Aug, elderly, 3 walk-ins): rA1, rA6 (rA2's row deleted); cA2 (30 Sep, community, 2
    // walk-ins): rA1, rA4. cA3 is 1 Oct, cA4 May, cA5 deleted.
    const p = figuresA.classes.period;
    expect([p.held, p.attendances, p.distinctAttendees, p.walkIns]).toEqual([2, 4, 3, 5]);
    expect(p.byAudience.elderly).toEqual({ held: 1, attendances: 2, walkIns: 3 });
    expect(p.byAudience.community).toEqual({ held: 1, attendances: 2, walkIns: 2 });
    expect(p.byAudience.civil_servants).toEqual({ held: 0, attendances: 0, walkIns: 0 });
    expect(p.byTopic.online_safety).toEqual({ held: 1, attendances: 2 });
    expect(p.byTopic.vneid_level2_active).toEqual({ held: 1, attendances: 2 });
    expect(p.byTopic.cashless_payment).toEqual({ held: 0, attendances: 0 });
  });

  it('cumulative adds May’s class for civil servants (rA7, rA13), nothing of October', () => {
    const c = figuresA.classes.cumulative;
    expect([c.held, c.attendances, c.distinctAttendees, c.walkIns]).toEqual([3, 6, 5, 5]);
    expect(c.byAudience.civil_servants).toEqual({ held: 1, attendances: 2, walkIns: 0 });
    expect(c.byTopic.device_basics).toEqual({ held: 1, attendances: 2 });
  });
});

describe('priority groups and data quality', () => {
  it('counts priority groups and those no visit has met by 30 Sep', () => {
    // Elderly: rA1 (65; hA1 met at 23:59 on 30 Sep), rA6 (75; hA2 only nobody-home) → 2, 1 not reached.
    // Disability: rA6 → 1, 1. Poor: hA1 (met), hA3 (met only at 00:00 on 1 Oct) → 2, 1; hA7 deleted.
    // Ethnic minority with consent: hA2 (not met); hA5 is merged → 1, 1.
    expect(figuresA.priority).toEqual({
      total: { elderly: 2, disability: 1, poor: 2, ethnicMinority: 1 },
      notReached: { elderly: 1, disability: 1, poor: 1, ethnicMinority: 1 },
    });
  });

  it('counts residents without or with withdrawn consent, stale rows and empty households', () => {
    // No consent: rA3. Withdrawn: rA5. Stale (row, steps and visits all before 15 Apr 2025):
    // rA6 (row 10 Jan, no step, hA2 visited 1 Mar); rA15 and rA3 have old rows but hA1 was visited in
    // September, rA8 and rA13 too (hA3 on 1 Oct, hA5 in July). Without residents: hA6.
    expect(figuresA.quality).toEqual({
      noConsent: 1,
      consentWithdrawn: 1,
      stale: 1,
      householdsWithoutResidents: 1,
    });
  });
});

describe('village B and the commune', () => {
  const commune = computeCommune(FIXTURE_ROWS, FIXTURE_PERIOD, FIXTURE_REFERENCE_DAY);

  it('lists every live village, not the deleted one', () => {
    expect(Object.keys(commune.villages)).toEqual([VILLAGE_A, VILLAGE_B]);
    expect(commune.total.villageIds).toEqual([VILLAGE_A, VILLAGE_B]);
    expect(commune.villages[VILLAGE_A]).toEqual(figuresA);
  });

  it('village B: its own counts, the register as denominator (no official adults or 16+)', () => {
    // rB1 (70, level 2, hB1 met in August), rB2 (26, enterprise worker, the basic set).
    const b = commune.villages[VILLAGE_B];
    expect(b?.targets.c).toMatchObject({
      count: 1,
      denominator: { register: 2 },
      basis: 'register',
      percent: 50,
    });
    // 90% of 2 = 1.8 → 2 people, 1 to go.
    expect(b?.targets.c.gap).toBe(1);
    expect(b?.targets.id).toMatchObject({ count: 1, denominator: { register: 2 }, gap: 1 });
    expect(b?.targets.dd).toMatchObject({ count: 1, denominator: { register: 1 }, gap: 0, met: true });
    expect(b?.targets.a).toEqual({
      code: 'a',
      count: 0,
      denominator: { register: 0 },
      basis: 'register',
      target: { percent: 85, above: false, source: 'plan' },
      gap: 0,
    });
    expect(b?.households).toMatchObject({ total: 2, visitedEver: 1, visitedInPeriod: 1, fluentAllFive: 1 });
    expect(b?.assists.period).toMatchObject({ assists: 7, residentsHelped: 2 });
    expect(b?.classes.period).toMatchObject({ held: 1, attendances: 1, walkIns: 4 });
    expect(b?.classes.period.byAudience.traders_4t).toEqual({ held: 1, attendances: 1, walkIns: 4 });
    expect(b?.priority.notReached.elderly).toBe(0);
  });

  it('the total adds the counts and recomputes shares; no official count unless every village has one', () => {
    // c: 2 + 1 of 9 + 2 adults = 3 of 11; B has no official adults count, so the register is the basis.
    // 90% of 11 = 9.9 → 10 people, 7 to go.
    expect(commune.total.targets.c).toMatchObject({
      count: 3,
      denominator: { register: 11 },
      basis: 'register',
      gap: 7,
    });
    expect(commune.total.targets.c.denominator.official).toBeUndefined();
    expect(commune.total.targets.c.percent).toBeCloseTo((3 / 11) * 100, 10);
    // id: 3 + 1 of 10 + 2 = 4 of 12.
    expect(commune.total.targets.id).toMatchObject({ count: 4, denominator: { register: 12 }, gap: 8 });
    expect(commune.total.register).toEqual({ present: 13, away: 1, movedOut: 1, deceased: 1, households: 6 });
    expect(commune.total.households.visits).toBe(5);
    expect(commune.total.assists.period.assists).toBe(39);
    expect(commune.total.funnel.population).toBe(12);
    expect(commune.total.funnel.atStep.vneid_level2_active).toBe(2); // rA2, rB1
    expect(commune.total.funnel.notStarted).toBe(2); // rA6, rB2
  });

  it('computeFigures over both villages equals the commune total', () => {
    const both = computeFigures(FIXTURE_ROWS, { ...queryA, villageIds: [VILLAGE_A, VILLAGE_B] });
    expect(both).toEqual(commune.total);
  });

  it('a set whose every village has an official count sums them and keeps every source', () => {
    const rows: IndicatorRows = {
      ...FIXTURE_ROWS,
      villages: FIXTURE_ROWS.villages.map((v) =>
        v.id === VILLAGE_B
          ? { ...v, official: { residents16Plus: 3, adults18Plus: 2, source: 'Thôn', asOf: '2025-03-31' } }
          : v,
      ),
    };
    const total = computeCommune(rows, FIXTURE_PERIOD, FIXTURE_REFERENCE_DAY).total;
    // 12 + 2 adults, 14 + 3 aged 16+; the older date of the two.
    expect(total.targets.c.denominator.official).toEqual({
      count: 14,
      sources: ['Công an xã', 'Thôn'],
      asOf: '2025-03-31',
    });
    expect(total.targets.id.denominator.official?.count).toBe(17);
    expect(total.targets.c.registerPercent).toBeCloseTo((3 / 11) * 100, 10);
  });
});

describe('a later period and a year', () => {
  it('Q4 counts October: rA2’s local platforms, the 00:00 visit to hA3, the class of 1 October', () => {
    const q4 = computeFigures(FIXTURE_ROWS, {
      ...queryA,
      period: { kind: 'quarter', year: 2025, quarter: 4 },
    });
    // c: rA1, rA7 and now rA2 = 3. rA11 moved out on 1 Nov: 8 adults.
    expect([q4.targets.c.count, q4.targets.c.denominator.register]).toEqual([3, 8]);
    // hA3 visited at 00:00 on 1 Oct: in Q4, and now met (poor households not reached: none).
    expect(q4.households.visitedInPeriod).toBe(1);
    expect(q4.priority.notReached.poor).toBe(0);
    expect(q4.classes.period).toMatchObject({ held: 1, attendances: 1, walkIns: 5 });
    expect(q4.register).toMatchObject({ present: 10, movedOut: 2 });
  });

  it('the year 2025 takes every assist of the year, the referral counted from the reference day', () => {
    const year = computeFigures(FIXTURE_ROWS, { ...queryA, period: { kind: 'year', year: 2025 } });
    // All live assists of village A: 41 − a24 = 40; rA2's local platforms now counts.
    expect(year.assists.period.assists).toBe(40);
    expect(year.targets.c.count).toBe(3);
    // Stuck: referred before min(15 Oct, 31 Dec) − 30 = 15 Sep: rA4 (1 Aug) and now rA5 (10 Sep).
    expect(year.funnel.stuck).toBe(2);
    expect(ids('funnel.stuck', { ...queryA, period: { kind: 'year', year: 2025 } })).toEqual(['rA5', 'rA4']);
  });
});

describe('drill-down lists', () => {
  it('c missing: the 7 adults without the basic set, in walking order, with the first skill missing', () => {
    // Xóm 1: hA1 (rA2), hA2 (rA5 "Trần Thị Mai" before rA4 "Trần Văn Lâm" before rA6); Xóm 2: hA3
    // (rA8, rA11), hA5 (rA13).
    const list = drillDown(FIXTURE_ROWS, queryA, 'target.c.missing');
    expect(list.kind).toBe('residents');
    expect(list.rows.map((r) => [r.id, r.nextStep])).toEqual([
      ['rA2', 'local_platforms'],
      ['rA5', 'device_basics'],
      ['rA4', 'local_platforms'],
      ['rA6', 'device_basics'],
      ['rA8', 'online_safety'],
      ['rA11', 'device_basics'],
      ['rA13', 'device_basics'],
    ]);
    expect(list.rows[0]).toEqual({
      id: 'rA2',
      villageId: VILLAGE_A,
      householdId: 'hA1',
      householdLabel: 'Nguyễn Văn An',
      lane: 'Xóm 1',
      name: 'Nguyễn Thị Hoa',
      age: 40,
      nextStep: 'local_platforms',
    });
  });

  it('id missing: 16+ without level 2, with the next VNeID step', () => {
    const list = drillDown(FIXTURE_ROWS, queryA, 'target.id.missing');
    expect(list.rows.map((r) => [r.id, r.age, r.nextStep])).toEqual([
      ['rA3', 16, 'vneid_level2_referred'],
      ['rA5', 35, 'vneid_level2_active'],
      ['rA4', 18, 'vneid_level2_active'],
      ['rA6', 75, 'vneid_installed'],
      ['rA8', 47, 'vneid_level2_referred'],
      ['rA11', 30, 'vneid_level2_referred'],
      ['rA13', 37, 'vneid_level1'],
    ]);
  });

  it('with the lesson cards, each person names the card to bring on the way to the figure (issue 20)', () => {
    const cardsOf = (key: DrillKey) =>
      drillDown(FIXTURE_ROWS, queryA, key, BUNDLED_CARDS).rows.map((r) => [r.id, r.nextCard]);
    // rA3 and rA5 gave no consent for skills support: their steps are not used, no card is named.
    // rA6 (75) has not learnt the phone: device basics comes before installing VNeID.
    expect(cardsOf('target.id.missing')).toEqual([
      ['rA3', undefined],
      ['rA5', undefined],
      ['rA4', 'vneid-activate'],
      ['rA6', 'device-basics'],
      ['rA8', 'vneid-level2-police'],
      ['rA11', 'vneid-level2-police'],
      ['rA13', 'vneid-level1'],
    ]);
    // On the list of the basic set, the VNeID journey is not put first: rA11 starts with the phone.
    expect(cardsOf('target.c.missing')).toEqual([
      ['rA2', 'local-platforms'],
      ['rA5', undefined],
      ['rA4', 'local-platforms'],
      ['rA6', 'device-basics'],
      ['rA8', 'scam-awareness'],
      ['rA11', 'device-basics'],
      ['rA13', 'device-basics'],
    ]);
    expect(
      drillDown(FIXTURE_ROWS, queryA, 'target.c.missing').rows.every((r) => r.nextCard === undefined),
    ).toBe(true);
  });

  it('lists every family of keys with the fixture’s ids', () => {
    expect(ids('target.c.met')).toEqual(['rA1', 'rA7']);
    expect(ids('target.d.met')).toEqual(['rA1', 'rA7']);
    expect(ids('target.id.met')).toEqual(['rA2', 'rA1', 'rA7']);
    expect(ids('target.a.met')).toEqual(['rA7']);
    expect(ids('target.a.missing')).toEqual(['rA13']);
    expect(ids('target.b.missing')).toEqual(['rA15', 'rA4']);
    expect(ids('target.dd.missing')).toEqual(['rA8']);
    expect(ids('funnel.at.vneid_level1')).toEqual(['rA3', 'rA8', 'rA11']);
    expect(ids('funnel.at.vneid_level2_referred')).toEqual(['rA5', 'rA4']);
    expect(ids('funnel.notStarted')).toEqual(['rA6']);
    expect(ids('funnel.stuck')).toEqual(['rA4']);
    expect(ids('households.visitedEver')).toEqual(['hA1', 'hA2', 'hA3']);
    expect(ids('households.visitedInPeriod')).toEqual(['hA1']);
    expect(ids('households.neverVisited')).toEqual(['hA6']);
    expect(ids('households.notFluent.local_platforms')).toEqual(['hA2', 'hA6']);
    expect(ids('households.notFluent.online_shopping')).toEqual(['hA6']);
    expect(ids('households.notFluentAllFive')).toEqual(['hA2', 'hA6']);
    expect(ids('priority.elderly')).toEqual(['rA6']);
    expect(ids('priority.disability')).toEqual(['rA6']);
    expect(ids('priority.poor')).toEqual(['hA3']);
    expect(ids('priority.ethnicMinority')).toEqual(['hA2']);
    expect(ids('quality.noConsent')).toEqual(['rA3']);
    expect(ids('quality.consentWithdrawn')).toEqual(['rA5']);
    expect(ids('quality.stale')).toEqual(['rA6']);
    expect(ids('quality.householdsWithoutResidents')).toEqual(['hA6']);
    // Helped in Q3, rA9 (moved out since) included; hA1's people by name: Hoa, An, Khang.
    expect(ids('assists.helped')).toEqual(['rA2', 'rA1', 'rA3', 'rA5', 'rA4', 'rA8', 'rA7', 'rA9', 'rA13']);
    expect(drillDown(FIXTURE_ROWS, queryA, 'households.neverVisited').kind).toBe('households');
  });

  it('lists the numbers that are not gaps: denominators, groups, register, distinct people', () => {
    // Walking order: Xóm 1 (hA1 then hA2), Xóm 2 (hA3, hA4, hA5), no lane (hA6); in a house by name.
    // Adults 18+ counted (c's register denominator, 9): hA1 Hoa, An; hA2 Mai, Lâm, Nam; hA3 Oanh,
    // Cường, Sơn; hA5 Em.
    expect(ids('target.c.all')).toEqual(['rA2', 'rA1', 'rA5', 'rA4', 'rA6', 'rA8', 'rA7', 'rA11', 'rA13']);
    expect(ids('target.a.all')).toEqual(['rA7', 'rA13']);
    // 16+ (10): the same and rA3 Khang (turns 16), after An in hA1.
    const sixteen = ['rA2', 'rA1', 'rA3', 'rA5', 'rA4', 'rA6', 'rA8', 'rA7', 'rA11', 'rA13'];
    expect(ids('target.id.all')).toEqual(sixteen);
    expect(ids('funnel.population')).toEqual(sixteen);
    expect(ids('households.total')).toEqual(['hA1', 'hA2', 'hA3', 'hA6']);
    // Q3 visits to counted households: hA1's vA1 (met) and vA7 (come back); none refused or nobody home.
    expect(ids('households.outcome.met')).toEqual(['hA1']);
    expect(ids('households.outcome.come_back')).toEqual(['hA1']);
    expect(ids('households.outcome.refused')).toEqual([]);
    expect(ids('households.outcome.nobody_home')).toEqual([]);
    // Whole priority groups: elderly rA1 (65), rA6 (75); disability rA6; poor hA1, hA3; ethnic hA2.
    expect(ids('priority.elderly.all')).toEqual(['rA1', 'rA6']);
    expect(ids('priority.disability.all')).toEqual(['rA6']);
    expect(ids('priority.poor.all')).toEqual(['hA1', 'hA3']);
    expect(ids('priority.ethnicMinority.all')).toEqual(['hA2']);
    // Present on 30 Sep (11): hA1 Hoa, Tâm, An, Khang; hA2 Mai, Lâm, Nam; hA3 Cường, Sơn (moves out
    // in November); hA4 Dung (her household moved out, she is still on the register); hA5 Em.
    expect(ids('register.present')).toEqual([
      'rA2',
      'rA15',
      'rA1',
      'rA3',
      'rA5',
      'rA4',
      'rA6',
      'rA7',
      'rA11',
      'rA12',
      'rA13',
    ]);
    expect(ids('register.away')).toEqual(['rA8']);
    expect(ids('register.movedOut')).toEqual(['rA9']);
    expect(ids('register.deceased')).toEqual(['rA10']);
    // Helped up to 30 Sep: the 9 of the period and rA11 (level 1 in June); hA3 Oanh, Cường, Phúc, Sơn.
    expect(ids('assists.helpedCumulative')).toEqual([
      'rA2',
      'rA1',
      'rA3',
      'rA5',
      'rA4',
      'rA8',
      'rA7',
      'rA9',
      'rA11',
      'rA13',
    ]);
    // Attended in Q3: cA1 rA1, rA6 (rA2's row deleted); cA2 rA1, rA4. Cumulative adds May's rA7, rA13.
    expect(ids('classes.attendees')).toEqual(['rA1', 'rA4', 'rA6']);
    expect(ids('classes.attendeesCumulative')).toEqual(['rA1', 'rA4', 'rA6', 'rA7', 'rA13']);
  });

  it('says the next step that fits the list: none for the dead, the basic set for b', () => {
    const dead = drillDown(FIXTURE_ROWS, queryA, 'register.deceased').rows[0];
    expect(dead).toMatchObject({ id: 'rA10', name: 'Lê Thị Quyên', age: 85 });
    expect(dead?.nextStep).toBeUndefined();
    // rA15 has nothing yet; rA4 failed local platforms only.
    expect(drillDown(FIXTURE_ROWS, queryA, 'target.b.missing').rows.map((r) => r.nextStep)).toEqual([
      'device_basics',
      'local_platforms',
    ]);
  });

  it('an attendee deleted since is listed by id and the household of their tombstone, no name', () => {
    const rows: IndicatorRows = {
      ...FIXTURE_ROWS,
      attendance: [
        ...FIXTURE_ROWS.attendance,
        { id: 'at-x', villageId: VILLAGE_A, classId: 'cA1', residentId: 'rA14' },
      ],
    };
    const list = drillDown(rows, queryA, 'classes.attendees');
    // In hA1 with rA1; without a name it sorts first in the house.
    expect(list.rows.map((r) => r.id)).toEqual(['rA14', 'rA1', 'rA4', 'rA6']);
    expect(list.rows[0]).toEqual({
      id: 'rA14',
      villageId: VILLAGE_A,
      householdId: 'hA1',
      householdLabel: 'Nguyễn Văn An',
      lane: 'Xóm 1',
    });
    expect(list.rows).toHaveLength(computeFigures(rows, queryA).classes.period.distinctAttendees);
  });

  it('over the commune, lists village by village and follows a village’s lane order', () => {
    const both = { ...queryA, villageIds: [VILLAGE_B, VILLAGE_A] };
    expect(ids('households.visitedEver', both)).toEqual(['hB1', 'hA1', 'hA2', 'hA3']);
    const rows: IndicatorRows = {
      ...FIXTURE_ROWS,
      villages: FIXTURE_ROWS.villages.map((v) =>
        v.id === VILLAGE_A ? { ...v, laneOrder: ['Xóm 2', 'Xóm 1'] } : v,
      ),
    };
    expect(drillDown(rows, queryA, 'households.visitedEver').rows.map((r) => r.id)).toEqual([
      'hA3',
      'hA1',
      'hA2',
    ]);
  });

  it('a helped person deleted since is still listed, by id and household', () => {
    const rows: IndicatorRows = {
      ...FIXTURE_ROWS,
      residents: FIXTURE_ROWS.residents.map((r) =>
        r.id === 'rA13' ? { ...r, deletedAt: '2025-09-25T00:00:00Z' } : r,
      ),
    };
    const list = drillDown(rows, queryA, 'assists.helped');
    expect(list.rows.at(-1)).toEqual({
      id: 'rA13',
      villageId: VILLAGE_A,
      householdId: 'hA5',
      householdLabel: 'Hoàng Văn Em',
      lane: 'Xóm 2',
    });
    expect(list.rows).toHaveLength(computeFigures(rows, queryA).assists.period.residentsHelped);
  });

  it.each(DRILL_KEYS.map((key) => [key]))('%s lists as many rows as its count', (key) => {
    for (const villageIds of [[VILLAGE_A], [VILLAGE_B], [VILLAGE_A, VILLAGE_B]]) {
      const query = { ...queryA, villageIds };
      expect(drillDown(FIXTURE_ROWS, query, key).rows).toHaveLength(
        drillCount(computeFigures(FIXTURE_ROWS, query), key),
      );
    }
  });
});
