/**
 * The import from file bytes to planned households (issue 17, items 1–4), over the fixture workbooks
 * whose expected households were written out by hand (tests/fixtures/import/workbooks.ts), the
 * seeded village generator, and the 10 MB file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tenMegabyteFixture, villageWorkbook } from '../../scripts/lib/village-workbook';
import { type ImportPreview, ImportSession } from '../../src/app/features/register-io/import-pipeline';
import { UnreadableFileError } from '../../src/app/features/register-io/read-workbook';
import { convertLegacy, encodeLegacy } from '../../src/core/import/legacy-vietnamese';
import { resolveImport } from '../../src/core/import/resolve';
import { type ExpectedImport, WORKBOOK_FIXTURES } from '../fixtures/import/workbooks';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');
const VILLAGE = '0190a000-0000-7000-8000-000000000001';

function previewOf(bytes: Uint8Array): { preview: ImportPreview; session: ImportSession } {
  const session = new ImportSession();
  const opened = session.open(bytes);
  const preview = session.preview({
    sheets: opened.sheets
      .filter((s) => s.layout)
      .map((s) => ({ name: s.name, columns: s.layout?.columns ?? [], villageId: VILLAGE })),
    villages: [{ id: VILLAGE, name: 'Thôn 5', code: 'T5' }],
    currentYear: 2026,
    register: { households: [], residents: [] },
  });
  return { preview, session };
}

/** What the importer makes, in the fixtures' terms (optional values absent when not given). */
function asExpected(preview: ImportPreview) {
  const write = resolveImport(preview.households, preview.groups, {}, [], 'add');
  return write.create.map(({ household: h, residents }) => ({
    sheet: h.source.sheet,
    label: h.label,
    ...(h.lane ? { lane: h.lane } : {}),
    ...(h.address ? { address: h.address } : {}),
    membersCount: h.membersCount,
    ...(h.poor ? { poor: true as const } : {}),
    residents: residents.map((r) => ({ name: r.name, birthYear: r.birthYear })),
  }));
}

describe('fixture workbooks, each against its hand-written expectation', () => {
  for (const fixture of WORKBOOK_FIXTURES) {
    it(`${fixture.name} (${fixture.fileName})`, () => {
      const expected = fixture.expected;
      if ('refused' in expected) {
        expect(() => new ImportSession().open(fixture.bytes)).toThrow(UnreadableFileError);
        try {
          new ImportSession().open(fixture.bytes);
        } catch (error) {
          expect((error as UnreadableFileError).reason).toBe(expected.refused);
        }
        return;
      }
      const want = expected as ExpectedImport;
      const { preview } = previewOf(fixture.bytes);
      expect(asExpected(preview)).toEqual(want.households);
      const errors = preview.issues
        .filter((i) => i.severity === 'error')
        .map((i) => ({ sheet: i.sheet, row: i.row, field: i.field }));
      expect(errors).toEqual(expect.arrayContaining(want.rowErrors ?? []));
      expect(errors).toHaveLength(want.rowErrors?.length ?? 0);
      expect(preview.refusedColumns.map((c) => c.header).sort()).toEqual(
        [...(want.refusedColumns ?? [])].sort(),
      );
      if (want.droppedForConsent !== undefined) {
        const { sex, phone, ethnicity } = preview.dropped;
        expect(sex + phone + ethnicity).toBe(want.droppedForConsent);
      }
    });
  }
});

describe('the generated village list', () => {
  it('reads 2,000 households and 8,000 people, with no ID number anywhere in the plan', () => {
    const made = villageWorkbook({ households: 2000, seed: 7, idColumn: true, titleRows: true });
    const { preview } = previewOf(made.bytes);
    expect(preview.households).toHaveLength(2000);
    expect(preview.households.reduce((n, h) => n + h.residents.length, 0)).toBe(8000);
    expect(preview.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(preview.households[0]?.label).toBe(made.firstHousehold.label);
    expect(preview.households[0]?.lane).toBe(made.firstHousehold.lane);
    expect(preview.households[0]?.residents.map((r) => ({ name: r.name, birthYear: r.birthYear }))).toEqual(
      made.firstHousehold.residents,
    );
    expect(preview.refusedColumns).toHaveLength(1);
    // Any 12-digit run that is not part of a record id (a uuid's last group follows a "-").
    expect(JSON.stringify(preview)).not.toMatch(/(?<![-\w])\d{12}(?!\w)/);
  });

  it('reads a 10 MB file with the promised counts', () => {
    const big = tenMegabyteFixture();
    expect(big.bytes.byteLength).toBeGreaterThanOrEqual(10_000_000);
    const { preview } = previewOf(big.bytes);
    expect(preview.households).toHaveLength(big.households);
    expect(preview.households.reduce((n, h) => n + h.residents.length, 0)).toBe(big.residents);
  }, 120_000);
});

describe('text files and legacy Vietnamese encodings', () => {
  const file = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
  const heads = (preview: ImportPreview) =>
    preview.households.map((h) => [h.label, h.residents[0]?.birthYear, h.lane]);

  it.each([
    ['cp1258.csv', 'windows-1258', undefined, ['Nguyễn Văn An', 1975, 'Xóm Đông']],
    ['tcvn3.csv', 'windows-1252', 'tcvn3', ['Phạm Văn Hùng', 1968, 'Xóm Thượng']],
    ['vni.csv', 'windows-1252', 'vni', ['Võ Thị Mười', 1955, 'Xóm Bến']],
    ['utf8-bom.csv', 'utf-8-bom', undefined, ['Bùi Thị Thu Hằng', 1984, 'Xóm Chợ']],
    ['utf16.csv', 'utf-16le', undefined, ['Vũ Đình Khoa', 1966, 'Xóm Trại']],
  ])('%s is decoded (%s), converted from %s, and read', (name, encoding, legacy, first) => {
    const session = new ImportSession();
    const opened = session.open(file(name));
    expect(opened.info).toEqual({ format: 'csv', encoding });
    expect(opened.sheets[0]?.legacy?.encoding).toBe(legacy);
    const { preview } = previewOf(file(name));
    expect(preview.households).toHaveLength(3);
    expect(heads(preview)[0]).toEqual(first);
    for (const h of preview.households) expect(h.label).toBe(h.label.normalize('NFC'));
  });

  it('a TCVN3 workbook with an ID column: converted, before and after shown, no ID read', () => {
    const made = villageWorkbook({ households: 40, seed: 3, encodeText: (s) => encodeLegacy(s, 'tcvn3') });
    const session = new ImportSession();
    const opened = session.open(made.bytes);
    const legacy = opened.sheets.find((s) => s.layout)?.legacy;
    expect(legacy?.encoding).toBe('tcvn3');
    expect(legacy?.samples.length).toBeGreaterThan(0);
    for (const s of legacy?.samples ?? []) expect(convertLegacy(s.before, 'tcvn3')).toBe(s.after);
    const { preview } = previewOf(made.bytes);
    expect(preview.households).toHaveLength(40);
    expect(preview.households[0]?.label).toBe(made.firstHousehold.label);
    expect(preview.households[0]?.residents.map((r) => ({ name: r.name, birthYear: r.birthYear }))).toEqual(
      made.firstHousehold.residents,
    );
    expect(preview.refusedColumns).toHaveLength(1);
  });

  it('decomposed (NFD) text comes out composed', () => {
    const { preview } = previewOf(file('nfd.csv'));
    expect(preview.households).toHaveLength(3);
    for (const h of preview.households) {
      expect(h.label).toBe(h.label.normalize('NFC'));
      expect(h.label).not.toBe(h.label.normalize('NFD'));
    }
  });
});
