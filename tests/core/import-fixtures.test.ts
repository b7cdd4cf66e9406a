/**
 * The register import's test material reads back as its expectations say (issue 17): each fixture
 * file holds the rows, merges, date cells and refused columns its hand-written expectation relies
 * on, and the village generator keeps its promises (same seed, same file; exactly four persons a
 * household; a 10 MB file). The import itself is tested against these elsewhere; here SheetJS reads
 * the files as any reader would.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import {
  TEN_MEGABYTE_HOUSEHOLDS,
  tenMegabyteFixture,
  villageWorkbook,
} from '../../scripts/lib/village-workbook';
import { findForbiddenData } from '../../src/core/forbidden-data';
import { normalizeLine } from '../../src/core/text';
import {
  type ExpectedHousehold,
  type ExpectedImport,
  WORKBOOK_FIXTURES,
  type WorkbookFixture,
} from '../fixtures/import/workbooks';

type Grid = Array<Array<XLSX.CellObject | undefined>>;

function read(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'array', cellNF: true });
}

/** Cells by 0-based row and column, as the sheet holds them (no value copied into merged cells). */
function gridOf(sheet: XLSX.WorkSheet | undefined): Grid {
  if (!sheet?.['!ref']) return [];
  const range = XLSX.utils.decode_range(sheet['!ref']);
  const grid: Grid = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row: Array<XLSX.CellObject | undefined> = [];
    for (let c = 0; c <= range.e.c; c++) row.push(sheet[XLSX.utils.encode_cell({ r, c })]);
    grid.push(row);
  }
  return grid;
}

const textOf = (cell: XLSX.CellObject | undefined) =>
  typeof cell?.v === 'string' ? normalizeLine(cell.v) : undefined;
const isEmpty = (cell: XLSX.CellObject | undefined) =>
  cell === undefined || cell.v === undefined || cell.v === null || textOf(cell) === '';
const isDateCell = (cell: XLSX.CellObject | undefined) =>
  cell?.t === 'n' && typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z);

