import { describe, expect, it } from 'vitest';
import { REGISTER_COLUMNS } from '../../src/core/import/register-columns';
import {
  communeRegisterRows,
  type ExportHousehold,
  type ExportResident,
  registerCounts,
  registerCsv,
  registerFileName,
  registerRows,
  registerSheets,
  SHEET_NAME_MAX,
  sheetNames,
  UTF8_BOM,
} from '../../src/core/import/register-export';

const AT = '2026-11-25T08:00:00.000Z';
const HEADER = [
  'STT',
  'Mã hộ',
  'Họ tên chủ hộ',
  'Xóm/Ngõ',
  'Địa chỉ',
  'Số nhân khẩu',
  'Hộ nghèo',
  'Họ và tên',
  'Năm sinh',
  'Ghi chú',
];

function house(id: string, label: string, extra: Partial<ExportHousehold> = {}): ExportHousehold {
  return { id, label, membersCount: 1, poor: false, ...extra };
}
function person(householdId: string, name: string, birthYear: number, extra: Partial<ExportResident> = {}) {
  return { id: `r-${name}`, householdId, name, birthYear, createdAt: AT, ...extra } satisfies ExportResident;
}

/**
 * Xóm Trên is walked first (the team's lane order), then Xóm 2 before Xóm 10 (numeric), then the
 * houses without a lane. Within Xóm Trên, house "b" was placed first by the team (walkOrder).
 */
const village = { name: 'Thôn Nà Pài', laneOrder: ['Xóm Trên'] };
const households: ExportHousehold[] = [
  house('a', 'Nông Văn Tâm', {
    lane: 'Xóm Trên',
    address: 'Số 5',
    membersCount: 3,
    poor: true,
    notes: 'Gọi trước khi đến',
  }),
  house('b', 'Hoàng Văn Bắc', { lane: 'Xóm Trên', address: 'Số 9', walkOrder: 1, membersCount: 2 }),
  house('c', 'Lý Thị Mai', { lane: 'Xóm 10', membersCount: 1 }),
  house('d', 'Triệu Văn Đức', { lane: 'Xóm 2', membersCount: 2 }),
  house('e', 'Mã Văn Sơn', { membersCount: 1 }),
  house('gone', 'Hộ đã chuyển đi', { lane: 'Xóm Trên', deletedAt: AT }),
];
const residents: ExportResident[] = [
  person('a', 'Nông Thị Hoa', 1990),
  person('a', 'Nông Văn Tâm', 1958),
  person('a', 'Nông Văn Bình', 2015, { deletedAt: AT }),
  person('b', 'Hoàng Văn Bắc', 1970),
  person('d', 'Triệu Văn Đức', 1965),
  person('d', 'Triệu Thị Lan', 1968),
  person('gone', 'Người hộ đã xoá', 1980),
  person('e', 'Mã Văn Sơn', 1949),
];

describe('registerRows', () => {
  const rows = registerRows(village, households, residents);

  it('writes the contract header, then one row per live resident in walking order', () => {
    expect(rows[0]).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1)).toEqual([
      [1, 1, 'Hoàng Văn Bắc', 'Xóm Trên', 'Số 9', 2, '', 'Hoàng Văn Bắc', 1970, ''],
      [2, 2, 'Nông Văn Tâm', 'Xóm Trên', 'Số 5', 3, 'x', 'Nông Văn Tâm', 1958, 'Gọi trước khi đến'],
      [3, 2, 'Nông Văn Tâm', 'Xóm Trên', 'Số 5', 3, 'x', 'Nông Thị Hoa', 1990, 'Gọi trước khi đến'],
      [4, 3, 'Triệu Văn Đức', 'Xóm 2', '', 2, '', 'Triệu Văn Đức', 1965, ''],
      [5, 3, 'Triệu Văn Đức', 'Xóm 2', '', 2, '', 'Triệu Thị Lan', 1968, ''],
      [6, 4, 'Lý Thị Mai', 'Xóm 10', '', 1, '', '', '', ''],
      [7, 5, 'Mã Văn Sơn', '', '', 1, '', 'Mã Văn Sơn', 1949, ''],
    ]);
  });

  it('types STT, household number, members count and birth year as numbers, everything else as text', () => {
    for (const row of rows.slice(1)) {
      expect(row.map((cell) => typeof cell)).toEqual(
        HEADER.map((h, i) =>
          ['STT', 'Mã hộ', 'Số nhân khẩu'].includes(h) || (h === 'Năm sinh' && row[i] !== '')
            ? 'number'
            : 'string',
        ),
      );
    }
  });

  it('leaves out deleted households and residents, and the residents of deleted households', () => {
    const text = JSON.stringify(rows);
    expect(text).not.toContain('Hộ đã chuyển đi');
    expect(text).not.toContain('Người hộ đã xoá');
    expect(text).not.toContain('Nông Văn Bình');
  });

  it('follows a lane order given by the caller over the village’s own', () => {
    const other = registerRows(village, households, residents, ['Xóm 10', 'Xóm Trên']);
    expect(other.slice(1).map((r) => [r[1], r[2]])).toEqual([
      [1, 'Lý Thị Mai'],
      [2, 'Hoàng Văn Bắc'],
      [3, 'Nông Văn Tâm'],
      [3, 'Nông Văn Tâm'],
      [4, 'Triệu Văn Đức'],
      [4, 'Triệu Văn Đức'],
      [5, 'Mã Văn Sơn'],
    ]);
  });

  it('writes a header only for a village with no live household', () => {
    expect(registerRows(village, [households[5] as ExportHousehold], residents)).toEqual([HEADER]);
  });

  it('carries no column beyond the contract: no sex, phone, groups, ethnicity, consent or ids', () => {
    const sensitive = {
      ...house('z', 'Hộ có số điện thoại', { membersCount: 1 }),
      phone: '0912345678',
      ethnicMinority: true,
    };
    const out = registerRows(
      { name: 'T' },
      [sensitive],
      [{ ...person('z', 'Người có đồng ý', 1980), sex: 'female', groups: ['trader'] } as ExportResident],
    );
    const text = JSON.stringify(out);
    expect(out.every((row) => row.length === HEADER.length)).toBe(true);
    for (const leak of ['0912345678', 'female', 'trader', '"z"', 'r-Người']) expect(text).not.toContain(leak);
  });

  it('counts what it exports', () => {
    expect(registerCounts([{ village, households, residents }])).toEqual({ households: 5, residents: 6 });
  });
});

