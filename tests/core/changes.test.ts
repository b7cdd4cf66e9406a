import { describe, expect, it } from 'vitest';
import { changeSchema } from '../../src/core/change-schema';
import { diffFields, LOCAL_ONLY_FIELDS, SYNCED_TABLES, sameValue } from '../../src/core/changes';
import { formatHlc } from '../../src/core/hlc';
import { residentSchema } from '../../src/core/schemas';
import { HOUSEHOLD_ID, household, RESIDENT_ID, resident, VILLAGE_ID } from './fixtures';

const row = (): Record<string, unknown> => ({
  ...household({ notes: 'Hay đi nương' }),
  search: 'nong van tam',
});

describe('diffFields', () => {
  it('a new row carries every field except its identity and local bookkeeping', () => {
    const r: Record<string, unknown> = {
      ...household({ notes: 'Hay đi nương' }),
      search: 'nong van tam',
      clocks: { label: 'x' },
    };
    const fields = diffFields(undefined, r);
    const { id: _i, villageId: _v, updatedAt: _u, search: _s, clocks: _c, ...expected } = r;
    expect(fields).toEqual(expected);
    for (const local of LOCAL_ONLY_FIELDS) expect(fields).not.toHaveProperty(local);
    expect(fields).toHaveProperty('createdAt');
  });

  it('a new row leaves out fields that are undefined', () => {
    expect(diffFields(undefined, { id: 'x', label: 'A', notes: undefined })).toEqual({ label: 'A' });
  });

  it('an unchanged row gives no fields', () => {
    expect(diffFields(row(), row())).toEqual({});
  });

  it('ignores changes to id, updatedAt and search', () => {
    const after = { ...row(), id: 'other', updatedAt: '2030-01-01T00:00:00.000Z', search: 'x' };
    expect(diffFields(row(), after)).toEqual({});
  });

  it('a changed scalar gives only that field, with its new value', () => {
    expect(diffFields(row(), { ...row(), membersCount: 5 })).toEqual({ membersCount: 5 });
    expect(diffFields(row(), { ...row(), poor: true })).toEqual({ poor: true });
    expect(diffFields(row(), { ...row(), label: 'Hoàng Văn Sơn' })).toEqual({ label: 'Hoàng Văn Sơn' });
  });

  it('a removed optional field gives null (whether deleted or set to undefined)', () => {
    const { notes: _n, ...withoutNotes } = row();
    expect(diffFields(row(), withoutNotes)).toEqual({ notes: null });
    expect(diffFields(row(), { ...row(), notes: undefined })).toEqual({ notes: null });
  });

  it('a field added to an existing row is carried', () => {
    expect(diffFields(row(), { ...row(), phone: '0912345678' })).toEqual({ phone: '0912345678' });
  });

  it('a field absent on both sides is not mentioned', () => {
    expect(diffFields({ a: 1, b: undefined }, { a: 1 })).toEqual({});
  });

  it('false and 0 are values, not removals', () => {
    expect(diffFields({ poor: true, n: 1 }, { poor: false, n: 0 })).toEqual({ poor: false, n: 0 });
  });

  it('compares arrays by value: the same content in a new array is no change', () => {
    const before = { groups: ['student', 'trader'] };
    expect(diffFields(before, { groups: ['student', 'trader'] })).toEqual({});
    expect(diffFields(before, { groups: ['trader', 'student'] })).toEqual({ groups: ['trader', 'student'] });
    expect(diffFields(before, { groups: ['student'] })).toEqual({ groups: ['student'] });
    expect(diffFields(before, { groups: [] })).toEqual({ groups: [] });
  });

  it('compares objects by value, whatever the key order', () => {
    const before = { consent: { purposes: ['skills_support'], collectedBy: 'A', collectedAt: 'x' } };
    const reordered = { consent: { collectedAt: 'x', collectedBy: 'A', purposes: ['skills_support'] } };
    expect(diffFields(before, reordered)).toEqual({});
    const withdrawn = { consent: { ...before.consent, withdrawnAt: 'y' } };
    expect(diffFields(before, withdrawn)).toEqual(withdrawn);
  });

  it('the diff of a valid resident passes the wire schema', () => {
    const parsed = residentSchema.parse(resident());
    const fields = diffFields(undefined, parsed);
    const change = {
      changeId: '0191f5a0-0000-7000-8000-0000000000ff',
      table: 'residents',
      rowId: RESIDENT_ID,
      villageId: VILLAGE_ID,
      fields,
      hlc: formatHlc({ wall: 1_764_000_000_000, counter: 0, node: '8f3a9c2d1e0b7a65' }),
    };
    expect(changeSchema.safeParse(change).success).toBe(true);
    expect(fields.householdId).toBe(HOUSEHOLD_ID);
  });
});

