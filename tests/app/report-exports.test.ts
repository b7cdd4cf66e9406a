/**
 * The quarterly report's exports (issue 19, item 5), each read back the way its reader would: the XLSX
 * with SheetJS (typed cells, a sheet per village, frozen top rows, legal sheet names), the CSV with
 * papaparse (BOM, Vietnamese intact, numbers that parse, missing as empty), the DOCX unzipped (A4,
 * Times New Roman, the NĐ30 header, figures, "Nơi nhận", the signer), and the file names.
 */
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { reportCsv } from '../../src/app/features/report/export/csv';
import { A4, reportDocx } from '../../src/app/features/report/export/docx';
import { reportFileName } from '../../src/app/features/report/export/file-names';
import { exportReport, REPORT_MIME } from '../../src/app/features/report/export/index';
import { reportXlsx, uniqueSheetName } from '../../src/app/features/report/export/xlsx';
import { VIETNAM_OFFSET_MINUTES } from '../../src/core/dates';
import type { QuarterReport } from '../../src/core/report/types';
import { sampleCommuneReport } from '../fixtures/report/sample-report';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The serial a spreadsheet stores for `iso` shown in Vietnam's wall-clock time. */
function vietnamSerial(iso: string): number {
  return (Date.parse(iso) + VIETNAM_OFFSET_MINUTES * 60_000 - EXCEL_EPOCH_MS) / 86_400_000;
}

/** One file's text out of a ZIP package (xlsx, docx), through SheetJS's own ZIP reader. */
function zipEntry(bytes: Uint8Array, path: string): string {
  const cfb = XLSX.CFB.read(bytes, { type: 'array' }) as unknown;
  const entry = XLSX.CFB.find(cfb, `/${path}`) as { content: Uint8Array } | null;
  if (!entry) throw new Error(`${path} is not in the package`);
  return new TextDecoder().decode(entry.content);
}

function cell(sheet: XLSX.WorkSheet, address: string): XLSX.CellObject {
  const found = sheet[address] as XLSX.CellObject | undefined;
  if (!found) throw new Error(`no cell ${address}`);
  return found;
}

/** The row (1-based) whose column A holds `text`. */
function rowWith(sheet: XLSX.WorkSheet, text: string, column = 'A'): number {
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1');
  for (let r = range.s.r + 1; r <= range.e.r + 1; r++) {
    if ((sheet[`${column}${r}`] as XLSX.CellObject | undefined)?.v === text) return r;
  }
  throw new Error(`no row with ${text}`);
}

