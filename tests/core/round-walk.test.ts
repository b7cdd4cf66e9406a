/**
 * Issue 15, kind 3: the round keeps the walker's place — households not met stay on a list, the round
 * follows the order the team walks, and the next door is found after the house just visited.
 */
import { describe, expect, it } from 'vitest';
import {
  groupByLane,
  nextDoor,
  type PlannerHousehold,
  type PlannerVisit,
  planRound,
  selectEntries,
} from '../../src/core/round-planner';
import { villageSchema } from '../../src/core/schemas';
import { compareWalk, laneComparator, moved, moveHouse } from '../../src/core/walk-order';
import { plannerHousehold, village } from './fixtures';

const TODAY = '2026-11-25';

const hh = plannerHousehold;
function visit(householdId: string, day: string, outcome: PlannerVisit['outcome']): PlannerVisit {
  // 03:00 UTC is 10:00 in the commune: the same day there.
  return { householdId, visitedAt: `${day}T03:00:00Z`, outcome };
}
function plan(households: PlannerHousehold[], visits: PlannerVisit[]) {
  return planRound({ households, residents: [], visits, today: TODAY, staleDays: 30 });
}
const ids = (list: ReadonlyArray<{ household: { id: string } }>) => list.map((e) => e.household.id);

describe('not met, come back', () => {
  const households = ['once', 'twice', 'today', 'metAfter', 'refused', 'comeBack', 'never'].map((id) =>
    hh(id),
  );
  const p = plan(households, [
    visit('once', '2026-11-20', 'nobody_home'),
    visit('twice', '2026-11-01', 'met'),
    visit('twice', '2026-11-10', 'nobody_home'),
    visit('twice', '2026-11-12', 'nobody_home'),
    visit('today', TODAY, 'nobody_home'),
    visit('metAfter', '2026-11-10', 'nobody_home'),
    visit('metAfter', '2026-11-11', 'met'),
    visit('refused', '2026-11-20', 'refused'),
    { ...visit('comeBack', '2026-11-20', 'come_back'), followUpOn: '2026-11-30' },
  ]);
  const byId = new Map(p.entries.map((e) => [e.household.id, e]));

  it('lists every house whose latest visit found nobody home, however recent, and no other', () => {
    // Not yet 30 days: the stale rule alone would hide all three for a month.
    expect(ids(selectEntries(p, 'not_met'))).toEqual(['once', 'twice', 'today']);
    expect(p.counts.notMet).toBe(3);
    expect(p.counts.notMetToday).toBe(1);
  });

  it('counts the tries since someone was last met, and keeps the day of the last one', () => {
    expect(byId.get('once')?.tries).toBe(1);
    expect(byId.get('twice')?.tries).toBe(2);
    expect(byId.get('twice')?.lastVisitDay).toBe('2026-11-12');
    expect(byId.get('today')?.lastVisitDay).toBe(TODAY);
    expect(byId.get('metAfter')?.tries).toBe(0);
  });

  it('leaves out a refusal and a come-back with its day: those are not "nobody home"', () => {
    expect(byId.get('refused')?.reasons).toEqual([]);
    expect(byId.get('comeBack')?.reasons).toEqual([]);
  });
});

describe('walking order', () => {
  const entries = plan(
    [
      hh('b1', { lane: 'Xóm Bản' }),
      hh('n9', { address: 'Số 9' }),
      hh('n10', { address: 'Số 10' }),
      hh('n1', { address: 'Số 1', walkOrder: 2 }),
      hh('n2', { address: 'Số 2', walkOrder: 1 }),
      hh('x', { lane: undefined }),
      hh('c1', { lane: 'Xóm Cầu' }),
      hh('c2', { lane: 'xóm  cầu' }),
      hh('c3', { lane: 'Xóm Cầu' }),
    ],
    [],
  ).entries;
  const order = (laneOrder?: string[]) =>
    groupByLane(entries, laneOrder).map((g) => [g.lane, ids(g.entries)] as const);

  it('without a set order: lanes alphabetically, no lane last; placed houses first, then by address', () => {
    expect(order()).toEqual([
      ['Xóm Bản', ['b1']],
      ['Xóm Cầu', ['c1', 'c2', 'c3']],
      ['Xóm Nà', ['n2', 'n1', 'n9', 'n10']],
      ['', ['x']],
    ]);
  });

  it("follows the village's lane order, matching lanes however they are typed, unplaced lanes after", () => {
    expect(order(['XÓM NÀ', 'xóm cầu']).map(([lane]) => lane)).toEqual(['Xóm Nà', 'Xóm Cầu', 'Xóm Bản', '']);
    // The houses without a lane can be placed too.
    expect(order(['', 'Xóm Bản']).map(([lane]) => lane)).toEqual(['', 'Xóm Bản', 'Xóm Cầu', 'Xóm Nà']);
  });

  it('sorts a household list the same way as the planner groups it', () => {
    const lanes = laneComparator(['Xóm Nà']);
    const sorted = entries.map((e) => e.household).sort((a, b) => compareWalk(lanes, a, b));
    expect(sorted.map((h) => h.id)).toEqual(ids(groupByLane(entries, ['Xóm Nà']).flatMap((g) => g.entries)));
  });

  it('a village accepts a lane order and refuses one with an ID number in it', () => {
    expect(villageSchema.safeParse(village({ laneOrder: ['Xóm Nà', ''] })).success).toBe(true);
    expect(villageSchema.safeParse(village({ laneOrder: ['001234567890'] })).success).toBe(false);
  });
});

