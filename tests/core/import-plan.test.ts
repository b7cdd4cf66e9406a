import { describe, expect, it } from 'vitest';
import { birthYearOf, isNumberingRow, yearOfExcelSerial } from '../../src/core/import/cells';
import { fieldForHeader, fieldForTwoRowHeader } from '../../src/core/import/column-mapping';
import { findDuplicateHouseholds } from '../../src/core/import/duplicates';
import { extractRows, findLayout } from '../../src/core/import/layout';
import { planSheets } from '../../src/core/import/plan';
import { resolveImport, writeCounts } from '../../src/core/import/resolve';
import type { CellValue, MergedRange, SheetGrid } from '../../src/core/import/types';

const V1 = '0190a000-0000-7000-8000-000000000001';
const OPTIONS = { currentYear: 2026, villages: [{ id: V1, name: 'Thôn 5', code: 'T5' }] };

function grid(rows: CellValue[][], merges: MergedRange[] = [], name = 'Thôn 5'): SheetGrid {
  return { name, rows, merges };
}

function planOf(g: SheetGrid) {
  const layout = findLayout(g);
  if (!layout) throw new Error('no layout');
  const { rows, skipped } = extractRows(g, layout, layout.columns);
  return {
    layout,
    skipped,
    plan: planSheets([{ sheet: g.name, rows, columns: layout.columns, villageId: V1 }], OPTIONS),
  };
}

describe('column headers', () => {
  it.each([
    ['Họ và tên', 'name'],
    ['HỌ VÀ TÊN', 'name'],
    ['Ho va ten', 'name'],
    ['Họ tên chủ hộ', 'headName'],
    ['Tên chủ hộ', 'headName'],
    ['Quan hệ với chủ hộ', 'relation'],
    ['Năm sinh', 'birthYear'],
    ['Ngày, tháng, năm sinh', 'birthDate'],
    ['Ngày sinh', 'birthDate'],
    ['Giới tính', 'sex'],
    ['Số CCCD', 'idNumber'],
    ['CCCD/CMND', 'idNumber'],
    ['Số định danh cá nhân', 'idNumber'],
    ['Số CMND', 'idNumber'],
    ['STT', 'stt'],
    ['TT', 'stt'],
    ['Số hộ', 'householdNumber'],
    ['Mã hộ', 'householdNumber'],
    ['Số nhân khẩu', 'membersCount'],
    ['Xóm', 'lane'],
    ['Ngõ', 'lane'],
    ['Tổ', 'lane'],
    ['Địa chỉ', 'address'],
    ['Số điện thoại', 'phone'],
    ['SĐT', 'phone'],
    ['Hộ nghèo', 'poor'],
    ['Hộ cận nghèo', 'ignore'],
    ['Dân tộc', 'ethnicity'],
    ['Ghi chú', 'notes'],
    ['Thôn', 'village'],
    ['Nghề nghiệp', 'ignore'],
  ])('%s → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it('reads two header rows: the lower label decides, and Nam | Nữ under Năm sinh are years by sex', () => {
    expect(fieldForTwoRowHeader('Năm sinh', 'Nam')).toBe('male');
    expect(fieldForTwoRowHeader('Năm sinh', 'Nữ')).toBe('female');
    expect(fieldForTwoRowHeader('Địa chỉ', 'Xóm')).toBe('lane');
    expect(fieldForTwoRowHeader('Địa chỉ', 'Số nhà')).toBe('address');
    expect(fieldForTwoRowHeader('Giấy tờ', 'Số CCCD')).toBe('idNumber');
    expect(fieldForTwoRowHeader('Họ và tên', '')).toBe('name');
  });
});

