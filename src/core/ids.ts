import { v7 as uuidv7 } from 'uuid';

/**
 * Record ids are UUID v7: made on the device with no server round trip, unique across phones, and
 * time-ordered so new rows land at the end of IndexedDB and PostgreSQL indexes.
 */
export function newId(): string {
  return uuidv7();
}

/** A device id is the node part of every HLC timestamp this install writes (16 hex characters). */
export function newDeviceId(): string {
  return uuidv7().replace(/-/g, '').slice(-16);
}