describe('sameValue', () => {
  it.each([
    [1, 1],
    ['a', 'a'],
    [null, null],
    [[], []],
    [{}, {}],
    [
      ['a', 'b'],
      ['a', 'b'],
    ],
    [
      { a: 1, b: { c: [1, 2] } },
      { b: { c: [1, 2] }, a: 1 },
    ],
  ])('%j equals %j', (a, b) => {
    expect(sameValue(a, b)).toBe(true);
    expect(sameValue(b, a)).toBe(true);
  });

  it.each([
    [1, '1'],
    [0, false],
    [null, undefined],
    [null, {}],
    [[], {}],
    [['a'], { 0: 'a' }],
    [
      ['a', 'b'],
      ['b', 'a'],
    ],
    [['a'], ['a', 'b']],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: 1 }, { b: 1 }],
    [{ a: { b: 1 } }, { a: { b: 2 } }],
    [{ a: undefined }, { b: undefined }],
  ])('%j differs from %j', (a, b) => {
    expect(sameValue(a, b)).toBe(false);
    expect(sameValue(b, a)).toBe(false);
  });
});

describe('changeSchema', () => {
  const valid = () => ({
    changeId: '0191f5a0-0000-7000-8000-0000000000ff',
    table: 'households',
    rowId: HOUSEHOLD_ID,
    villageId: VILLAGE_ID,
    fields: {
      label: 'Nông Văn Tâm',
      membersCount: 4,
      poor: false,
      notes: null,
      groups: ['student'],
      official: { households: 3 },
    },
    hlc: '001764000000000:00042:8f3a9c2d1e0b7a65',
  });

  it('accepts a well-formed change', () => {
    expect(changeSchema.safeParse(valid()).success).toBe(true);
  });

  it.each(SYNCED_TABLES)('accepts table %s', (table) => {
    expect(changeSchema.safeParse({ ...valid(), table }).success).toBe(true);
  });

  it.each(['users', 'Households', '', 'visit'])('rejects unknown table %j', (table) => {
    expect(changeSchema.safeParse({ ...valid(), table }).success).toBe(false);
  });

  it.each(['changeId', 'rowId', 'villageId'])('rejects a non-UUID %s', (key) => {
    expect(changeSchema.safeParse({ ...valid(), [key]: 'not-a-uuid' }).success).toBe(false);
    expect(changeSchema.safeParse({ ...valid(), [key]: 42 }).success).toBe(false);
    const { [key as 'rowId']: _dropped, ...missing } = valid();
    expect(changeSchema.safeParse(missing).success).toBe(false);
  });

  it('rejects a change with no fields', () => {
    const result = changeSchema.safeParse({ ...valid(), fields: {} });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['fields']);
  });

  it.each([
    '',
    '2025-06-01T08:00:00.000Z',
    '1764000000000:00042:8f3a9c2d1e0b7a65',
    '001764000000000:00042:8F3A9C2D1E0B7A65',
  ])('rejects bad hlc %j', (hlc) => {
    const result = changeSchema.safeParse({ ...valid(), hlc });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['hlc']);
  });

  it('rejects field values that are not JSON-like (undefined, functions, arrays of non-strings)', () => {
    expect(changeSchema.safeParse({ ...valid(), fields: { a: undefined } }).success).toBe(false);
    expect(changeSchema.safeParse({ ...valid(), fields: { a: () => 1 } }).success).toBe(false);
    expect(changeSchema.safeParse({ ...valid(), fields: { a: [1, 2] } }).success).toBe(false);
  });
});
