import { describe, expect, it } from 'vitest';
import { checkChangeFields, privacyViolations } from '../../src/core/sync/field-rules';
import { decodeRow, encodeClocks } from '../../src/core/sync/protocol';
import { mergeChange, mergeStates, type RowState } from '../../src/core/sync/row-state';

const A1 = '001764000000001:00000:aaaaaaaaaaaaaaaa';
const B2 = '001764000000002:00000:bbbbbbbbbbbbbbbb';
const A3 = '001764000000003:00000:aaaaaaaaaaaaaaaa';
const B3 = '001764000000003:00000:bbbbbbbbbbbbbbbb';

function state(values: RowState['values'], clock: string): RowState {
  return { values, clocks: Object.fromEntries(Object.keys(values).map((k) => [k, clock])) };
}

// [name, local, remote, expected values] — and merging must agree in both directions.
const TABLE: Array<[string, RowState, RowState, RowState['values']]> = [
  [
    'different fields both kept',
    state({ label: 'A', lane: 'x' }, A1),
    state({ membersCount: 4 }, B2),
    { label: 'A', lane: 'x', membersCount: 4 },
  ],
  ['same field: higher clock wins', state({ label: 'A' }, A1), state({ label: 'B' }, B2), { label: 'B' }],
  [
    'same wall time: device id breaks the tie',
    state({ label: 'A' }, A3),
    state({ label: 'B' }, B3),
    { label: 'B' },
  ],
  [
    'a newer clear beats an older value',
    state({ notes: 'x' }, A1),
    state({ notes: null }, B2),
    { notes: null },
  ],
  [
    'tombstone is a field like any other',
    state({ label: 'A' }, A3),
    state({ deletedAt: '2026-11-25T00:00:00Z' }, B2),
    { label: 'A', deletedAt: '2026-11-25T00:00:00Z' },
  ],
];

describe('mergeStates', () => {
  it.each(TABLE)('%s (both directions agree)', (_name, local, remote, expected) => {
    expect(mergeStates(local, remote).values).toEqual(expected);
    expect(mergeStates(remote, local).values).toEqual(expected);
  });

  it('is idempotent', () => {
    const s = state({ label: 'A' }, A1);
    expect(mergeStates(s, s)).toEqual(s);
  });
});

describe('mergeChange', () => {
  it('an edit made on top of the current value is not a conflict', () => {
    const r = mergeChange(state({ label: 'A' }, A1), {
      fields: { label: 'B' },
      hlc: B2,
      base: { label: A1 },
    });
    expect(r.state.values.label).toBe('B');
    expect(r.lost).toEqual([]);
  });

  it('a concurrent overwrite keeps the previous value in the lost list', () => {
    const r = mergeChange(state({ label: 'A' }, A1), {
      fields: { label: 'B' },
      hlc: B2,
      base: { label: null },
    });
    expect(r.lost).toEqual([
      { field: 'label', value: 'A', hlc: A1, winnerValue: 'B', winnerHlc: B2, loser: 'current' },
    ]);
  });

  it('a late, older change loses and is reported, and applying it twice changes nothing more', () => {
    const current = state({ label: 'B' }, B2);
    const change = { fields: { label: 'A' }, hlc: A1 };
    const once = mergeChange(current, change);
    expect(once.state).toEqual(current);
    expect(once.lost[0]).toMatchObject({ loser: 'incoming', value: 'A', winnerValue: 'B' });
    expect(mergeChange(once.state, change).state).toEqual(current);
  });

  it("an update that arrives before the create leaves the create's other fields and its own newer field", () => {
    const update = mergeChange(undefined, { fields: { membersCount: 5 }, hlc: B2 });
    const created = mergeChange(update.state, { fields: { label: 'A', membersCount: 3 }, hlc: A1 });
    expect(created.state.values).toEqual({ membersCount: 5, label: 'A' });
  });
});

describe('wire clocks', () => {
  it('sends the shared clock once and only the exceptions per field', () => {
    const clocks = { label: A1, lane: A1, membersCount: B2 };
    const encoded = encodeClocks(clocks);
    expect(encoded).toEqual({ h: A1, f: { membersCount: B2 } });
    const decoded = decodeRow({
      t: 'households',
      i: 'x',
      g: 'v',
      s: 1,
      d: { label: 'A', lane: null, membersCount: 3 },
      ...encoded,
    });
    expect(decoded.clocks).toEqual(clocks);
  });
});

describe('field rules', () => {
  it('refuses unknown fields, wrong types and clearing required fields, naming each', () => {
    const r = checkChangeFields('households', { label: null, membersCount: 'four', colour: 'red' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.field, i.code])).toEqual([
      ['label', 'cannot_clear'],
      ['membersCount', 'invalid_value'],
      ['colour', 'unknown_field'],
    ]);
  });

  it('normalises values as the schema does and allows clearing optional fields', () => {
    expect(checkChangeFields('households', { phone: '0912 345 678', notes: null, label: '  Hộ A ' })).toEqual(
      {
        ok: true,
        fields: { phone: '0912345678', notes: null, label: 'Hộ A' },
      },
    );
  });

  it('finds consent-only fields on a resident whose consent is gone', () => {
    expect(
      privacyViolations('residents', { consent: null, phone: '0912345678', groups: ['trader'], sex: 'male' }),
    ).toEqual(['sex', 'phone', 'groups']);
    expect(privacyViolations('households', { ethnicMinority: true, ethnicMinorityConsentAt: null })).toEqual([
      'ethnicMinority',
    ]);
  });
});