describe('cells', () => {
  it('turns Excel serial days into years in UTC, 1 January and 31 December included', () => {
    expect(yearOfExcelSerial(1)).toBe(1900);
    expect(yearOfExcelSerial(60)).toBe(1900); // Excel's phantom 29/02/1900
    expect(yearOfExcelSerial(366)).toBe(1900); // 31/12/1900
    expect(yearOfExcelSerial(367)).toBe(1901);
    expect(yearOfExcelSerial(21916)).toBe(1960); // 01/01/1960
    expect(yearOfExcelSerial(21915)).toBe(1959); // 31/12/1959
    expect(yearOfExcelSerial(45657)).toBe(2024); // 31/12/2024
  });

  it('reads birth years from years, date cells and date text, and refuses what is not one', () => {
    expect(birthYearOf(1958, false)).toEqual({ year: 1958, fromDate: false });
    expect(birthYearOf('1958', false)).toEqual({ year: 1958, fromDate: false });
    expect(birthYearOf({ excelDate: 21916 }, false)).toEqual({ year: 1960, fromDate: true });
    expect(birthYearOf(21916, true)).toEqual({ year: 1960, fromDate: true });
    expect(birthYearOf(1958, true)).toEqual({ year: 1958, fromDate: false });
    expect(birthYearOf('05/11/1962', true)).toEqual({ year: 1962, fromDate: true });
    expect(birthYearOf('5-1-1962', true)).toEqual({ year: 1962, fromDate: true });
    expect(birthYearOf('03/1962', true)).toEqual({ year: 1962, fromDate: true });
    expect(birthYearOf('31/02/1960', true)).toEqual({ error: 'err.birthYear' });
    expect(birthYearOf('abc', false)).toEqual({ error: 'err.birthYear' });
    expect(birthYearOf(19.5, false)).toEqual({ error: 'err.birthYear' });
    expect(birthYearOf('', false)).toBeUndefined();
    expect(birthYearOf(null, true)).toBeUndefined();
  });

  it('knows a column-numbering row from data', () => {
    expect(isNumberingRow([1, 2, 3, 4, 5])).toBe(true);
    expect(isNumberingRow(['(1)', '(2)', '(3)', '(4)'])).toBe(true);
    expect(isNumberingRow(['A', 'B', 1, 2, 3])).toBe(true);
    expect(isNumberingRow([1, 'Nguyễn Văn An', 1958, 'Xóm 1'])).toBe(false);
    expect(isNumberingRow([1, 2])).toBe(false);
  });
});

describe('a list with title rows, a two-row merged header, subtotals and a signature', () => {
  const rows: CellValue[][] = [
    ['ỦY BAN NHÂN DÂN XÃ AN BÌNH', null, null, null, null, null, null],
    ['DANH SÁCH HỘ GIA ĐÌNH THÔN 5', null, null, null, null, null, null],
    [null],
    ['STT', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh', null, 'Số CCCD', 'Địa chỉ', null],
    [null, null, null, 'Nam', 'Nữ', null, 'Xóm', 'Số nhà'],
    ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'],
    ['XÓM ĐÔNG'],
    [1, 'Nguyễn Văn An', 'Chủ hộ', 1958, null, '001058012345', 'Xóm Đông', '12'],
    [2, 'Trần Thị Bình', 'Vợ', null, 1960, 1060123456, 'Xóm Đông', '12'],
    [3, 'Nguyễn Văn Cường', 'Con', 1985, null, null, 'Xóm Đông', '12'],
    ['Cộng xóm Đông: 1 hộ', null, null, null, null, null, null],
    [null],
    [4, 'Lê Thị Dung', 'Chủ hộ', null, { excelDate: 17899 }, null, 'Xóm Tây', null],
    [5, 'Phạm Văn Em', 'Con', 'abc', null, null, 'Xóm Tây', null],
    ['Tổng cộng', null, null, null, null, null, null],
    [null, 'Người lập biểu', null, null, null, null, 'TRƯỞNG THÔN'],
    [null, 'Hoàng Văn Tám', null, null, null, null, 'Đỗ Văn Chín'],
  ];
  const merges: MergedRange[] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 6 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: 6 } },
    { s: { r: 3, c: 0 }, e: { r: 4, c: 0 } },
    { s: { r: 3, c: 1 }, e: { r: 4, c: 1 } },
    { s: { r: 3, c: 2 }, e: { r: 4, c: 2 } },
    { s: { r: 3, c: 3 }, e: { r: 3, c: 4 } },
    { s: { r: 3, c: 5 }, e: { r: 4, c: 5 } },
    { s: { r: 3, c: 6 }, e: { r: 3, c: 7 } },
    { s: { r: 6, c: 0 }, e: { r: 6, c: 6 } },
  ];
  const { layout, plan, skipped } = planOf(grid(rows, merges));

  it('finds the header over two rows, skips the numbering row, and maps every column', () => {
    expect(layout.headerStart).toBe(3);
    expect(layout.headerEnd).toBe(4);
    expect(layout.dataStart).toBe(6);
    expect(layout.title).toContain('DANH SÁCH HỘ GIA ĐÌNH THÔN 5');
    expect(layout.columns.map((c) => c.field)).toEqual([
      'stt',
      'name',
      'relation',
      'male',
      'female',
      'idNumber',
      'lane',
      'address',
    ]);
  });

  it('makes two households by "Chủ hộ" rows, keeps years only, and stops at the total', () => {
    expect(
      plan.households.map((h) => ({ label: h.label, lane: h.lane, address: h.address, n: h.membersCount })),
    ).toEqual([
      { label: 'Nguyễn Văn An', lane: 'Xóm Đông', address: '12', n: 3 },
      { label: 'Lê Thị Dung', lane: 'Xóm Tây', address: undefined, n: 2 },
    ]);
    expect(plan.households[0]?.residents.map((r) => [r.name, r.birthYear])).toEqual([
      ['Nguyễn Văn An', 1958],
      ['Trần Thị Bình', 1960],
      ['Nguyễn Văn Cường', 1985],
    ]);
    expect(plan.households[1]?.residents.map((r) => [r.name, r.birthYear])).toEqual([['Lê Thị Dung', 1949]]);
    expect(plan.datesToYears).toBe(1);
    expect(skipped.subtotal).toBe(2);
    expect(skipped.section).toBe(1);
    expect(skipped.footer).toBe(2);
  });

  it('reports the bad year with its sheet, row and column', () => {
    expect(plan.issues).toEqual([
      {
        sheet: 'Thôn 5',
        row: 14,
        severity: 'error',
        message: 'err.birthYear',
        field: 'male',
        column: 'Năm sinh / Nam',
      },
    ]);
  });

  it('never reads the ID-card column, and counts the sex the Nam | Nữ columns gave as left out', () => {
    const text = JSON.stringify(plan);
    expect(text).not.toContain('001058012345');
    expect(text).not.toContain('1060123456');
    expect(plan.dropped.sex).toBe(5);
  });
});