describe('moving a house', () => {
  type House = { id: string; walkOrder?: number };
  /** Applies the new places and sorts as the app does: placed first by place, then the rest as listed. */
  function apply(houses: House[], changes: Map<string, number>): string[] {
    const next = houses.map((h, i) => ({ ...h, walkOrder: changes.get(h.id) ?? h.walkOrder, i }));
    return next
      .sort((a, b) =>
        a.walkOrder !== undefined && b.walkOrder !== undefined
          ? a.walkOrder - b.walkOrder
          : a.walkOrder !== undefined
            ? -1
            : b.walkOrder !== undefined
              ? 1
              : a.i - b.i,
      )
      .map((h) => h.id);
  }
  const unplaced: House[] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];

  it('the first move in a lane places the houses up to the moved one', () => {
    const changes = moveHouse(unplaced, 2, 1);
    expect(apply(unplaced, changes)).toEqual(['a', 'c', 'b', 'd']);
    expect([...changes.keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  it('a move among placed houses rewrites only the moved one', () => {
    const placed: House[] = [
      { id: 'a', walkOrder: 1 },
      { id: 'b', walkOrder: 2 },
      { id: 'c', walkOrder: 3 },
      { id: 'd' },
    ];
    for (const [from, to, expected] of [
      [1, 0, ['b', 'a', 'c', 'd']],
      [0, 1, ['b', 'a', 'c', 'd']],
      [2, 1, ['a', 'c', 'b', 'd']],
      [1, 2, ['a', 'c', 'b', 'd']],
    ] as const) {
      const changes = moveHouse(placed, from, to);
      expect(apply(placed, changes), `${from}→${to}`).toEqual(expected);
      expect(changes.size, `${from}→${to}`).toBe(1);
    }
    // Down past the last placed house: that house keeps its place, the moved one follows it.
    const down = moveHouse(placed, 2, 3);
    expect(apply(placed, down)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('keeps working when the gap between two places runs out', () => {
    let houses: House[] = [
      { id: 'a', walkOrder: 1 },
      { id: 'b', walkOrder: 2 },
      { id: 'c', walkOrder: 3 },
    ];
    // Moving the last house up and down again halves one gap each time: 200 times is past a double.
    for (let i = 0; i < 200; i += 1) {
      const from = i % 2 === 0 ? 2 : 1;
      const changes = moveHouse(houses, from, i % 2 === 0 ? 1 : 2);
      const order = apply(houses, changes);
      houses = order.map((id) => {
        const h = houses.find((x) => x.id === id) as House;
        return { id, walkOrder: changes.get(id) ?? h.walkOrder };
      });
      expect(new Set(houses.map((h) => h.walkOrder)).size).toBe(3);
    }
    expect(houses.map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('moves a lane in a list of lanes', () => {
    expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });
});

describe('the next door', () => {
  const p = plan(
    [hh('a', { address: 'Số 1' }), hh('b', { address: 'Số 2' }), hh('c', { address: 'Số 3' })].concat(
      hh('z', { lane: 'Xóm Bản' }),
    ),
    [visit('b', TODAY, 'nobody_home')],
  );
  const village = groupByLane(p.entries, ['Xóm Nà']);

  it('is the house after the one just visited, even when that one has left the list', () => {
    const never = groupByLane(selectEntries(p, 'never_visited'), ['Xóm Nà']);
    expect(ids(never.flatMap((g) => g.entries))).toEqual(['a', 'c', 'z']);
    expect(nextDoor(never, village, 'b')?.household.id).toBe('c');
    expect(nextDoor(never, village, 'a')?.household.id).toBe('c');
    // Across lanes, in the team's lane order.
    expect(nextDoor(never, village, 'c')?.household.id).toBe('z');
  });

  it('is nothing at the end of the list or for a house not in the village', () => {
    const never = groupByLane(selectEntries(p, 'never_visited'), ['Xóm Nà']);
    expect(nextDoor(never, village, 'z')).toBeUndefined();
    expect(nextDoor(never, village, 'gone')).toBeUndefined();
  });
});
