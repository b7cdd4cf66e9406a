import type { EntityTable, Transaction } from 'dexie';
import { formatHlc, type Hlc, initialHlc, parseHlc, receiveHlc, tickHlc } from '../../core/hlc';
import { newDeviceId } from '../../core/ids';
import { getDb, type MetaEntry } from './database';

const CLOCK_KEY = 'clock';
const DEVICE_KEY = 'deviceId';
const OFFSET_KEY = 'clockOffset';

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
 * The phone's idea of "now", corrected by what the server last said its time was: a phone whose clock
 * is set wrong still stamps changes the server accepts.
 */
async function correctedNow(meta: Meta): Promise<number> {
  const offset = await meta.get(OFFSET_KEY);
  return Date.now() + (typeof offset?.value === 'number' ? offset.value : 0);
}

/**
 * Issues the next HLC timestamp inside the caller's transaction. The clock's state lives in the meta
 * table, not in memory, so two tabs of the app on one phone can never issue the same timestamp:
 * their read-modify-write of the clock serialises on the transaction.
 */
export async function nextTimestamp(tx: Transaction, now?: number): Promise<string> {
  const [only] = await nextTimestamps(tx, 1, now);
  return only as string;
}

/** `count` increasing timestamps with one read and one write of the clock (bulk writes). */
export async function nextTimestamps(tx: Transaction, count: number, now?: number): Promise<string[]> {
  const meta = tx.table('meta') as Meta;
  let last = await loadClock(meta);
  const time = now ?? (await correctedNow(meta));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    last = tickHlc(last, time);
    out.push(formatHlc(last));
  }
  await meta.put({ key: CLOCK_KEY, value: formatHlc(last) });
  return out;
}

/** Later local edits must sort after a timestamp this phone has seen (from the server or a teammate). */
export async function observeTimestamp(meta: Meta, seen: string): Promise<void> {
  const last = await loadClock(meta);
  const next = receiveHlc(last, parseHlc(seen), await correctedNow(meta), Number.POSITIVE_INFINITY);
  if (formatHlc(next) > formatHlc(last)) await meta.put({ key: CLOCK_KEY, value: formatHlc(next) });
}

/** Remembers how far the phone's clock is from the server's (measured at a sync). */
export async function saveClockOffset(serverTime: number, requestStartedAt: number): Promise<void> {
  const localMidpoint = (requestStartedAt + Date.now()) / 2;
  const offset = Math.round(serverTime - localMidpoint);
  // Small differences are network noise; only a wrong clock is worth correcting.
  await getDb().meta.put({ key: OFFSET_KEY, value: Math.abs(offset) > 2_000 ? offset : 0 });
}