describe('commune-wide', () => {
  const second = {
    village: { name: 'Thôn Bản Mới' },
    households: [house('m', 'Hà Văn Mạnh', { membersCount: 1 })],
    residents: [person('m', 'Hà Văn Mạnh', 1980)],
  };

  it('CSV: a "Thôn" column first, household numbers per village, STT over the whole file', () => {
    const rows = communeRegisterRows([{ village, households, residents }, second]);
    expect(rows[0]).toEqual(['Thôn', ...HEADER]);
    expect(rows).toHaveLength(1 + 7 + 1);
    expect(rows[1]?.slice(0, 3)).toEqual(['Thôn Nà Pài', 1, 1]);
    expect(rows[7]?.slice(0, 3)).toEqual(['Thôn Nà Pài', 7, 5]);
    expect(rows[8]).toEqual(['Thôn Bản Mới', 8, 1, 'Hà Văn Mạnh', '', '', 1, '', 'Hà Văn Mạnh', 1980, '']);
  });

  it('XLSX: one sheet per village, each numbered from 1', () => {
    const sheets = registerSheets([{ village, households, residents }, second]);
    expect(sheets.map((s) => s.name)).toEqual(['Thôn Nà Pài', 'Thôn Bản Mới']);
    expect(sheets[1]?.rows).toEqual([HEADER, [1, 1, 'Hà Văn Mạnh', '', '', 1, '', 'Hà Văn Mạnh', 1980, '']]);
  });
});

describe('sheetNames', () => {
  it('replaces the characters Excel refuses and trims apostrophes at the ends', () => {
    expect(sheetNames(['Thôn [1]: Nà/Pài\\*?', "'Xóm Mới'"])).toEqual(['Thôn 1 Nà Pài', 'Xóm Mới']);
  });

  it('cuts to 31 characters and keeps names unique (case-insensitively) within the limit', () => {
    const long = 'Thôn Khuổi Hóp Nà Pài Bản Mới Thượng Quan';
    const names = sheetNames([long, long, 'thôn 1', 'Thôn 1', '', '???', 'History']);
    expect(names[0]).toBe(long.slice(0, SHEET_NAME_MAX));
    expect(names[1]).toBe(`${long.slice(0, SHEET_NAME_MAX - 4).trimEnd()} (2)`);
    expect(names.slice(2)).toEqual(['thôn 1', 'Thôn 1 (2)', 'Thôn', 'Thôn (2)', 'History (2)']);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it('never cuts a character in half', () => {
    const [name] = sheetNames([`${'x'.repeat(30)}🙂`]);
    expect(name).toBe('x'.repeat(30));
  });
});

describe('registerCsv', () => {
  it('starts with the UTF-8 byte-order mark and ends every row with CRLF', () => {
    const csv = registerCsv([HEADER, [1, 1, 'Nông Văn Tâm', '', '', 3, 'x', 'Nông Thị Hoa', 1990, '']]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.codePointAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe(
      'STT,Mã hộ,Họ tên chủ hộ,Xóm/Ngõ,Địa chỉ,Số nhân khẩu,Hộ nghèo,Họ và tên,Năm sinh,Ghi chú\r\n' +
        '1,1,Nông Văn Tâm,,,3,x,Nông Thị Hoa,1990,\r\n',
    );
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const csv = registerCsv([['Số 5, ngõ 2', 'Ông "Tư"', 'dòng 1\ndòng 2', 'dòng\r\nhai', 'thường']]);
    expect(csv).toBe(`${UTF8_BOM}"Số 5, ngõ 2","Ông ""Tư""","dòng 1\ndòng 2","dòng\r\nhai",thường\r\n`);
  });

  it('makes text that a spreadsheet would run as a formula plain text, and leaves numbers alone', () => {
    const csv = registerCsv([['=HYPERLINK("http://x")', '+84', '- gọi lại', '@sum', 'Bình thường', -1]]);
    expect(csv).toBe(`${UTF8_BOM}"'=HYPERLINK(""http://x"")",'+84,'- gọi lại,'@sum,Bình thường,-1\r\n`);
  });
});

describe('registerFileName', () => {
  it('names a village’s file by its name without diacritics, and the commune’s "toan-xa"', () => {
    expect(registerFileName({ villageName: 'Thôn Nà Pài' }, '2026-11-25', 'xlsx')).toBe(
      'so-ho-thon-na-pai-2026-11-25.xlsx',
    );
    expect(registerFileName({ villageName: 'Đồng Tâm / Khuổi Hóp (mới)' }, '2026-11-25', 'csv')).toBe(
      'so-ho-dong-tam-khuoi-hop-moi-2026-11-25.csv',
    );
    expect(registerFileName({ villageName: '???' }, '2026-11-25', 'csv')).toBe('so-ho-thon-2026-11-25.csv');
    expect(registerFileName('commune', '2026-11-25', 'xlsx')).toBe('so-ho-toan-xa-2026-11-25.xlsx');
  });
});