describe('shapes', () => {
  it('one row per household: the head becomes a resident when a year is given', () => {
    const { plan } = planOf(
      grid([
        ['STT', 'Họ tên chủ hộ', 'Năm sinh', 'Xóm', 'Số nhân khẩu', 'Hộ nghèo', 'Số điện thoại', 'Ghi chú'],
        [1, 'Nguyễn Văn An', 1958, 'Xóm 1', 4, 'x', '0912345678', 'Nhà gần chợ'],
        [2, 'Trần Văn Bảo', null, 'Xóm 1', '3 người', null, null, null],
        [3, 'Lê Văn Chung', 1970, 'Xóm 2', 'ba', null, null, 'CCCD 001058012345'],
      ]),
    );
    expect(
      plan.households.map((h) => [h.label, h.lane, h.membersCount, h.poor, h.notes, h.residents.length]),
    ).toEqual([
      ['Nguyễn Văn An', 'Xóm 1', 4, true, 'Nhà gần chợ', 1],
      ['Trần Văn Bảo', 'Xóm 1', 3, false, undefined, 0],
    ]);
    expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([
      {
        sheet: 'Thôn 5',
        row: 4,
        severity: 'error',
        message: 'err.idNumberInText',
        field: 'notes',
        column: 'Ghi chú',
      },
    ]);
    expect(plan.dropped.phone).toBe(1);
    expect(JSON.stringify(plan)).not.toContain('0912345678');
  });

  it('one row per person grouped by household number: an empty number continues the household', () => {
    const { plan } = planOf(
      grid([
        ['Số hộ', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Ghi chú'],
        [1, 'Nguyễn Văn An', 1958, 'Nam', null],
        [null, 'Trần Thị Bình', 1960, 'Nữ', null],
        [2, 'Lê Văn Chung', 1970, 'Nam', null],
        [null, null, 1995, 'Nữ', null],
        [null, 'Lê Thị Diệu', 1998, 'Nữ', 'SĐT mẹ 0912345678 — CMND 123456789'],
        [null, 'Lê Văn Đức', 2001, null, null],
      ]),
    );
    expect(plan.households.map((h) => [h.label, h.residents.map((r) => r.name)])).toEqual([
      ['Nguyễn Văn An', ['Nguyễn Văn An', 'Trần Thị Bình']],
      ['Lê Văn Chung', ['Lê Văn Chung', 'Lê Văn Đức']],
    ]);
    expect(plan.households[1]?.notes).toBeUndefined();
    expect(plan.issues.map((i) => [i.row, i.message, i.field])).toEqual([
      [6, 'err.idNumberInText', 'notes'],
      [5, 'import.err.noName', 'name'],
    ]);
    expect(plan.dropped.sex).toBe(5);
  });

  it('a "Thôn" column sends each row to its village, and an unknown one is an error', () => {
    const g = grid([
      ['Thôn', 'Mã hộ', 'Họ tên chủ hộ', 'Họ và tên', 'Năm sinh'],
      ['Thôn 5', 1, 'Nguyễn Văn An', 'Nguyễn Văn An', 1958],
      ['Thôn 9', 2, 'Trần Văn Bảo', 'Trần Văn Bảo', 1961],
    ]);
    const { plan } = planOf(g);
    expect(plan.households.map((h) => [h.label, h.villageId])).toEqual([['Nguyễn Văn An', V1]]);
    expect(plan.issues.map((i) => [i.row, i.message])).toEqual([[3, 'import.err.noVillage']]);
  });

  it('a sheet without a name column has no table', () => {
    expect(findLayout(grid([['Hướng dẫn nhập liệu'], ['Ghi tên chủ hộ ở cột B']]))).toBeUndefined();
    expect(findLayout(grid([]))).toBeUndefined();
  });
});

describe('duplicates and choices', () => {
  const g = grid([
    ['STT', 'Họ tên chủ hộ', 'Năm sinh', 'Xóm'],
    [1, 'Nguyễn Văn An', 1958, 'Xóm 1'],
    [2, 'Nguyễn Văn An', 1958, 'xóm  1'],
    [3, 'Trần Văn Bảo', 1961, 'Xóm 1'],
    [4, 'Lê Văn Chung', 1970, 'Xóm 2'],
  ]);
  const { plan } = planOf(g);
  const register = [{ id: 'h-bao', villageId: V1, label: 'Trần Văn Bảo', lane: 'Xóm 1' }];
  const groups = findDuplicateHouseholds(plan.households, register);

  it('groups look-alikes within the file and against the register', () => {
    expect(groups.map((x) => [x.households.length, x.existing?.id])).toEqual([
      [2, undefined],
      [1, 'h-bao'],
    ]);
  });

  it('skip keeps the first of a file group and nothing of a register group', () => {
    const write = resolveImport(plan.households, groups, {}, []);
    expect(write.create.map((c) => c.household.label)).toEqual(['Nguyễn Văn An', 'Lê Văn Chung']);
    expect(write.update).toEqual([]);
    expect(write.skipped).toEqual({ households: 2, residents: 2 });
  });

  it('add imports every row as new', () => {
    const choices = Object.fromEntries(groups.map((x) => [x.key, 'add' as const]));
    const write = resolveImport(plan.households, groups, choices, []);
    expect(writeCounts(write)).toEqual({ newHouseholds: 4, updatedHouseholds: 0, newResidents: 4 });
  });

  it('update brings the file into the register household, adding only people not there yet', () => {
    const choices = Object.fromEntries(groups.map((x) => [x.key, 'update' as const]));
    const present = [{ id: 'r1', householdId: 'h-bao', name: 'Trần Văn Bảo', birthYear: 1961 }];
    const write = resolveImport(plan.households, groups, choices, present);
    expect(write.update).toEqual([]);
    expect(write.unchanged).toBe(1);
    // Within the file, "update" merges the look-alikes into one household with one Nguyễn Văn An.
    expect(write.create.map((c) => [c.household.label, c.residents.length])).toEqual([
      ['Nguyễn Văn An', 1],
      ['Lê Văn Chung', 1],
    ]);
  });
});

describe('fields over several columns', () => {
  it('joins an address and notes written over several columns, in column order', () => {
    const { plan } = planOf(
      grid([
        ['STT', 'Họ tên chủ hộ', 'Năm sinh', 'Số nhà', 'Đường', 'Ghi chú', 'Ghi chú khác'],
        [1, 'Nguyễn Văn An', 1958, '12', 'Đường Trục Thôn', 'Nhà gần chợ', 'Có con nhỏ'],
        [2, 'Trần Văn Bảo', 1960, null, 'Đường Đê', null, 'Ở một mình'],
      ]),
    );
    expect(plan.households.map((h) => [h.address, h.notes])).toEqual([
      ['12, Đường Trục Thôn', 'Nhà gần chợ; Có con nhỏ'],
      ['Đường Đê', 'Ở một mình'],
    ]);
  });
});

describe('what the breaker found (issue 17 review)', () => {
  it('a person named Tống or Cộng is a person, not a total; "Tổng cộng" still ends the table', () => {
    const { plan, skipped } = planOf(
      grid([
        ['STT', 'Họ tên chủ hộ', 'Năm sinh', 'Xóm'],
        [1, 'Tống Văn Công', 1958, 'Xóm 1'],
        [2, 'Cộng Văn Hòa', 1960, 'Xóm 1'],
        [3, 'Tổng Thị Lan', 1970, 'Xóm 1'],
        ['Cộng xóm 1: 3 hộ'],
        [4, 'Lê Văn Dũng', 1980, 'Xóm 2'],
        ['Tổng cộng: 4 hộ'],
        [5, 'Người sau bảng', 1990, null],
      ]),
    );
    expect(plan.households.map((h) => h.label)).toEqual([
      'Tống Văn Công',
      'Cộng Văn Hòa',
      'Tổng Thị Lan',
      'Lê Văn Dũng',
    ]);
    expect(skipped.subtotal).toBe(2);
  });

  it('a section line in capitals gives the lane as a lane is written', () => {
    const { plan } = planOf(
      grid([['STT', 'Họ tên chủ hộ', 'Năm sinh'], ['XÓM ĐÔNG'], [1, 'Nguyễn Văn An', 1958]]),
    );
    expect(plan.households[0]?.lane).toBe('Xóm Đông');
  });

  it('a refused household takes its people with it, each row saying why', () => {
    const { plan } = planOf(
      grid([
        ['Số hộ', 'Họ tên chủ hộ', 'Họ và tên', 'Năm sinh'],
        [1, 'Nguyễn Văn An 001058012345', 'Nguyễn Văn An', 1958],
        [null, null, 'Trần Thị Bình', 1960],
      ]),
    );
    expect(plan.households).toEqual([]);
    expect(plan.issues.map((i) => [i.row, i.message])).toEqual([
      [2, 'err.idNumberInText'],
      [3, 'import.err.householdRefused'],
    ]);
  });

  it('an update changes only what the file gives: no blank, no made-up count, no note over the team’s', () => {
    const { plan } = planOf(
      grid([
        ['STT', 'Họ tên chủ hộ', 'Năm sinh', 'Xóm', 'Số nhân khẩu', 'Hộ nghèo', 'Ghi chú'],
        [1, 'Nguyễn Văn An', 1958, 'Xóm 1', null, null, 'Ghi chú từ tệp'],
      ]),
    );
    const existing = {
      id: 'h-an',
      villageId: V1,
      label: 'Nguyễn Văn An',
      lane: 'Xóm 1',
      membersCount: 4,
      poor: true,
      notes: 'Nhà cạnh đình',
    };
    const groups = findDuplicateHouseholds(plan.households, [existing]);
    const write = resolveImport(plan.households, groups, { [groups[0]?.key as string]: 'update' }, []);
    expect(write.update).toEqual([
      {
        householdId: 'h-an',
        villageId: V1,
        changes: {},
        residents: [
          { key: 'Thôn 5!2', source: { sheet: 'Thôn 5', row: 2 }, name: 'Nguyễn Văn An', birthYear: 1958 },
        ],
      },
    ]);
  });

  it('notes about single people in a list of people are counted, not kept', () => {
    const { plan } = planOf(
      grid([
        ['Số hộ', 'Họ và tên', 'Năm sinh', 'Ghi chú'],
        [1, 'Nguyễn Văn An', 1958, 'Khuyết tật vận động'],
        [null, 'Nguyễn Văn Bình', 1985, 'Số ĐT con trai: 0987654321'],
      ]),
    );
    expect(plan.households[0]?.notes).toBeUndefined();
    expect(plan.dropped.personNotes).toBe(2);
    expect(JSON.stringify(plan)).not.toContain('0987654321');
    expect(JSON.stringify(plan)).not.toContain('Khuyết tật');
  });
});
