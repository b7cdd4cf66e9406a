import { describe, expect, it } from 'vitest';
import { householdFields, residentFields, visitFields } from '../../src/core/schemas';
import { groupingKey, hasForbiddenCharacters, normalizeLine, normalizeMultiline } from '../../src/core/text';

const NFC = 'Nông Thị Hường';
const NFD = NFC.normalize('NFD');

describe('one stored form for text that looks the same (issue 13, kind 7)', () => {
  it('composes decomposed Vietnamese, drops invisible characters and runs of spaces in a line', () => {
    expect(NFD).not.toBe(NFC);
    expect(normalizeLine(`  ${NFD}\u200b \u00a0 `)).toBe(NFC);
    expect(normalizeLine('Xóm\tNà\u00adPài')).toBe('Xóm NàPài');
  });

  it('keeps the lines of notes but not their stray spaces', () => {
    expect(normalizeMultiline(` Dòng 1  \r\n  ${NFD} \n\n Hết `)).toBe(`Dòng 1\n${NFC}\n\nHết`);
  });

  it('gives one key to spellings that differ only by form, case or spacing, and keeps marks apart', () => {
    expect(groupingKey(NFD)).toBe(groupingKey(` ${NFC.toUpperCase()} `));
    expect(groupingKey('Nà Pài')).not.toBe(groupingKey('Na Pai'));
    expect(groupingKey(undefined)).toBe('');
  });

  it('every text field of the schemas stores NFC: names, lanes, addresses, notes, members, consent collector', () => {
    const household = householdFields.parse({
      label: NFD,
      lane: ` Xóm  Nà Pài `.normalize('NFD'),
      address: 'Số 12  ngõ 3',
      membersCount: 4,
      poor: false,
      notes: `Ghi  chú\n${NFD}`,
    });
    expect(household).toMatchObject({
      label: NFC,
      lane: 'Xóm Nà Pài',
      address: 'Số 12 ngõ 3',
      notes: `Ghi chú\n${NFC}`,
    });
    const resident = residentFields.parse({
      householdId: '0191f5a0-0000-7000-8000-000000000001',
      name: NFD,
      birthYear: 1950,
      groups: [],
      consent: {
        purposes: ['skills_support'],
        collectedBy: `${NFD} `,
        collectedAt: '2026-11-25T08:00:00.000Z',
      },
    });
    expect([resident.name, resident.consent?.collectedBy]).toEqual([NFC, NFC]);
    const visit = visitFields.parse({
      householdId: '0191f5a0-0000-7000-8000-000000000001',
      visitedAt: '2026-11-25T08:00:00.000Z',
      members: [NFD],
      outcome: 'met',
      residentIds: [],
      topics: [],
    });
    expect(visit.members).toEqual([NFC]);
  });

  it('counts length after normalising, so a decomposed name is not refused as too long', () => {
    const long = 'ằ'.repeat(100);
    expect(
      householdFields.safeParse({ label: long.normalize('NFD'), membersCount: 1, poor: false }).success,
    ).toBe(true);
  });
});

describe('characters that cannot be stored (issue 14, kind 3)', () => {
  it.each([
    ['a NUL', 'Hộ\u0000 A'],
    ['a bell', 'a\u0007b'],
    ['an escape', '\u001b[31m'],
    ['DEL', 'x\u007f'],
    ['a C1 control', 'x\u0085y'],
    ['a lone high surrogate', 'Lò \ud800'],
    ['a lone low surrogate', '\udc00 Văn'],
    ['a noncharacter U+FFFE', 'Hộ\ufffe A'],
    ['a noncharacter U+FFFF', 'Hộ A\uffff'],
    ['a noncharacter at the end of a plane', 'x\u{10fffe}'],
    ['a private-use character', 'Lò Văn \ue000'],
    ['a supplementary private-use character', '\u{f0000}Pằng'],
  ])('%s is refused', (_name, text) => {
    expect(hasForbiddenCharacters(text)).toBe(true);
    const parsed = householdFields.safeParse({ label: text, membersCount: 1, poor: false });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('err.invalidCharacters');
    expect(visitFields.shape.notes.safeParse(text).success).toBe(false);
  });

  it.each([
    ['Vietnamese', 'Lò Văn Pằng'],
    ['tabs and line breaks (normalised away)', 'một\thai\r\nba'],
    ['an emoji (a whole surrogate pair)', 'Cảm ơn 👍'],
    ['decomposed text', 'Nà Pài'.normalize('NFD')],
  ])('%s is kept', (_name, text) => {
    expect(hasForbiddenCharacters(normalizeMultiline(text))).toBe(false);
  });

  it('bidirectional overrides and isolates are invisible: removed like zero-width spaces', () => {
    expect(normalizeLine('a\u202eevil\u202c')).toBe('aevil');
    expect(normalizeLine('\u2066Xóm\u2069 Nà Pài')).toBe('Xóm Nà Pài');
    expect(normalizeLine('a\u200eb\u200fc\u061cd')).toBe('abcd');
  });

  it('tag characters (U+E0000–E007F) are invisible too: the digits they spell are never stored', () => {
    const tagDigits = [...'001203004567'].map((d) => String.fromCodePoint(0xe0030 + Number(d))).join('');
    expect(normalizeLine(`CCCD ${tagDigits}`)).toBe('CCCD');
    expect(normalizeMultiline(`Ghi chú\u{e0001}\n${tagDigits}hết`)).toBe('Ghi chú\nhết');
    const household = householdFields.parse({
      label: 'Hộ A',
      membersCount: 1,
      poor: false,
      notes: `x${tagDigits}`,
    });
    expect(household.notes).toBe('x');
  });
});
