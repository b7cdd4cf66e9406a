import type { Transaction } from 'dexie';
import { formatHlc, type Hlc, initialHlc, parseHlc, tickHlc } from '../../core/hlc';
import { newDeviceId } from '../../core/ids';
import type { MetaEntry } from './database';

const CLOCK_KEY = 'clock';
const DEVICE_KEY = 'deviceId';

/**
 * Issues the next HLC timestamp inside the caller's transaction. The clock's state lives in the meta
 * table, not in memory, so two tabs of the app on one phone can never issue the same timestamp:
 * their read-modify-write of the clock serialises on the transaction.
 */
export async function nextTimestamp(tx: Transaction, now = Date.now()): Promise<string> {
  const [only] = await nextTimestamps(tx, 1, now);
  return only as string;
}

/** `count` increasing timestamps with one read and one write of the clock (bulk writes). */
export async function nextTimestamps(tx: Transaction, count: number, now = Date.now()): Promise<string[]> {
  const meta = tx.table<MetaEntry, string>('meta');
  const stored = await meta.get(CLOCK_KEY);
  let last: Hlc;
  if (typeof stored?.value === 'string') {
    last = parseHlc(stored.value);
  } else {
    const device = await meta.get(DEVICE_KEY);
    const deviceId = typeof device?.value === 'string' ? device.value : newDeviceId();
    if (!device) await meta.put({ key: DEVICE_KEY, value: deviceId });
    last = initialHlc(deviceId);
  }
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    last = tickHlc(last, now);
    out.push(formatHlc(last));
  }
  await meta.put({ key: CLOCK_KEY, value: formatHlc(last) });
  return out;
}
