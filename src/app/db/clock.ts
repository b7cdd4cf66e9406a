import type { EntityTable, Transaction } from 'dexie';
import { formatHlc, type Hlc, initialHlc, parseHlc, receiveHlc, tickHlc } from '../../core/hlc';
import { newDeviceId } from '../../core/ids';
import { MAX_CLOCK_AHEAD_MS } from '../../core/sync/protocol';
import { communeNowMs, setClockFloor, setClockOffset } from '../state/commune-clock';
import { getDb, type MetaEntry } from './database';

const CLOCK_KEY = 'clock';
const DEVICE_KEY = 'deviceId';
const OFFSET_KEY = 'clockOffset';
/** The highest clock received from elsewhere: a floor for repaired stamps (sync/restamp.ts). */
const SEEN_KEY = 'seenClock';
/** The highest stamp this phone issued that the server would accept: a floor when its clock falls back. */
const ISSUED_KEY = 'issuedClock';

type Meta = EntityTable<MetaEntry, 'key'>;

async function loadClock(meta: Meta): Promise<Hlc> {
  const stored = await meta.get(CLOCK_KEY);
  if (typeof stored?.value === 'string') return parseHlc(stored.value);
  return initialHlc(await deviceIdIn(meta));
}

async function deviceIdIn(meta: Meta): Promise<string> {
  const device = await meta.get(DEVICE_KEY);
  if (typeof device?.value === 'string') return device.value;
  const deviceId = newDeviceId();
  await meta.put({ key: DEVICE_KEY, value: deviceId });
  return deviceId;
}

/** This install's device id (the node of its HLC timestamps). */
export async function getDeviceId(): Promise<string> {
  const db = getDb();
  return db.transaction('rw', db.meta, () => deviceIdIn(db.meta));
}

/**
 * Issues the next HLC timestamp inside the caller's transaction. The clock's state lives in the meta
 * table, not in memory, so two tabs of the app on one phone can never issue the same timestamp:
 * their read-modify-write of the clock serialises on the transaction.
 */
export async function nextTimestamp(tx: Transaction, now?: number, atLeast?: string): Promise<string> {
  const [only] = await nextTimestamps(tx, 1, now, atLeast);
  return only as string;
}

/**
 * `count` increasing timestamps with one read and one write of the clock (bulk writes), all above
 * `atLeast` when given: an edit must outrank the values it overwrites (issue 13, kind 5), even when
 * the phone's clock state fell below them (a repaired clock, a restored backup).
 */
export async function nextTimestamps(
  tx: Transaction,
  count: number,
  now?: number,
  atLeast?: string,
): Promise<string[]> {
  const meta = tx.table('meta') as Meta;
  let last = await loadClock(meta);
  // Corrected by the server's clock (state/commune-clock.ts): a phone whose clock is set wrong still
  // stamps changes the server accepts.
  const time = now ?? communeNowMs();
  const limit = time + MAX_CLOCK_AHEAD_MS;
  if (last.wall > limit && !(atLeast && parseHlc(atLeast).wall > limit)) {
    // The clock state ran ahead with a wrong phone clock (stamps made before the offset was known,
    // or a clock set back by hand): ticking on from it would stamp every new edit in the future, to
    // be refused and repaired one push at a time. Fall back to the highest clock received from
    // elsewhere or issued here within the limit, so no stamp is issued twice. Not when the value
    // overwritten is itself such a stamp, still waiting for its repair: the new one must stay above
    // it and every stamp issued since (sync/restamp.ts repairs them together, keeping the chain).
    const floors = [await readSeenClock(meta), await readMeta(meta, ISSUED_KEY)]
      .filter((c): c is string => c !== undefined && parseHlc(c).wall <= limit)
      .sort();
    const floor = floors.at(-1);
    last = floor ? { ...parseHlc(floor), node: last.node } : initialHlc(last.node);
  }
  if (atLeast && atLeast > formatHlc(last)) {
    const floor = parseHlc(atLeast);
    last = { wall: floor.wall, counter: floor.counter, node: last.node };
  }
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    last = tickHlc(last, time);
    out.push(formatHlc(last));
  }
  await meta.put({ key: CLOCK_KEY, value: formatHlc(last) });
  if (last.wall <= limit) await meta.put({ key: ISSUED_KEY, value: formatHlc(last) });
  return out;
}

/** Where the clock stands after a repair of future stamps (sync/restamp.ts): all of them accepted. */
export async function saveRepairedClock(meta: Meta, clock: Hlc): Promise<void> {
  await meta.put({ key: CLOCK_KEY, value: formatHlc(clock) });
  await meta.put({ key: ISSUED_KEY, value: formatHlc(clock) });
}

/** Later local edits must sort after a timestamp this phone has seen (from the server or a teammate). */
export async function observeTimestamp(meta: Meta, seen: string): Promise<void> {
  const last = await loadClock(meta);
  const next = receiveHlc(last, parseHlc(seen), communeNowMs(), Number.POSITIVE_INFINITY);
  if (formatHlc(next) > formatHlc(last)) await meta.put({ key: CLOCK_KEY, value: formatHlc(next) });
  const before = await readSeenClock(meta);
  if (before === undefined || seen > before) await meta.put({ key: SEEN_KEY, value: seen });
}

export async function readSeenClock(meta: Meta): Promise<string | undefined> {
  return readMeta(meta, SEEN_KEY);
}

async function readMeta(meta: Meta, key: string): Promise<string | undefined> {
  const entry = await meta.get(key);
  return typeof entry?.value === 'string' ? entry.value : undefined;
}

/** Small differences are network noise; only a wrong clock is worth correcting. */
const NOISE_MS = 2_000;

/** The latest server time heard, kept so a clock set back while the app was closed is seen. */
const FLOOR_KEY = 'clockFloor';

/**
 * Stores a measured offset (meta, so it survives a restart) and starts using it at once;
 * `serverTime` (ms) when it was just measured against the server.
 */
export async function storeClockOffset(offsetMs: number, serverTime?: number): Promise<void> {
  const offset = Math.abs(offsetMs) > NOISE_MS ? Math.round(offsetMs) : 0;
  setClockOffset(offset, serverTime);
  await getDb().meta.bulkPut([
    { key: OFFSET_KEY, value: offset },
    ...(serverTime === undefined ? [] : [{ key: FLOOR_KEY, value: Math.round(serverTime) }]),
  ]);
}

/**
 * Remembers how far the phone's clock is from the server's, measured by a request: the server's time
 * against the middle of the request on the phone's clock.
 */
export async function saveClockOffset(serverTime: number, requestStartedAt: number): Promise<void> {
  const localMidpoint = (requestStartedAt + Date.now()) / 2;
  await storeClockOffset(serverTime - localMidpoint, serverTime);
}

/** Loads the offset measured before, and the floor (at start, before anything is written). */
export async function loadClockOffset(): Promise<void> {
  const [offset, floor] = await getDb().meta.bulkGet([OFFSET_KEY, FLOOR_KEY]);
  if (typeof offset?.value === 'number') setClockOffset(offset.value);
  if (typeof floor?.value === 'number') setClockFloor(floor.value);
}

/**
 * The meta entries of this install's clock and device id. They say nothing about anyone, and erasing
 * them would let a later account reissue timestamps the server has already seen from this device, so
 * every erasure of the phone's data keeps them (sync/local-wipe.ts).
 */
export const DEVICE_META_KEYS: readonly string[] = [
  CLOCK_KEY,
  DEVICE_KEY,
  OFFSET_KEY,
  SEEN_KEY,
  ISSUED_KEY,
  FLOOR_KEY,
];
