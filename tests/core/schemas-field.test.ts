/**
 * Accept / reject tables for the field-work records (visits, assists, classes, attendance) and the
 * derived attendance id. Each case changes one thing of a valid record and names the field the
 * schema must blame, with the message key a form would show beside it.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { attendanceId } from '../../src/core/ids';
import { assistSchema, attendanceSchema, classSchema, visitSchema } from '../../src/core/schemas';
import { fieldErrors } from '../../src/core/validation';
import { HOUSEHOLD_ID, RESIDENT_ID, STAMP, VILLAGE_ID } from './fixtures';

const VISIT_ID = '0191f5a0-0000-7000-8000-000000000004';
const CLASS_ID = '0191f5a0-0000-7000-8000-000000000005';
const ASSIST_ID = '0191f5a0-0000-7000-8000-000000000006';
const OTHER_RESIDENT = '0191f5a0-0000-7000-8000-000000000007';
const OTHER_CLASS = '0191f5a0-0000-7000-8000-000000000008';

const base = { villageId: VILLAGE_ID, createdAt: STAMP, updatedAt: STAMP };

function visit(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: VISIT_ID,
    ...base,
    householdId: HOUSEHOLD_ID,
    visitedAt: '2025-06-01T09:30:00+07:00',
    members: ['Lục Thị Hoa'],
    outcome: 'met',
    residentIds: [RESIDENT_ID],
    topics: ['vneid_installed'],
    ...overrides,
  };
}

function assist(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: ASSIST_ID,
    ...base,
    residentId: RESIDENT_ID,
    householdId: HOUSEHOLD_ID,
    kind: 'vneid_level1',
    status: 'done',
    howKnown: 'observed',
    on: '2025-06-01',
    by: 'Lục Thị Hoa',
    visitId: VISIT_ID,
    ...overrides,
  };
}

function classSession(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: CLASS_ID,
    ...base,
    date: '2025-06-07',
    startTime: '19:30',
    topic: 'online_safety',
    audience: 'elderly',
    venue: 'Nhà văn hoá thôn',
    trainer: 'Hoàng Văn Sơn',
    walkIns: 3,
    ...overrides,
  };
}

function attendance(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: attendanceId(CLASS_ID, RESIDENT_ID),
    ...base,
    classId: CLASS_ID,
    residentId: RESIDENT_ID,
    ...overrides,
  };
}

function errorsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a rejection, got ${JSON.stringify(result.data)}`);
  return fieldErrors(result.error);
}

function accepted(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new Error(`expected acceptance, got ${JSON.stringify(fieldErrors(result.error))}`);
  return result.data;
}

type Case = [name: string, overrides: Record<string, unknown>];
type Rejection = [name: string, overrides: Record<string, unknown>, errors: Record<string, string>];

// ---------------------------------------------------------------- visits

describe('visitSchema', () => {
  it.each<Case>([
    ['met with residents and topics', {}],
    ['nobody home, nobody helped, nothing done', { outcome: 'nobody_home', residentIds: [], topics: [] }],
    ['refused', { outcome: 'refused', residentIds: [], topics: [] }],
    ['come back with a date', { outcome: 'come_back', followUpOn: '2025-06-08' }],
    ['a follow-up date after a met visit too', { followUpOn: '2025-06-15' }],
    ['two team members and notes', { members: ['Lục Thị Hoa', 'Nông Văn Khải'], notes: 'Bà cụ nghe kém' }],
    ['notes with a phone number (10 digits)', { notes: 'Gọi con trai 0912 345 678 trước khi đến' }],
    ['a tombstone', { deletedAt: STAMP }],
  ])('accepts %s', (_name, overrides) => {
    accepted(visitSchema, visit(overrides));
  });

  it.each<Rejection>([
    ['come back without a date', { outcome: 'come_back' }, { followUpOn: 'err.followUpNeeded' }],
    ['an unknown outcome', { outcome: 'away' }, { outcome: 'err.required' }],
    ['no team member', { members: [] }, { members: 'err.required' }],
    ['a blank team member', { members: ['  '] }, { 'members.0': 'err.required' }],
    ['an unknown topic', { topics: ['facebook'] }, { 'topics.0': 'err.invalid' }],
    ['a resident that is not an id', { residentIds: ['Lan'] }, { 'residentIds.0': 'err.invalid' }],
    ['a follow-up that is not a date', { followUpOn: 'thứ Hai' }, { followUpOn: 'err.invalid' }],
    ['a visit time without a zone', { visitedAt: '2025-06-01T09:30:00' }, { visitedAt: 'err.invalid' }],
    ['a 12-digit ID number in notes', { notes: 'CCCD 001203004567' }, { notes: 'err.idNumberInText' }],
    ['a grouped ID number in notes', { notes: 'số 001 203 004 567' }, { notes: 'err.idNumberInText' }],
    ['an old 9-digit ID number in notes', { notes: 'CMND 123456789' }, { notes: 'err.idNumberInText' }],
    ['notes over 500 characters', { notes: 'a'.repeat(501) }, { notes: 'err.tooLong' }],
    [
      'more residents than a household can hold',
      { residentIds: Array(1000).fill(RESIDENT_ID) },
      { residentIds: 'err.tooMany' },
    ],
  ])('rejects %s', (_name, overrides, errors) => {
    expect(errorsOf(visitSchema, visit(overrides))).toEqual(errors);
  });
});

// ---------------------------------------------------------------- assists

describe('assistSchema', () => {
  it.each<Case>([
    ['an observed step at a visit', {}],
    ['a self-reported step with no visit', { howKnown: 'self_reported', visitId: undefined }],
    ['a step at a class', { visitId: undefined, classId: CLASS_ID, kind: 'online_safety' }],
    ['in progress', { status: 'in_progress' }],
    ['referred to the commune police', { kind: 'vneid_level2_referred', status: 'referred' }],
    ['failed with a reason', { status: 'failed', failReason: 'Điện thoại hết bộ nhớ' }],
  ])('accepts %s', (_name, overrides) => {
    accepted(assistSchema, assist(overrides));
  });

  it.each<Rejection>([
    ['failed without a reason', { status: 'failed' }, { failReason: 'err.failReasonNeeded' }],
    [
      'failed with a blank reason',
      { status: 'failed', failReason: '   ' },
      { failReason: 'err.failReasonNeeded' },
    ],
    [
      'an ID number as the fail reason',
      { status: 'failed', failReason: 'Sai số thẻ 001203004567' },
      { failReason: 'err.idNumberInText' },
    ],
    ['an unknown kind', { kind: 'vneid_password' }, { kind: 'err.invalid' }],
    ['an unknown status', { status: 'almost' }, { status: 'err.required' }],
    ['an unknown way of knowing', { howKnown: 'guessed' }, { howKnown: 'err.required' }],
    ['a date-time where a date belongs', { on: STAMP }, { on: 'err.invalid' }],
    ['nobody who recorded it', { by: ' ' }, { by: 'err.required' }],
    ['no resident', { residentId: undefined }, { residentId: 'err.invalid' }],
  ])('rejects %s', (_name, overrides, errors) => {
    expect(errorsOf(assistSchema, assist(overrides))).toEqual(errors);
  });
});

// ---------------------------------------------------------------- classes

describe('classSchema', () => {
  it.each<Case>([
    ['a full session', {}],
    ['no start time', { startTime: undefined }],
    ['midnight and late evening', { startTime: '00:00' }],
    ['no walk-ins', { walkIns: 0 }],
    ['notes', { notes: 'Mang theo điện thoại đã sạc' }],
  ])('accepts %s', (_name, overrides) => {
    accepted(classSchema, classSession(overrides));
  });

  it.each<Rejection>([
    ['a time past 23:59', { startTime: '24:00' }, { startTime: 'err.invalid' }],
    ['a time without leading zero', { startTime: '7:30' }, { startTime: 'err.invalid' }],
    ['a time with seconds', { startTime: '19:30:00' }, { startTime: 'err.invalid' }],
    ['a time in words', { startTime: '7 giờ tối' }, { startTime: 'err.invalid' }],
    ['negative walk-ins', { walkIns: -1 }, { walkIns: 'err.wholeNumber' }],
    ['fractional walk-ins', { walkIns: 2.5 }, { walkIns: 'err.wholeNumber' }],
    ['walk-ins as text', { walkIns: 'ba' }, { walkIns: 'err.wholeNumber' }],
    ['more than 1,000 walk-ins', { walkIns: 1001 }, { walkIns: 'err.tooMany' }],
    ['an unknown audience', { audience: 'children' }, { audience: 'err.required' }],
    ['a topic not in the catalogue', { topic: 'zalo' }, { topic: 'err.invalid' }],
    ['no venue', { venue: '' }, { venue: 'err.required' }],
    ['no trainer', { trainer: undefined }, { trainer: 'err.required' }],
    ['a date-time where a date belongs', { date: STAMP }, { date: 'err.invalid' }],
    ['an ID number in notes', { notes: '001.203.004.567' }, { notes: 'err.idNumberInText' }],
  ])('rejects %s', (_name, overrides, errors) => {
    expect(errorsOf(classSchema, classSession(overrides))).toEqual(errors);
  });
});

// ---------------------------------------------------------------- attendance

describe('attendanceSchema and attendanceId', () => {
  it('accepts an attendance whose id is derived from its class and resident', () => {
    accepted(attendanceSchema, attendance());
  });

  it.each<Rejection>([
    ['a class that is not an id', { classId: 'buoi-1' }, { classId: 'err.invalid' }],
    ['no resident', { residentId: undefined }, { residentId: 'err.invalid' }],
  ])('rejects %s', (_name, overrides, errors) => {
    expect(errorsOf(attendanceSchema, attendance(overrides))).toEqual(errors);
  });

  it('is the same for the same class and resident, on any call', () => {
    expect(attendanceId(CLASS_ID, RESIDENT_ID)).toBe(attendanceId(CLASS_ID, RESIDENT_ID));
  });

  it('differs for another resident, another class, and the two ids swapped', () => {
    const ids = [
      attendanceId(CLASS_ID, RESIDENT_ID),
      attendanceId(CLASS_ID, OTHER_RESIDENT),
      attendanceId(OTHER_CLASS, RESIDENT_ID),
      attendanceId(RESIDENT_ID, CLASS_ID),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is a valid UUID (version 5, RFC variant), so the record schemas accept it as an id', () => {
    const id = attendanceId(CLASS_ID, RESIDENT_ID);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
