/** Valid records for the core schema tests; each test overrides only what it is about. */
import type { Change } from '../../src/core/changes';
import { formatHlc } from '../../src/core/hlc';
import type { PlannerHousehold } from '../../src/core/round-planner';
import type { Consent } from '../../src/core/schemas';
import type { SkillCode } from '../../src/core/skills/catalogue';
import type { AssistLike } from '../../src/core/skills/status';

export const VILLAGE_ID = '0191f5a0-0000-7000-8000-000000000001';
export const HOUSEHOLD_ID = '0191f5a0-0000-7000-8000-000000000002';
export const RESIDENT_ID = '0191f5a0-0000-7000-8000-000000000003';
export const STAMP = '2025-06-01T08:00:00.000Z';

const base = { villageId: VILLAGE_ID, createdAt: STAMP, updatedAt: STAMP };

export function village(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: VILLAGE_ID, ...base, name: 'Thôn 1', code: 'T01', ...overrides };
}

export function household(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: HOUSEHOLD_ID,
    ...base,
    label: 'Nông Văn Tâm',
    lane: 'Xóm Nà Pài',
    address: 'Số 12',
    membersCount: 4,
    poor: false,
    ...overrides,
  };
}

export function consent(overrides: Partial<Consent> = {}): Consent {
  return {
    purposes: ['skills_support', 'progress_report'],
    collectedBy: 'Tổ viên A',
    collectedAt: STAMP,
    ...overrides,
  };
}

/** A resident with consent and every consent-only field filled in. */
export function resident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: RESIDENT_ID,
    ...base,
    householdId: HOUSEHOLD_ID,
    name: 'Hoàng Thị Lan',
    birthYear: 1956,
    sex: 'female',
    groups: ['trader'],
    hasChipId: true,
    hasSmartphone: true,
    simOwnName: false,
    phone: '0912345678',
    consent: consent({ purposes: ['skills_support', 'phone_contact'] }),
    ...overrides,
  };
}

/** A resident without consent: only a label, birth year and empty groups. */
export function residentWithoutConsent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: RESIDENT_ID,
    ...base,
    householdId: HOUSEHOLD_ID,
    name: 'Cụ bà',
    birthYear: 1948,
    groups: [],
    ...overrides,
  };
}

let changes = 0;
/**
 * Changes of one household row, each with a fresh change id: `change(fields, hlc, base?)`. For the
 * merge and clock-repair tests, which follow one row through several phones' edits.
 */
export function householdChanges(rowId: string, villageId: string) {
  return (fields: Change['fields'], hlc: string, base?: Change['base']): Change => {
    changes++;
    return {
      changeId: `0191f5a0-0000-7000-8000-${String(changes).padStart(12, '0')}`,
      table: 'households',
      rowId,
      villageId,
      fields,
      hlc,
      ...(base ? { base } : {}),
    };
  };
}

let assistSerial = 0;
/** A skill step as the status derivation sees it, recorded at HLC wall time `at` (ms); own id each call. */
export function assistAt(kind: SkillCode, at: number, extra: Partial<AssistLike> = {}): AssistLike {
  assistSerial++;
  return {
    id: `a${String(assistSerial).padStart(4, '0')}`,
    kind,
    status: 'done',
    howKnown: 'observed',
    on: '2026-11-25',
    hlc: formatHlc({ wall: at, counter: 0, node: 'aaaaaaaaaaaaaaaa' }),
    by: 'Tổ viên Hà',
    ...extra,
  };
}

/** A household as the round planner reads it, in "Xóm Nà" unless told. */
export function plannerHousehold(id: string, extra: Partial<PlannerHousehold> = {}): PlannerHousehold {
  return { id, label: `Hộ ${id}`, lane: 'Xóm Nà', poor: false, ...extra };
}
