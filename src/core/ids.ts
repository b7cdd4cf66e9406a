import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

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

/** Fixed namespace for ids derived from other ids (never change it: synced rows carry these ids). */
const DERIVED_ID_NAMESPACE = '6f1d3c2a-8b7e-4f4a-9c1d-2e5b7a9c0d13';

/**
 * A resident's attendance at a class has one id on every phone (UUID v5 of both ids), so two team
 * members ticking the same person write the same row and a count never doubles.
 */
export function attendanceId(classId: string, residentId: string): string {
  // Lower-cased first: the same two ids in another case must give the same row (issue 13, kind 1).
  return uuidv5(`attendance:${classId.toLowerCase()}:${residentId.toLowerCase()}`, DERIVED_ID_NAMESPACE);
}

/**
 * A commune target has one id per year and indicator (UUID v5), so two officers setting the same
 * target edit one row and their edits merge by field instead of making two targets.
 */
export function targetId(year: number, code: string): string {
  return uuidv5(`target:${year}:${code.toLowerCase()}`, DERIVED_ID_NAMESPACE);
}

/** A unit's figures for a quarter have one id (UUID v5 of unit and quarter): one row however entered. */
export function unitFiguresId(unitId: string, period: string): string {
  return uuidv5(`unit-figures:${unitId.toLowerCase()}:${period.toUpperCase()}`, DERIVED_ID_NAMESPACE);
}

/**
 * A commune's lesson card has one id per card key (UUID v5), so two officers editing the same bundled
 * card edit one row, field by field, and a card's key never names two rows (issue 20).
 */
export function lessonCardId(key: string): string {
  return uuidv5(`lesson-card:${key.toLowerCase()}`, DERIVED_ID_NAMESPACE);
}

/**
 * A report has one id per scope (village, unit or the commune office), quarter and version, so two
 * officers opening one draft edit one row, and a correction (version + 1) is a row of its own.
 */
export function reportId(scopeId: string, period: string, version: number): string {
  return uuidv5(`report:${scopeId.toLowerCase()}:${period.toUpperCase()}:${version}`, DERIVED_ID_NAMESPACE);
}