/** The year a birth cell gives a reader: a date cell's, a number's, or a text's last four digits. */
function yearOf(cell: XLSX.CellObject | undefined): number | undefined {
  if (cell === undefined) return undefined;
  if (isDateCell(cell)) return XLSX.SSF.parse_date_code(cell.v as number).y;
  if (typeof cell.v === 'number') return cell.v;
  const text = textOf(cell);
  const match = text?.match(/^(?:\d{1,2}\/\d{1,2}\/)?(\d{4})$/);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The column under a header text: in the row that starts with "STT", or the row below it when that
 * one is a second header row (nothing in its STT cell, which the merge above covers).
 */
function columnOf(grid: Grid, header: string): number | undefined {
  const top = grid.findIndex((row) => textOf(row[0]) === 'STT');
  if (top < 0) return undefined;
  const rows = isEmpty(grid[top + 1]?.[0]) ? [grid[top], grid[top + 1]] : [grid[top]];
  for (const row of rows) {
    const c = row?.findIndex((cell) => textOf(cell) === header) ?? -1;
    if (c >= 0) return c;
  }
  return undefined;
}

/**
 * Rows of people or households: a number in the STT column (A) and no number where the name goes,
 * which leaves out titles, headers, the column-numbering row, totals and signatures.
 */
function dataRows(grid: Grid, nameColumn: number): number[] {
  return grid.flatMap((row, r) =>
    typeof row[0]?.v === 'number' && typeof row[nameColumn]?.v !== 'number' ? [r] : [],
  );
}

const CONSENT_HEADERS = ['Giới tính', 'Dân tộc', 'Số điện thoại', 'Nam', 'Nữ'];
const BIRTH_HEADERS = ['Năm sinh', 'Ngày sinh', 'Nam', 'Nữ'];

interface SheetView {
  grid: Grid;
  /** "Họ và tên" (one row a person) or "Họ tên chủ hộ" (one row a household). */
  perPerson: boolean;
  nameColumn: number;
  rows: number[];
  column: (header: string) => number | undefined;
}

function viewOf(book: XLSX.WorkBook, sheetName: string): SheetView {
  const grid = gridOf(book.Sheets[sheetName]);
  const personColumn = columnOf(grid, 'Họ và tên');
  const nameColumn = personColumn ?? columnOf(grid, 'Họ tên chủ hộ');
  if (nameColumn === undefined) throw new Error(`${sheetName}: no name column`);
  return {
    grid,
    perPerson: personColumn !== undefined,
    nameColumn,
    rows: dataRows(grid, nameColumn),
    column: (header) => columnOf(grid, header),
  };
}

function birthYearIn(view: SheetView, r: number): number | undefined {
  for (const header of BIRTH_HEADERS) {
    const c = view.column(header);
    const cell = c === undefined ? undefined : view.grid[r]?.[c];
    if (!isEmpty(cell)) return yearOf(cell);
  }
  return undefined;
}

const importing = WORKBOOK_FIXTURES.filter(
  (f): f is WorkbookFixture & { expected: ExpectedImport } => !('refused' in f.expected),
);

describe('the hand-written expectations match the files', () => {
  it('names every fixture file once, and each kind of list the import must read is there', () => {
    const names = WORKBOOK_FIXTURES.map((f) => f.fileName);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      'per-household.xlsx',
      'per-person-by-number.xlsx',
      'per-person-by-relation.xlsx',
      'title-merged-headers.xlsx',
      'several-sheets.xlsx',
      'serial-dates.xlsx',
      'errors.xlsx',
      'consent.xlsx',
      'legacy.xls',
      'sheet.ods',
      'photo.xlsx',
      'archive.xlsx',
      'empty.csv',
      'empty.xlsx',
    ]);
  });

  describe.each(importing)('$fileName', ({ bytes, expected }) => {
    const book = read(bytes);
    const sheets = [...new Set(expected.households.map((h) => h.sheet))];
    const errorRows = (sheet: string) =>
      new Set((expected.rowErrors ?? []).filter((e) => e.sheet === sheet).map((e) => e.row - 1));

    it('holds 3 to 15 households, from its sheets in workbook order', () => {
      expect(expected.households.length).toBeGreaterThanOrEqual(3);
      expect(expected.households.length).toBeLessThanOrEqual(15);
      const order = sheets.map((s) => book.SheetNames.indexOf(s));
      expect(order.every((index) => index >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    });

    it('lists every person or household row of the file, in file order, and nothing else', () => {
      for (const sheet of sheets) {
        const view = viewOf(book, sheet);
        const inSheet = expected.households.filter((h) => h.sheet === sheet);
        const errors = errorRows(sheet);
        const names = view.rows
          .filter((r) => !errors.has(r))
          .map((r) => textOf(view.grid[r]?.[view.nameColumn]));
        expect(names).toEqual(
          view.perPerson
            ? inSheet.flatMap((h) => h.residents.map((p) => p.name))
            : inSheet.map((h) => h.label),
        );
      }
    });

    it('gives each resident the birth year of their row, and a resident only when there is one', () => {
      for (const sheet of sheets) {
        const view = viewOf(book, sheet);
        const errors = errorRows(sheet);
        const people = view.rows
          .filter((r) => !errors.has(r))
          .map((r) => ({
            name: textOf(view.grid[r]?.[view.nameColumn]),
            birthYear: birthYearIn(view, r),
          }));
        const inSheet = expected.households.filter((h) => h.sheet === sheet);
        if (view.perPerson) expect(inSheet.flatMap((h) => h.residents)).toEqual(people);
        else
          expect(inSheet.map((h) => h.residents)).toEqual(
            people.map((p) => (p.birthYear === undefined ? [] : [p])),
          );
      }
    });

    it('takes lane, address, count and poor tick from the head row (or the count of its people)', () => {
      for (const sheet of sheets) {
        const view = viewOf(book, sheet);
        const lane = ['Xóm', 'Ngõ', 'Tổ', 'Thôn/xóm'].map(view.column).find((c) => c !== undefined);
        const address = view.column('Số nhà') ?? view.column('Địa chỉ');
        const count = view.column('Số nhân khẩu');
        const poor = view.column('Hộ nghèo');
        const headRow = (h: ExpectedHousehold) =>
          view.rows.find((r) => textOf(view.grid[r]?.[view.nameColumn]) === h.label) ?? -1;
        const cellText = (r: number, c: number | undefined) => {
          const cell = c === undefined ? undefined : view.grid[r]?.[c];
          return isEmpty(cell) ? undefined : (textOf(cell) ?? String(cell?.v));
        };
        for (const h of expected.households.filter((x) => x.sheet === sheet)) {
          const r = headRow(h);
          expect(r, h.label).toBeGreaterThanOrEqual(0);
          expect(cellText(r, lane), h.label).toBe(h.lane);
          expect(cellText(r, address), h.label).toBe(h.address);
          const counted = cellText(r, count);
          if (counted !== undefined) expect(Number(counted), h.label).toBe(h.membersCount);
          else if (view.perPerson) expect(h.membersCount, h.label).toBe(h.residents.length);
          else expect(h.membersCount, h.label).toBe(1);
          expect(cellText(r, poor) !== undefined, h.label).toBe(h.poor === true);
        }
      }
    });

    it('writes labels and names in NFC, and nothing the import must never keep', () => {
      for (const h of expected.households) {
        const texts = [h.label, h.lane, h.address, ...h.residents.map((p) => p.name)];
        for (const text of texts.filter((t): t is string => t !== undefined)) {
          expect(text).toBe(normalizeLine(text));
          expect(findForbiddenData(text), text).toBeUndefined();
        }
        expect(h.residents.every((p) => p.birthYear >= 1900 && p.birthYear <= 2025)).toBe(true);
      }
    });

    it('points each row error at a row whose named field is wrong', () => {
      for (const error of expected.rowErrors ?? []) {
        const view = viewOf(book, error.sheet);
        const r = error.row - 1;
        expect(view.rows, `${error.sheet}!${error.row}`).toContain(r);
        const cell = (header: string) => {
          const c = view.column(header);
          return c === undefined ? undefined : view.grid[r]?.[c];
        };
        const year = yearOf(cell(error.field === 'birthDate' ? 'Ngày sinh' : 'Năm sinh'));
        switch (error.field) {
          case 'name':
            expect(isEmpty(cell('Họ và tên'))).toBe(true);
            break;
          case 'birthYear':
            expect(year === undefined || year < 1900 || year > 2025).toBe(true);
            break;
          case 'birthDate': {
            const text = textOf(cell('Ngày sinh')) ?? '';
            const [day = 0, month = 0] = text.split('/').map(Number);
            const calendar = new Date(Date.UTC(year ?? 0, month - 1, day));
            const impossible = calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day;
            expect(year === undefined || year < 1900 || impossible, text).toBe(true);
            break;
          }
          case 'notes':
            expect(findForbiddenData(textOf(cell('Ghi chú')) ?? '')?.kind).toBe('id_number');
            break;
          default:
            throw new Error(`no check for ${error.field}`);
        }
      }
    });

    it('counts every sex, phone and ethnicity value as dropped for consent', () => {
      let values = 0;
      for (const sheet of sheets) {
        const view = viewOf(book, sheet);
        for (const c of CONSENT_HEADERS.map(view.column)) {
          if (c !== undefined) values += view.rows.filter((r) => !isEmpty(view.grid[r]?.[c])).length;
        }
      }
      expect(values).toBe(expected.droppedForConsent ?? 0);
    });

    it('holds values under each refused ID-card column, none of them in the expectation', () => {
      const expectation = JSON.stringify(expected);
      for (const header of expected.refusedColumns ?? []) {
        for (const sheet of sheets) {
          const view = viewOf(book, sheet);
          const c = view.column(header);
          expect(c, header).toBeDefined();
          const values = view.rows.flatMap((r) => {
            const v = c === undefined ? undefined : view.grid[r]?.[c]?.v;
            return v === undefined || v === null ? [] : [String(v)];
          });
          expect(values.length).toBeGreaterThan(0);
          for (const value of values) expect(expectation).not.toContain(value);
        }
      }
    });
  });
});

describe('the fixture files themselves', () => {
  const fixture = (fileName: string) => {
    const found = WORKBOOK_FIXTURES.find((f) => f.fileName === fileName);
    if (!found) throw new Error(`no fixture ${fileName}`);
    return found;
  };
  const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

  it('are XLSX, XLS and ODS files by their bytes, as their names say', () => {
    for (const f of WORKBOOK_FIXTURES.filter((x) => x.fileName.endsWith('.xlsx') && x.name !== 'photo')) {
      expect(latin1(f.bytes.subarray(0, 4)), f.fileName).toBe('PK\x03\x04');
    }
    expect(latin1(fixture('per-household.xlsx').bytes)).toContain('[Content_Types].xml');
    expect([...fixture('legacy.xls').bytes.subarray(0, 8)]).toEqual([
      0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1,
    ]);
    // SheetJS does not put "mimetype" first as LibreOffice does: a reader must look inside the zip.
    const ods = XLSX.CFB.read(fixture('sheet.ods').bytes, { type: 'array' });
    const mimetype = XLSX.CFB.find(ods, 'mimetype')?.content as Uint8Array | undefined;
    expect(new TextDecoder().decode(mimetype)).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(XLSX.CFB.find(ods, 'content.xml')).toBeTruthy();
    expect(read(fixture('legacy.xls').bytes).Sheets.Sheet1?.B3?.v).toBe('Đàm Văn Thịnh');
  });

  it('title-merged-headers.xlsx has its titles, two-row header and totals merged', () => {
    const sheet = read(fixture('title-merged-headers.xlsx').bytes).Sheets['DS hộ thôn 5'];
    const merges = (sheet?.['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m));
    expect(merges).toEqual(
      expect.arrayContaining(['A1:J1', 'A2:J2', 'A3:J3', 'A4:A5', 'B4:B5', 'C4:D4', 'E4:E5', 'F4:G4']),
    );
    expect(merges).toEqual(expect.arrayContaining(['A10:B10', 'A15:B15', 'A18:B18', 'A19:B19']));
    expect([sheet?.C4?.v, sheet?.C5?.v, sheet?.D5?.v, sheet?.F4?.v, sheet?.F5?.v, sheet?.G5?.v]).toEqual([
      'Năm sinh',
      'Nam',
      'Nữ',
      'Địa chỉ',
      'Xóm',
      'Số nhà',
    ]);
    expect(sheet?.A6?.v).toBe('(1)');
    expect([sheet?.A19?.v, sheet?.H19?.v]).toEqual(['Tổng cộng', 24]);
    // The ID numbers as text, as a number that lost its zero, and as a number shown with it.
    expect([sheet?.E7?.t, sheet?.E8?.t, sheet?.E17?.t, sheet?.E17?.z]).toEqual([
      's',
      'n',
      'n',
      '000000000000',
    ]);
    expect(sheet?.A12).toBeUndefined();
  });

  it('serial-dates.xlsx and errors.xlsx hold real date cells for the dates, and text for the rest', () => {
    const dates = read(fixture('serial-dates.xlsx').bytes).Sheets['Danh sách'];
    const wanted: Array<[string, number, number, number]> = [
      ['C2', 1950, 1, 1],
      ['C3', 1969, 12, 31],
      ['C4', 1900, 2, 15],
      ['C5', 1999, 12, 31],
      ['C6', 2000, 1, 1],
      ['C10', 1988, 2, 29],
    ];
    for (const [address, y, m, d] of wanted) {
      const cell = dates?.[address];
      expect(isDateCell(cell), address).toBe(true);
      expect(XLSX.SSF.parse_date_code(cell?.v as number), address).toMatchObject({ y, m, d });
    }
    expect(dates?.C10?.z).toBe('m/d/yy');
    expect([dates?.C7?.v, dates?.C8?.v, dates?.C9?.v]).toEqual(['07/08/1962', '3/9/1975', '1958']);
    expect([dates?.C11?.t, dates?.C11?.v, isDateCell(dates?.C11)]).toEqual(['n', 1962, false]);

    const errorDates = read(fixture('errors.xlsx').bytes).Sheets['Ngày sinh'];
    expect(XLSX.SSF.parse_date_code(errorDates?.E2?.v as number)).toMatchObject({ y: 1970, m: 6, d: 12 });
    expect(isDateCell(errorDates?.E5)).toBe(true);
  });

  it('per-person-by-relation.xlsx spells one head decomposed (NFD), expected composed', () => {
    const cell = read(fixture('per-person-by-relation.xlsx').bytes).Sheets['Danh sách nhân khẩu']?.B6;
    expect(cell?.v).toBe('Lê Thị Hồng'.normalize('NFD'));
    expect(cell?.v).not.toBe('Lê Thị Hồng');
  });

  it('several-sheets.xlsx has an empty sheet and a sheet of instructions besides the villages', () => {
    const book = read(fixture('several-sheets.xlsx').bytes);
    expect(book.SheetNames).toEqual(['Thôn 1', 'Thôn 2', 'Thôn 3', 'Sheet4', 'Hướng dẫn']);
    expect(
      gridOf(book.Sheets.Sheet4)
        .flat()
        .filter((cell) => !isEmpty(cell)),
    ).toEqual([]);
    const notes = gridOf(book.Sheets['Hướng dẫn']).flat();
    expect(notes.length).toBe(5);
    expect(notes.every((cell) => cell?.t === 's')).toBe(true);
  });

  it('photo.xlsx is a PNG and archive.xlsx a ZIP of one text file: no spreadsheet reads from either', () => {
    const photo = fixture('photo.xlsx').bytes;
    expect([...photo.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(() => read(photo)).toThrow();
    const archive = fixture('archive.xlsx').bytes;
    expect(latin1(archive.subarray(0, 4))).toBe('PK\x03\x04');
    // One file in the central directory (SheetJS's zip reader adds a placeholder of its own).
    expect(latin1(archive).split('PK\x01\x02').length - 1).toBe(1);
    expect(latin1(archive)).toContain('ghi-chu.txt');
    expect(() => read(archive)).toThrow();
  });

  it('empty.csv has no bytes and empty.xlsx one sheet without a cell', () => {
    expect(fixture('empty.csv').bytes.length).toBe(0);
    const book = read(fixture('empty.xlsx').bytes);
    expect(book.SheetNames).toEqual(['Sheet1']);
    expect(
      gridOf(book.Sheets.Sheet1)
        .flat()
        .filter((cell) => !isEmpty(cell)),
    ).toEqual([]);
  });
});

describe('villageWorkbook', () => {
  /** Person rows (a number in STT) and household rows (a number in "Số hộ") of a generated file. */
  function readVillage(bytes: Uint8Array) {
    const book = read(bytes);
    const grid = gridOf(book.Sheets[book.SheetNames[0] ?? '']);
    const header = grid.findIndex((row) => textOf(row[0]) === 'STT');
    const persons = grid.filter((row) => typeof row[0]?.v === 'number');
    return { book, grid, header, persons, heads: persons.filter((row) => typeof row[1]?.v === 'number') };
  }

  it('makes 2,000 households of exactly 8,000 people, each head first as "Chủ hộ"', () => {
    const village = villageWorkbook({ households: 2000 });
    expect([village.households, village.residents]).toEqual([2000, 8000]);
    const { persons, heads } = readVillage(village.bytes);
    expect(persons.length).toBe(8000);
    expect(heads.map((row) => row[1]?.v)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(heads.every((row) => row[3]?.v === 'Chủ hộ')).toBe(true);
    expect(persons.filter((row) => row[3]?.v === 'Chủ hộ').length).toBe(2000);
  });

  it('lays out titles, a merged two-row header, numbering, lane subtotals, total and signatures', () => {
    const { book, grid, header } = readVillage(villageWorkbook({ households: 40, seed: 7 }).bytes);
    expect(header).toBe(3);
    expect(textOf(grid[0]?.[0])).toBe('ỦY BAN NHÂN DÂN XÃ TÂN LẬP');
    expect(grid[3]?.map(textOf)).toEqual([
      'STT',
      'Số hộ',
      'Họ và tên',
      'Quan hệ với chủ hộ',
      'Năm sinh',
      undefined,
      'Số CCCD',
      'Địa chỉ',
      undefined,
      'Ghi chú',
    ]);
    expect(grid[4]?.map(textOf).slice(4, 9)).toEqual(['Nam', 'Nữ', undefined, 'Xóm', 'Số nhà']);
    expect(grid[5]?.map(textOf)).toEqual(Array.from({ length: 10 }, (_, i) => `(${i + 1})`));
    const merges = (book.Sheets[book.SheetNames[0] ?? '']?.['!merges'] ?? []).map((m) =>
      XLSX.utils.encode_range(m),
    );
    expect(merges).toEqual(expect.arrayContaining(['A1:J1', 'A4:A5', 'E4:F4', 'H4:I4']));
    const subtotals = grid
      .map((row) => textOf(row[0])?.match(/^Cộng (Xóm \d): (\d+) hộ, (\d+) nhân khẩu$/))
      .filter((match) => match !== undefined && match !== null);
    expect(subtotals.map((match) => [match[1], match[2]])).toEqual(
      Array.from({ length: 8 }, (_, i) => [`Xóm ${i + 1}`, '5']),
    );
    expect(subtotals.reduce((sum, match) => sum + Number(match[3]), 0)).toBe(160);
    expect(grid.map((row) => textOf(row[0])).filter((t) => t?.startsWith('Tổng cộng'))).toEqual([
      'Tổng cộng: 40 hộ, 160 nhân khẩu',
    ]);
    const texts = grid.flat().map(textOf);
    expect(texts).toContain('Người lập biểu');
    expect(texts).toContain('TRƯỞNG THÔN');
  });

  it('writes plausible people: valid names, years 1935–2024 under their sex, made-up 12-digit IDs', () => {
    const { persons, heads } = readVillage(villageWorkbook({ households: 300, seed: 3 }).bytes);
    for (const row of persons) {
      const name = textOf(row[2]) ?? '';
      expect(name).toBe(normalizeLine(name));
      expect(name).toMatch(/^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$/u);
      expect(findForbiddenData(name)).toBeUndefined();
      const years = [row[4]?.v, row[5]?.v].filter((v) => v !== undefined);
      expect(years).toHaveLength(1);
      expect(years[0]).toBeGreaterThanOrEqual(1935);
      expect(years[0]).toBeLessThanOrEqual(2024);
      const id = row[6]?.v;
      if (id !== undefined) expect(id).toMatch(/^0\d{11}$/);
    }
    expect(new Set(heads.map((row) => textOf(row[7])))).toEqual(
      new Set(Array.from({ length: 8 }, (_, i) => `Xóm ${i + 1}`)),
    );
    const relations = new Set(persons.map((row) => textOf(row[3])));
    expect(relations).toEqual(new Set(['Chủ hộ', 'Vợ', 'Chồng', 'Con', 'Cháu', 'Bố', 'Mẹ']));
  });

  it('describes its first household as the file lists it', () => {
    const village = villageWorkbook({ households: 12, seed: 5 });
    const { persons } = readVillage(village.bytes);
    const first = village.firstHousehold;
    expect(first.label).toBe(first.residents[0]?.name);
    expect(first.lane).toBe('Xóm 1');
    const rows = persons.slice(0, first.residents.length);
    expect(rows.map((row) => ({ name: textOf(row[2]), birthYear: row[4]?.v ?? row[5]?.v }))).toEqual(
      first.residents,
    );
    expect(textOf(rows[0]?.[7])).toBe('Xóm 1');
    expect(typeof persons[first.residents.length]?.[1]?.v).toBe('number');
  });

  it('is the same file for the same seed, another for another seed', () => {
    const csv = (seed: number) => villageWorkbook({ households: 50, seed, bookType: 'csv' }).bytes;
    expect(csv(11)).toEqual(csv(11));
    expect(csv(11)).not.toEqual(csv(12));
    const xlsx = (seed: number) => villageWorkbook({ households: 50, seed }).bytes;
    expect(xlsx(11)).toEqual(xlsx(11));
  });

  it('leaves out the ID column and the titles when asked, and writes XLS and CSV', () => {
    const plain = readVillage(villageWorkbook({ households: 10, idColumn: false, titleRows: false }).bytes);
    expect(plain.header).toBe(0);
    expect(plain.grid[0]?.map(textOf)).not.toContain('Số CCCD');
    expect(plain.persons.length).toBe(40);

    const xls = villageWorkbook({ households: 10, bookType: 'xls' }).bytes;
    expect([...xls.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    expect(readVillage(xls).persons.length).toBe(40);

    const csv = villageWorkbook({ households: 10, bookType: 'csv' }).bytes;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csv)).toContain('\r\n1,1,');
  });

  it('passes every text cell through encodeText, and writes a legacy CSV one byte a character', () => {
    const ascii = (s: string) =>
      s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    const village = villageWorkbook({ households: 10, seed: 2, encodeText: ascii });
    const { grid } = readVillage(village.bytes);
    expect(textOf(grid[3]?.[3])).toBe('Quan he voi chu ho');
    expect(grid.flat().every((cell) => typeof cell?.v !== 'string' || /^[\x20-\x7e]*$/.test(cell.v))).toBe(
      true,
    );
    // The expectation stays in Unicode.
    expect(village.firstHousehold).toEqual(villageWorkbook({ households: 10, seed: 2 }).firstHousehold);

    const legacy = villageWorkbook({ households: 10, seed: 2, bookType: 'csv', encodeText: ascii }).bytes;
    expect(legacy[0]).not.toBe(0xef);
    expect(new TextDecoder('latin1').decode(legacy)).toContain('Quan he voi chu ho');
    // Vietnamese letters have no single byte: an encoder must hand back legacy characters.
    expect(() => villageWorkbook({ households: 1, bookType: 'csv', encodeText: (s) => s })).toThrow(
      /no single byte/,
    );
  });

  it('refuses a household count that is not a positive integer', () => {
    expect(() => villageWorkbook({ households: 0 })).toThrow();
    expect(() => villageWorkbook({ households: 2.5 })).toThrow();
  });
});

describe('tenMegabyteFixture', () => {
  it('is a CSV of at least 10,000,000 bytes with 45,000 households and 180,000 people', () => {
    const big = tenMegabyteFixture();
    expect(big.bytes.length).toBeGreaterThanOrEqual(10_000_000);
    expect([big.households, big.residents]).toEqual([TEN_MEGABYTE_HOUSEHOLDS, 4 * TEN_MEGABYTE_HOUSEHOLDS]);
    expect(TEN_MEGABYTE_HOUSEHOLDS).toBe(45_000);
    const lines = new TextDecoder().decode(big.bytes).split('\r\n');
    const persons = lines.filter((line) => /^\d+,/.test(line));
    expect(persons.length).toBe(180_000);
    expect(persons.filter((line) => /^\d+,\d+,/.test(line)).length).toBe(45_000);
  });
});
