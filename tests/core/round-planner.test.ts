import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDay } from '../../src/core/dates';
import {
  groupByLane,
  householdPriority,
  type PlannerResident,
  type PlannerVisit,
  planRound,
  selectEntries,
} from '../../src/core/round-planner';
import { plannerHousehold } from './fixtures';

const TODAY = '2026-11-25';

const hh = plannerHousehold;
function visit(householdId: string, visitedAt: string, extra: Partial<PlannerVisit> = {}): PlannerVisit {
  return { householdId, visitedAt, outcome: 'met', ...extra };
}
function person(
  householdId: string,
  birthYear: number,
  groups: PlannerResident['groups'] = [],
): PlannerResident {
  return { householdId, birthYear, groups };
}

describe('commune days (UTC+7)', () => {
  it('puts an instant on its Vietnamese calendar day', () => {
    expect(localDay('2026-11-24T16:59:59Z')).toBe('2026-11-24');
    expect(localDay('2026-11-24T17:00:00Z')).toBe('2026-11-25');
    expect(localDay('2026-11-25T08:00:00+07:00')).toBe('2026-11-25');
  });
  it('counts days across months and years', () => {
    expect(daysBetween('2026-11-25', '2026-12-01')).toBe(6);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-11-25', '2026-11-20')).toBe(-5);
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});

describe('planRound', () => {
  const households = [
    hh('never'),
    hh('recent'),
    hh('stale'),
    hh('due', { lane: 'Xóm Bản' }),
    hh('overdue', { lane: 'Xóm Bản' }),
    hh('revisited'),
    hh('gone', { deletedAt: '2026-10-01T00:00:00Z' }),
  ];
  const visits = [
    visit('recent', '2026-11-20T03:00:00Z'),
    visit('stale', '2026-08-01T03:00:00Z'),
    // Exactly 30 days ago is not yet stale at N = 30; 31 days is.
    visit('due', '2026-10-01T03:00:00Z', { outcome: 'come_back', followUpOn: TODAY }),
    visit('overdue', '2026-11-10T03:00:00Z', { outcome: 'nobody_home', followUpOn: '2026-11-20' }),
    // A later visit supersedes an earlier follow-up.
    visit('revisited', '2026-11-01T03:00:00Z', { outcome: 'come_back', followUpOn: '2026-11-05' }),
    visit('revisited', '2026-11-06T03:00:00Z', { outcome: 'nobody_home' }),
    // Deleted visits do not count.
    visit('never', '2026-11-24T03:00:00Z', { deletedAt: '2026-11-24T04:00:00Z' }),
  ];
  const plan = planRound({ households, residents: [], visits, today: TODAY, staleDays: 30 });
  const reasons = Object.fromEntries(plan.entries.map((e) => [e.household.id, e.reasons]));

  it('gives each household its reasons', () => {
    expect(reasons).toEqual({
      never: ['never_visited'],
      recent: [],
      stale: ['stale'],
      due: ['stale', 'follow_up_due'],
      // The latest visit found nobody home: not met, come back (issue 15, kind 3).
      overdue: ['follow_up_overdue', 'not_met'],
      revisited: ['not_met'],
    });
  });

  it('counts for the village', () => {
    expect(plan.counts).toMatchObject({
      households: 6,
      visited: 5,
      reached: 2,
      neverVisited: 1,
      stale: 2,
      followUpDue: 1,
      followUpOverdue: 1,
    });
  });

  it('measures staleness in whole commune days', () => {
    const edge = planRound({
      households: [hh('a'), hh('b')],
      residents: [],
      visits: [visit('a', '2026-10-26T16:30:00Z'), visit('b', '2026-10-25T16:30:00Z')],
      today: TODAY,
      staleDays: 30,
    });
    // 2026-10-26T16:30Z is 23:30 on 26/10 in Vietnam: 30 days; 25/10 23:30 is 31 days.
    expect(edge.entries.map((e) => [e.household.id, e.daysSinceVisit, e.reasons])).toEqual([
      ['a', 30, []],
      ['b', 31, ['stale']],
    ]);
  });

  it('selects by filter and groups by lane in walking order', () => {
    expect(selectEntries(plan, 'follow_up').map((e) => e.household.id)).toEqual(['due', 'overdue']);
    expect(selectEntries(plan, 'never_visited').map((e) => e.household.id)).toEqual(['never']);
    const lanes = groupByLane(selectEntries(plan, 'stale').concat(selectEntries(plan, 'never_visited')));
    expect(lanes.map((g) => [g.lane, g.entries.map((e) => e.household.id)])).toEqual([
      ['Xóm Bản', ['due']],
      ['Xóm Nà', ['never', 'stale']],
    ]);
  });

  it('groups lanes that look alike as one, under the spelling most households use (issue 13, kind 7)', () => {
    const nfc = 'Xóm Nà Pài';
    const groups = groupByLane(
      planRound({
        households: [
          hh('nfc1', { lane: nfc }),
          hh('nfc2', { lane: nfc }),
          hh('nfd', { lane: nfc.normalize('NFD') }),
          hh('lower', { lane: ' xóm  Nà Pài' }),
          hh('plain', { lane: 'Xom Na Pai' }),
        ],
        residents: [],
        visits: [],
        today: TODAY,
        staleDays: 30,
      }).entries,
    );
    expect(groups.map((g) => [g.lane, g.entries.map((e) => e.household.id).sort()])).toEqual([
      ['Xom Na Pai', ['plain']],
      [nfc, ['lower', 'nfc1', 'nfc2', 'nfd']],
    ]);
    expect(groups[1]?.lane).toBe(nfc.normalize('NFC'));
  });

  it('puts households without a lane last and sorts addresses numerically', () => {
    const groups = groupByLane(
      planRound({
        households: [
          hh('x', { lane: undefined }),
          hh('s10', { address: 'Số 10' }),
          hh('s9', { address: 'Số 9' }),
          hh('a', { lane: 'Ấp Đông' }),
        ],
        residents: [],
        visits: [],
        today: TODAY,
        staleDays: 30,
      }).entries,
    );
    expect(groups.map((g) => [g.lane, g.entries.map((e) => e.household.id)])).toEqual([
      ['Ấp Đông', ['a']],
      ['Xóm Nà', ['s9', 's10']],
      ['', ['x']],
    ]);
  });
});

describe('priority groups', () => {
  it('derives elderly from age 60 in the plan year, disability, poor and consented ethnic minority', () => {
    expect(householdPriority(hh('a'), [person('a', 1966)], 2026)).toEqual(['elderly']);
    expect(householdPriority(hh('a'), [person('a', 1967)], 2026)).toEqual([]);
    expect(householdPriority(hh('a', { poor: true }), [person('a', 1990, ['disability'])], 2026)).toEqual([
      'disability',
      'poor',
    ]);
    expect(
      householdPriority(
        hh('a', { ethnicMinority: true, ethnicMinorityConsentAt: '2026-01-01T00:00:00Z' }),
        [],
        2026,
      ),
    ).toEqual(['ethnic_minority']);
    // Without its consent time the flag is not used (DESIGN §7).
    expect(householdPriority(hh('a', { ethnicMinority: true }), [], 2026)).toEqual([]);
    // Deleted residents do not make a household a priority.
    expect(
      householdPriority(hh('a'), [{ ...person('a', 1940), deletedAt: '2026-01-01T00:00:00Z' }], 2026),
    ).toEqual([]);
  });

  it('counts priority households not yet reached: only a met visit reaches a household', () => {
    const plan = planRound({
      households: [hh('old'), hh('oldMet'), hh('poorRefused', { poor: true }), hh('plain')],
      residents: [person('old', 1950), person('oldMet', 1940), person('poorRefused', 1990)],
      visits: [
        visit('oldMet', '2026-11-01T03:00:00Z'),
        visit('poorRefused', '2026-11-01T03:00:00Z', { outcome: 'refused' }),
        visit('old', '2026-11-02T03:00:00Z', { outcome: 'nobody_home' }),
      ],
      today: TODAY,
      staleDays: 30,
    });
    expect(plan.counts.priorityNotReached).toEqual({
      elderly: 1,
      disability: 0,
      poor: 1,
      ethnic_minority: 0,
    });
    expect(selectEntries(plan, 'priority:elderly').map((e) => e.household.id)).toEqual(['old']);
    expect(selectEntries(plan, 'priority:poor').map((e) => e.household.id)).toEqual(['poorRefused']);
  });
});
