import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { changeSchema } from '../../src/core/change-schema';
import { formatHlc, isHlc } from '../../src/core/hlc';
import { attendanceId, newDeviceId, newId } from '../../src/core/ids';
import { householdSchema, visitFields } from '../../src/core/schemas';
import { uuidSchema } from '../../src/core/uuid';

describe('newId', () => {
  it('makes UUID v7 ids the schemas accept', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('makes unique, time-ordered ids', () => {
    const ids = Array.from({ length: 200 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('newDeviceId', () => {
  it('is 16 lower-case hex characters, usable as an HLC node', () => {
    const node = newDeviceId();
    expect(node).toMatch(/^[0-9a-f]{16}$/);
    expect(isHlc(formatHlc({ wall: 1, counter: 0, node }))).toBe(true);
  });

  it('differs between installs', () => {
    const nodes = Array.from({ length: 50 }, () => newDeviceId());
    expect(new Set(nodes).size).toBe(nodes.length);
  });
});

describe('canonical ids (issue 13, kind 1)', () => {
  const id = '0193A5C1-7B2E-7C3D-8E4F-0A1B2C3D4E5F';

  it('uuidSchema accepts either case and hands on the lower-case form', () => {
    expect(uuidSchema.parse(id)).toBe(id.toLowerCase());
    expect(uuidSchema.parse(id.toLowerCase())).toBe(id.toLowerCase());
    expect(uuidSchema.safeParse('not-a-uuid').success).toBe(false);
  });

  it('every id of every record schema and of a change comes out lower case', () => {
    const household = householdSchema.parse({
      id,
      villageId: id,
      createdAt: '2026-11-25T08:00:00.000Z',
      updatedAt: '2026-11-25T08:00:00.000Z',
      label: 'Nhà ông Tâm',
      membersCount: 2,
      poor: false,
    });
    expect([household.id, household.villageId]).toEqual([id.toLowerCase(), id.toLowerCase()]);
    const visit = visitFields.parse({
      householdId: id,
      visitedAt: '2026-11-25T08:00:00.000Z',
      members: ['Hà'],
      outcome: 'met',
      residentIds: [id],
      topics: [],
    });
    expect([visit.householdId, ...visit.residentIds]).toEqual([id.toLowerCase(), id.toLowerCase()]);
    const change = changeSchema.parse({
      changeId: id,
      table: 'households',
      rowId: id,
      villageId: id,
      fields: { notes: 'x' },
      hlc: '001764000000000:00000:8f3a9c2d1e0b7a65',
    });
    expect([change.changeId, change.rowId, change.villageId]).toEqual(Array(3).fill(id.toLowerCase()));
  });

  it('attendanceId gives the same row for the same two ids in any case', () => {
    const other = newId();
    expect(attendanceId(id, other.toUpperCase())).toBe(attendanceId(id.toLowerCase(), other));
  });
});
