/**
 * The order a team walks a village (issue 15, kind 3): lanes in the order the team set on the village
 * (`laneOrder`), then the lanes it has not placed, alphabetically (numeric-aware: "Xóm 2" before
 * "Xóm 10"), and houses without a lane last; within a lane, houses by the order the team set
 * (`walkOrder`), then the rest by address and name. The household list and the round planner both
 * sort by this, so the two never disagree. Small on purpose: the household list loads with the app.
 */
import { groupingKey } from './text';

const byName = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
/** Lanes apart by their letters and marks ("Na Pai" is not "Nà Pài"), whatever their case. */
const byLane = new Intl.Collator('vi', { numeric: true, sensitivity: 'accent' });

export interface WalkedHouse {
  label: string;
  lane?: string | undefined;
  address?: string | undefined;
  walkOrder?: number | undefined;
}

/** Compares two lanes' grouping keys (text.ts groupingKey); "" is the houses without a lane. */
export type LaneComparator = (a: string, b: string) => number;

/**
 * The lane comparison for a village's `laneOrder`: placed lanes first in their order, then the others
 * alphabetically, "" (no lane) last unless the team placed it.
 */
export function laneComparator(laneOrder: readonly string[] | undefined): LaneComparator {
  const rank = new Map<string, number>();
  for (const lane of laneOrder ?? []) {
    const key = groupingKey(lane);
    if (!rank.has(key)) rank.set(key, rank.size);
  }
  return (a, b) => {
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra !== undefined || rb !== undefined) return (ra ?? Infinity) - (rb ?? Infinity) || 0;
    if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
    return byLane.compare(a, b);
  };
}

/** Houses of one lane: the team's order first, then address (numeric-aware), then name. */
export function compareInLane(a: WalkedHouse, b: WalkedHouse): number {
  const oa = a.walkOrder;
  const ob = b.walkOrder;
  if (oa !== undefined || ob !== undefined) {
    if (oa === undefined) return 1;
    if (ob === undefined) return -1;
    if (oa !== ob) return oa - ob;
  }
  return byName.compare(a.address ?? '', b.address ?? '') || byName.compare(a.label, b.label);
}

/** Whole-village walking order: lane by `lanes`, then within the lane. */
export function compareWalk(lanes: LaneComparator, a: WalkedHouse, b: WalkedHouse): number {
  return lanes(groupingKey(a.lane), groupingKey(b.lane)) || compareInLane(a, b);
}

/** The spelling most houses use; on a tie, the first alphabetically. */
export function commonestSpelling(spellings: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of spellings) counts.set(s, (counts.get(s) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [spelling, count] of counts) {
    if (count > bestCount || (count === bestCount && byName.compare(spelling, best) < 0)) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

/** The same list with the item at `from` moved to `to`. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/**
 * The `walkOrder` values that move the house at `from` to `to` in its lane, as few as possible:
 * `houses` is the lane in walking order (so houses with a `walkOrder` come first). A house moved among
 * placed houses takes a value between its new neighbours: one row. A house moved among unplaced ones
 * places the houses before it too (they would otherwise sort after it): the first arrangement of a
 * lane writes up to the moved house, later moves one row. Returns id → new value, changed rows only.
 */
export function moveHouse(
  houses: ReadonlyArray<{ id: string; walkOrder?: number | undefined }>,
  from: number,
  to: number,
): Map<string, number> {
  if (from === to || !houses[from] || !houses[to]) return new Map();
  const placedBefore = houses.findIndex((h) => h.walkOrder === undefined);
  const placed = placedBefore === -1 ? houses.length : placedBefore;
  const next = moved(houses, from, to);
  const mover = houses[from]?.id;
  // Every house up to the later of the two places, and every house placed before, keeps a value.
  const fixed = next.slice(0, Math.max(from, to, placed - 1) + 1);
  const values = fixed.map((h) => (h.id === mover ? undefined : h.walkOrder));
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < fixed.length; i += 1) {
    const kept = values[i];
    if (kept !== undefined && kept > last) {
      last = kept;
      continue;
    }
    const upper = values.slice(i + 1).find((v) => v !== undefined);
    const value =
      upper === undefined
        ? last === Number.NEGATIVE_INFINITY
          ? 1
          : Math.floor(last) + 1
        : between(last, upper);
    // Halving the same gap ~50 times leaves no number between: number the lane afresh.
    if (value <= last || (upper !== undefined && value >= upper)) return renumber(fixed, houses);
    values[i] = value;
    last = value;
  }
  return changedValues(fixed, values, houses);
}

function between(lower: number, upper: number): number {
  return lower === Number.NEGATIVE_INFINITY ? upper - 1 : (lower + upper) / 2;
}

function renumber(
  fixed: ReadonlyArray<{ id: string }>,
  houses: ReadonlyArray<{ id: string; walkOrder?: number | undefined }>,
): Map<string, number> {
  return changedValues(
    fixed,
    fixed.map((_, i) => i + 1),
    houses,
  );
}

function changedValues(
  fixed: ReadonlyArray<{ id: string }>,
  values: ReadonlyArray<number | undefined>,
  houses: ReadonlyArray<{ id: string; walkOrder?: number | undefined }>,
): Map<string, number> {
  const before = new Map(houses.map((h) => [h.id, h.walkOrder]));
  const out = new Map<string, number>();
  fixed.forEach((h, i) => {
    const value = values[i];
    if (value !== undefined && before.get(h.id) !== value) out.set(h.id, value);
  });
  return out;
}