describe('XLSX', () => {
  const report = sampleCommuneReport();

  it('has the summary, a sheet per village and the units sheet', async () => {
    const book = XLSX.read(await reportXlsx(report), { type: 'array' });
    expect(book.SheetNames).toEqual(['Tổng hợp', 'Thôn Nà Mọ', 'Thôn Bản Chang', 'Đơn vị']);
  });

  it('writes counts as numbers, shares as 0–1 percent cells, and a missing figure as an empty cell', async () => {
    const book = XLSX.read(await reportXlsx(report), { type: 'array', cellNF: true });
    const sheet = book.Sheets['Tổng hợp'];
    if (!sheet) throw new Error('no summary sheet');
    const c = rowWith(sheet, 'c');
    expect(cell(sheet, `B${c}`).v).toBe('Người trưởng thành có kiến thức, kỹ năng số cơ bản');
    expect(cell(sheet, `E${c}`)).toMatchObject({ t: 'n', v: 1234 });
    expect(cell(sheet, `F${c}`)).toMatchObject({ t: 'n', v: 1580 });
    expect(cell(sheet, `H${c}`)).toMatchObject({ t: 'n', v: 267 });
    const percent = cell(sheet, `G${c}`);
    expect(percent.t).toBe('n');
    expect(percent.v as number).toBeCloseTo(0.781, 10);
    expect(percent.z).toContain('%');
    expect(cell(sheet, `C${c}`).v as number).toBeCloseTo(0.95, 10);
    expect(cell(sheet, `J${c}`).v).toBe('Số liệu chính thức của thôn');

    const a = rowWith(sheet, 'a');
    for (const column of ['E', 'F', 'G', 'H']) expect(sheet[`${column}${a}`]).toBeUndefined();
    expect(cell(sheet, `J${a}`).v).toBe('Chưa báo cáo');
    expect(cell(sheet, `K${a}`)).toMatchObject({ t: 'n', v: 12 });
    expect(cell(sheet, `L${a}`)).toMatchObject({ t: 'n', v: 15 });
    const dd = rowWith(sheet, 'đ');
    expect(cell(sheet, `N${dd}`).v).toBe('Hợp tác xã Chè Tân Lập');

    const visited = rowWith(sheet, 'households.visitedInPeriod');
    expect(cell(sheet, `C${visited}`)).toMatchObject({ t: 'n', v: 312 });
    expect(cell(sheet, `D${visited}`)).toMatchObject({ t: 'n', v: 1046 });
    const mooc = rowWith(sheet, 'mooc.learners');
    expect(sheet[`C${mooc}`]).toBeUndefined();

    const elderly = rowWith(sheet, 'elderly');
    expect(cell(sheet, `D${elderly}`)).toMatchObject({ t: 'n', v: 62 });
    const news = rowWith(sheet, 'news_post');
    expect(cell(sheet, `D${news}`)).toMatchObject({ t: 'n', v: 3400 });
  });

  it('lists the 20 tasks in order with their results', async () => {
    const book = XLSX.read(await reportXlsx(report), { type: 'array' });
    const sheet = book.Sheets['Tổng hợp'];
    if (!sheet) throw new Error('no summary sheet');
    const header = rowWith(sheet, 'STT');
    const numbers = Array.from({ length: 20 }, (_, i) => cell(sheet, `A${header + 1 + i}`));
    expect(numbers.map((n) => n.v)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(numbers.every((n) => n.t === 'n')).toBe(true);
    expect(cell(sheet, `C${header + 1}`).v).toBe('I. Công tác truyền thông và tuyên truyền');
    expect(cell(sheet, `F${header + 1}`).v).toBe(report.tasks[0]?.result);
    expect(cell(sheet, `E${header + 15}`).v).toBe('Số buổi học cộng đồng: 18\nLượt người học: 1234');
  });

  it('writes instants as date cells in Vietnam time', async () => {
    const bytes = await reportXlsx(report);
    const sheet = XLSX.read(bytes, { type: 'array', cellNF: true }).Sheets['Tổng hợp'];
    if (!sheet) throw new Error('no summary sheet');
    const composed = cell(sheet, 'J2');
    expect(cell(sheet, 'I2').v).toBe('Lập lúc');
    expect(composed.t).toBe('n');
    expect(composed.v as number).toBeCloseTo(vietnamSerial(report.composedAt), 6);
    expect(composed.z).toMatch(/yyyy/);
    expect(cell(sheet, 'L2').v as number).toBeCloseTo(vietnamSerial(report.submittedAt ?? ''), 6);
    const dated = XLSX.read(bytes, { type: 'array', cellDates: true }).Sheets['Tổng hợp'];
    expect(dated?.J2?.t).toBe('d');
    const units = XLSX.read(bytes, { type: 'array' }).Sheets['Đơn vị'];
    if (!units) throw new Error('no units sheet');
    expect(cell(units, 'S3').v as number).toBeCloseTo(vietnamSerial('2025-12-28T02:30:00.000Z'), 6);
  });

  it('gives each village its own indicators, figures and classes', async () => {
    const book = XLSX.read(await reportXlsx(report), { type: 'array' });
    const sheet = book.Sheets['Thôn Bản Chang'];
    if (!sheet) throw new Error('no village sheet');
    expect(cell(sheet, 'A1').v).toBe('Thôn Bản Chang – Quý IV/2025');
    expect(cell(sheet, 'D2').v).toBe('Chưa gửi');
    const c = rowWith(sheet, 'c');
    expect(cell(sheet, `E${c}`)).toMatchObject({ t: 'n', v: 594 });
    expect(cell(sheet, `F${c}`)).toMatchObject({ t: 'n', v: 760 });
    expect(cell(sheet, `G${c}`).v as number).toBeCloseTo(0.782, 10);
    const visited = rowWith(sheet, 'households.visitedInPeriod');
    expect(cell(sheet, `C${visited}`).v).toBe(144);
    const elderly = rowWith(sheet, 'elderly');
    expect(cell(sheet, `C${elderly}`).v).toBe(4);
  });

  it('lists every unit with its counts, a unit without figures as "Chưa báo cáo"', async () => {
    const book = XLSX.read(await reportXlsx(report), { type: 'array' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Đơn vị'] as XLSX.WorkSheet, {
      range: 1,
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      'Cơ quan, đơn vị': 'Trường THCS Thượng Quan',
      Loại: 'Trường học',
      'HS THCS': 412,
      'HS THCS đạt': 398,
      'Số lớp tập huấn': 3,
      'Số liệu quý': 'Đã báo cáo',
      'Báo cáo của đơn vị': 'Đã gửi',
    });
    expect(rows[1]).toMatchObject({
      'Cơ quan, đơn vị': 'Hợp tác xã Chè Tân Lập',
      'Số liệu quý': 'Chưa báo cáo',
    });
    expect(rows[1]).not.toHaveProperty('Người lao động');
  });

  it('freezes the top rows of every sheet and makes the header bold', async () => {
    const bytes = await reportXlsx(report);
    for (const n of [1, 2, 3, 4]) {
      const xml = zipEntry(bytes, `xl/worksheets/sheet${n}.xml`);
      expect(xml).toMatch(/<pane [^>]*ySplit="2"[^>]*state="frozen"/);
    }
    const units = XLSX.read(bytes, { type: 'array', cellStyles: true }).Sheets['Đơn vị'];
    expect(cell(units as XLSX.WorkSheet, 'A2').v).toBe('Cơ quan, đơn vị');
    expect(zipEntry(bytes, 'xl/styles.xml')).toContain('<b/>');
  });

  it('names sheets as Excel allows: no []:*?/\\, at most 31 characters, unique', async () => {
    const long = 'Thôn Khuổi Dủm [Nà Pài]: Xóm Trên / Dưới?';
    const taken = new Set<string>(['tổng hợp']);
    const first = uniqueSheetName(long, taken);
    const second = uniqueSheetName(`${long} khác`, taken);
    expect(first).toBe('Thôn Khuổi Dủm Nà Pài Xóm Trên');
    expect(second).toBe('Thôn Khuổi Dủm Nà Pài Xóm T (2)');
    for (const name of [first, second]) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(uniqueSheetName('Tổng hợp', taken)).toBe('Tổng hợp (2)');
    expect(uniqueSheetName("'History'", new Set())).toBe('Thôn');

    const villages = [long, `${long} khác`].map((name, i) => ({
      ...(report.villages[0] as QuarterReport['villages'][number]),
      villageId: `v${i}`,
      name,
    }));
    const book = XLSX.read(await reportXlsx({ ...report, villages }), { type: 'array' });
    expect(book.SheetNames).toEqual(['Tổng hợp', first, second, 'Đơn vị']);
  });
});

describe('CSV', () => {
  const report = sampleCommuneReport();
  const text = reportCsv(report);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;

  it('starts with the BOM and ends lines with CRLF', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n').length).toBe(parsed.data.length + 1);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('has one row per indicator of the commune, of each village, and each unit’s a, b, đ', () => {
    expect(header).toEqual([
      'Kỳ',
      'Cấp',
      'Tên',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Mục tiêu (%)',
      'Kết quả (người)',
      'Mẫu số (người)',
      'Tỷ lệ (%)',
      'Còn thiếu (người)',
      'Nguồn mẫu số',
    ]);
    expect(rows.map((r) => `${r[1]}|${r[2]}|${r[3]}`)).toEqual([
      ...['a', 'b', 'c', 'd', 'đ', 'id'].map((code) => `xã|xã Thượng Quan|${code}`),
      ...['c', 'd', 'id'].map((code) => `thôn|Thôn Nà Mọ|${code}`),
      ...['c', 'd', 'id'].map((code) => `thôn|Thôn Bản Chang|${code}`),
      'đơn vị|Trường THCS Thượng Quan|b',
      'đơn vị|Hợp tác xã Chè Tân Lập|đ',
    ]);
  });

  it('writes numbers that parse, with a dot decimal, and a missing figure as empty with "Chưa báo cáo"', () => {
    const id = rows.find((r) => r[1] === 'xã' && r[3] === 'id') ?? [];
    expect(id.slice(5, 10).map(Number)).toEqual([100, 1767, 1850, 95.5, 83]);
    expect(id[8]).toBe('95.5');
    const a = rows.find((r) => r[1] === 'xã' && r[3] === 'a') ?? [];
    expect(a.slice(6, 11)).toEqual(['', '', '', '', 'Chưa báo cáo']);
    const schoolRow = rows.find((r) => r[2] === 'Trường THCS Thượng Quan') ?? [];
    expect(schoolRow.slice(5, 11)).toEqual(['100', '398', '412', '96.6', '14', 'Báo cáo của đơn vị']);
    const coopRow = rows.find((r) => r[2] === 'Hợp tác xã Chè Tân Lập') ?? [];
    expect(coopRow.slice(6, 11)).toEqual(['', '', '', '', 'Chưa báo cáo']);
    expect(rows.find((r) => r[2] === 'Thôn Bản Chang' && r[3] === 'c')?.[8]).toBe('78.2');
  });

  it('keeps Vietnamese intact and disarms a name that reads as a formula', () => {
    expect(text).toContain('Thượng Quan');
    expect(rows[0]?.[0]).toBe('2025-Q4');
    const hostile = reportCsv({
      ...report,
      units: [{ ...(report.units[1] as QuarterReport['units'][number]), name: '=HYPERLINK("x")' }],
    });
    expect(hostile).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('DOCX', () => {
  const report = sampleCommuneReport();

  it('is an A4 Word document in Times New Roman with the NĐ30 header, figures, recipients and signer', async () => {
    const xml = zipEntry(await reportDocx(report), 'word/document.xml');
    expect(xml).toContain(`w:w="${A4.width}"`);
    expect(xml).toContain(`w:h="${A4.height}"`);
    expect(xml).toMatch(/<w:pgMar [^>]*w:left="1701"/);
    expect(xml).toContain('Times New Roman');
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(xml).toContain('>ỦY BAN NHÂN DÂN</w:t>');
    expect(xml).toContain('>XÃ THƯỢNG QUAN</w:t>');
    expect(xml).toContain('Thượng Quan, ngày 05 tháng 01 năm 2026');
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain('Kết quả thực hiện Phong trào “Bình dân học vụ số” – Quý IV/2025');
    expect(xml).toContain('1.234/1.580');
    expect(xml).toContain('95,5%');
    expect(xml).toContain('Chưa báo cáo');
    expect(xml).toContain('Nhiệm vụ 20. Mô hình “Tổ công nghệ số cộng đồng”');
    expect(xml).toContain('Nơi nhận:');
    expect(xml).toContain('- Lưu: VT, VHXH.');
    expect(xml).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(xml).toContain('Phan Văn Tố');
    // The number's blanks survive as spaces for the clerk to fill in.
    expect(xml).toMatch(/<w:t xml:space="preserve">Số: {6}\/BC-UBND<\/w:t>/);
  });
});

describe('exportReport', () => {
  const report = sampleCommuneReport();

  it.each([
    ['xlsx', 'bao-cao-quy-4-2025-xa-thuong-quan.xlsx'],
    ['docx', 'bao-cao-quy-4-2025-xa-thuong-quan.docx'],
    ['csv', 'bao-cao-quy-4-2025-xa-thuong-quan.csv'],
  ] as const)('makes the %s file with its name and type', async (format, fileName) => {
    const done = await exportReport(report, format);
    expect(done.fileName).toBe(fileName);
    expect(done.mime).toBe(REPORT_MIME[format]);
    expect(done.blob.type).toBe(REPORT_MIME[format]);
    const bytes = new Uint8Array(await done.blob.arrayBuffer());
    if (format === 'csv') expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // XLSX and DOCX are ZIP packages: "PK".
    else expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });
});

describe('reportFileName', () => {
  const report = sampleCommuneReport();

  it('folds the scope to lower-case ASCII words and marks a correction', () => {
    expect(reportFileName({ ...report, level: 'village', scopeName: 'Thôn Nà Mọ' }, 'docx')).toBe(
      'bao-cao-quy-4-2025-thon-na-mo.docx',
    );
    expect(reportFileName({ ...report, level: 'unit', scopeName: 'Trường THCS Thượng Quan' }, 'csv')).toBe(
      'bao-cao-quy-4-2025-truong-thcs-thuong-quan.csv',
    );
    expect(
      reportFileName({ ...report, scopeName: 'Đoàn Thanh niên xã', level: 'unit', version: 2 }, 'xlsx'),
    ).toBe('bao-cao-quy-4-2025-doan-thanh-nien-xa-v2.xlsx');
    expect(
      reportFileName({ ...report, quarter: 1, year: 2026, period: '2026-Q1', scopeName: '!!!' }, 'csv'),
    ).toBe('bao-cao-quy-1-2026-xa.csv');
  });
});
