/**
 * The quarterly report as an administrative document (issue 19, item 5): the NĐ30 frame (number,
 * motto, date line by the decree's leading-zero rule), the body's sections in the plan's order, the
 * 20 tasks in order, and a figure nobody reported printed "Chưa báo cáo", never 0%.
 */
import { describe, expect, it } from 'vitest';
import { documentNumber, reportDocument } from '../../src/core/report/document';
import { documentDateLine, formatNumber, formatPercent } from '../../src/core/report/labels';
import type { DocumentBlock, QuarterReport } from '../../src/core/report/types';
import { unitCounts } from '../../src/core/report/unit-counts';
import { sampleCommuneReport, school } from '../fixtures/report/sample-report';

function tables(blocks: DocumentBlock[]) {
  return blocks.filter((b): b is Extract<DocumentBlock, { kind: 'table' }> => b.kind === 'table');
}

function texts(blocks: DocumentBlock[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'table' ? [] : [b.text]));
}

function rowOf(blocks: DocumentBlock[], header0: string, first: string) {
  const table = tables(blocks).find((t) => t.header[0] === header0);
  const row = table?.rows.find((r) => String(r[0]).startsWith(first));
  if (!row) throw new Error(`no row ${first} in table ${header0}`);
  return row;
}

describe('the date line (Nghị định 30/2020/NĐ-CP: a 0 before days under 10 and months 1 and 2)', () => {
  it.each([
    ['2025-11-05', 'Thượng Quan, ngày 05 tháng 11 năm 2025'],
    ['2026-02-15', 'Thượng Quan, ngày 15 tháng 02 năm 2026'],
    ['2025-12-20', 'Thượng Quan, ngày 20 tháng 12 năm 2025'],
    ['2026-01-05', 'Thượng Quan, ngày 05 tháng 01 năm 2026'],
    ['2025-08-09', 'Thượng Quan, ngày 09 tháng 8 năm 2025'],
    ['2025-10-10', 'Thượng Quan, ngày 10 tháng 10 năm 2025'],
    ['2025-03-31', 'Thượng Quan, ngày 31 tháng 3 năm 2025'],
  ])('%s → %s', (date, line) => {
    expect(documentDateLine('Thượng Quan', date)).toBe(line);
  });

  it('leaves blanks to be filled by hand when the date is not set', () => {
    expect(documentDateLine('Thượng Quan', '')).toMatch(/^Thượng Quan, ngày {2,}tháng {2,}năm/);
  });
});

describe('Vietnamese numbers', () => {
  it('groups thousands with dots and writes decimals after a comma', () => {
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(12)).toBe('12');
    expect(formatPercent(95.5)).toBe('95,5%');
    expect(formatPercent(82)).toBe('82%');
    expect(formatPercent(78.04)).toBe('78%');
  });
});

describe('reportDocument', () => {
  const report = sampleCommuneReport();
  const doc = reportDocument(report);

  it('has the NĐ30 header: upper-case issuing body, the number left blank for the clerk, the motto', () => {
    expect(doc.header.issuingBody).toBe('ỦY BAN NHÂN DÂN\nXÃ THƯỢNG QUAN');
    expect(doc.header.superiorBody).toBe('');
    expect(doc.header.number).toBe('Số:      /BC-UBND');
    expect(doc.header.motto).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(doc.header.subMotto).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(doc.header.dateLine).toBe('Thượng Quan, ngày 05 tháng 01 năm 2026');
    expect(doc.kind).toBe('BÁO CÁO');
  });

  it('numbers the document when a number is given', () => {
    expect(documentNumber('12', 'commune')).toBe('Số: 12/BC-UBND');
    expect(documentNumber('07/BC-UBND', 'commune')).toBe('Số: 07/BC-UBND');
    expect(documentNumber('3', 'village')).toBe('Số: 3/BC');
    const village = reportDocument({
      ...report,
      level: 'village',
      document: { ...report.document, superiorBody: 'UBND xã Thượng Quan', issuingBody: 'Thôn Nà Mọ' },
    });
    expect(village.header.superiorBody).toBe('UBND XÃ THƯỢNG QUAN');
    expect(village.header.issuingBody).toBe('THÔN NÀ MỌ');
    expect(village.header.number).toBe('Số:      /BC');
  });

  it('titles the report without repeating "Báo cáo" (the kind line says it)', () => {
    expect(doc.title).toBe('Kết quả thực hiện Phong trào “Bình dân học vụ số” – Quý IV/2025');
  });

  it('has sections I to V in order', () => {
    const level1 = doc.body.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => texts([b])[0]);
    expect(level1).toEqual([
      'I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
      'II. KẾT QUẢ TRIỂN KHAI',
      'III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ',
      'IV. KHÓ KHĂN, VƯỚNG MẮC',
      'V. ĐỀ XUẤT, KIẾN NGHỊ',
    ]);
  });

  it('prints the indicators in Vietnamese numbers, and a missing one as "Chưa báo cáo", never 0%', () => {
    const c = rowOf(doc.body, 'Chỉ tiêu', 'c)');
    expect(c).toEqual([
      'c) Người trưởng thành có kiến thức, kỹ năng số cơ bản',
      '95%',
      '1.234/1.580',
      '78,1%',
      '267 người',
      'Số liệu chính thức của thôn',
    ]);
    expect(rowOf(doc.body, 'Chỉ tiêu', 'd)').slice(1, 5)).toEqual([
      'trên 80%',
      '1.302/1.580',
      '82,4%',
      'Đạt',
    ]);
    expect(rowOf(doc.body, 'Chỉ tiêu', 'Định danh').slice(2, 4)).toEqual(['1.767/1.850', '95,5%']);
    const a = rowOf(doc.body, 'Chỉ tiêu', 'a)');
    expect(a.slice(2)).toEqual(['Chưa báo cáo', '–', '–', 'Chưa báo cáo']);
    const dd = rowOf(doc.body, 'Chỉ tiêu', 'đ)');
    expect(dd.slice(2)).toEqual(['Chưa báo cáo', '–', '–', 'Chưa báo cáo']);
    const everyCell = tables(doc.body).flatMap((t) => t.rows.flat().map(String));
    expect(everyCell.filter((cell) => /^0([,.]0)?%$/.test(cell))).toEqual([]);
  });

  it("sets the register's a, b and đ beside the units' as 'theo sổ hộ', and names units that did not report", () => {
    const notes = texts(doc.body);
    expect(notes).toContain('Chỉ tiêu a theo sổ hộ, để đối chiếu: 12/15 người (80%).');
    expect(notes).toContain('Chỉ tiêu b theo sổ hộ, để đối chiếu: 150/170 người (88,2%).');
    expect(notes).toContain('Chỉ tiêu đ theo sổ hộ, để đối chiếu: 30/41 người (73,2%).');
    expect(notes).toContain('Chỉ tiêu đ: đơn vị chưa báo cáo: Hợp tác xã Chè Tân Lập.');
  });

  it('has a row per village and per unit for the commune, a unit without figures "Chưa báo cáo"', () => {
    expect(rowOf(doc.body, 'Thôn', 'Thôn Nà Mọ')).toEqual([
      'Thôn Nà Mọ',
      '640/820 (78%)',
      '690/820 (84,1%)',
      '905/950 (95,3%)',
      'Đã gửi',
    ]);
    expect(rowOf(doc.body, 'Thôn', 'Thôn Bản Chang')[4]).toBe('Chưa gửi');
    expect(rowOf(doc.body, 'Cơ quan, đơn vị', 'Trường THCS')).toEqual([
      'Trường THCS Thượng Quan',
      'Trường học',
      'b) 398/412 (96,6%)',
      '3 lớp / 412 người',
      'Đã gửi',
    ]);
    expect(rowOf(doc.body, 'Cơ quan, đơn vị', 'Hợp tác xã')).toEqual([
      'Hợp tác xã Chè Tân Lập',
      'Hợp tác xã',
      'Chưa báo cáo',
      '–',
      'Chưa gửi',
    ]);
    expect(texts(doc.body)).toContain('Đơn vị chưa báo cáo số liệu Quý IV/2025: Hợp tác xã Chè Tân Lập.');
  });

  it('leaves the village and unit tables out of a village report', () => {
    const village: QuarterReport = {
      ...report,
      level: 'village',
      villages: report.villages.slice(0, 1),
      units: [],
    };
    const headers = tables(reportDocument(village).body).map((t) => t.header[0]);
    expect(headers).not.toContain('Thôn');
    expect(headers).not.toContain('Cơ quan, đơn vị');
  });

  it('lists the 20 tasks in order under the appendix groups I to VI, each with its result', () => {
    const shuffled = reportDocument({ ...report, tasks: [...report.tasks].reverse() });
    const taskHeadings = shuffled.body
      .filter((b) => b.kind === 'heading' && b.level === 3)
      .map((b) => texts([b])[0]);
    expect(taskHeadings).toHaveLength(20);
    expect(taskHeadings.map((t) => Number(/^Nhiệm vụ (\d+)\./.exec(t ?? '')?.[1]))).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const groups = shuffled.body
      .filter((b) => b.kind === 'heading' && b.level === 2)
      .map((b) => texts([b])[0]);
    const taskGroups = groups.filter((g) => /^(I|II|III|IV|V|VI)\. /.test(g ?? ''));
    expect(taskGroups.map((g) => g?.split('.')[0])).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI']);
    expect(taskGroups[0]).toBe('I. Công tác truyền thông và tuyên truyền');
    const all = texts(shuffled.body);
    expect(all).toContain('- Số lần phát thanh trên loa truyền thanh: 36.');
    expect(all).toContain('- Lượt người học: 1.234.');
    expect(all).toContain(
      'Kết quả: Phát 36 lần trên loa truyền thanh các thôn; đăng 8 tin trên trang thông tin điện tử xã.',
    );
    // Task 8 has no text yet.
    const eight = all.indexOf(`Nhiệm vụ 8. ${report.tasks[7]?.title}`);
    expect(all.slice(eight).find((t) => t.startsWith('Kết quả:'))).toBe('Kết quả: Chưa có kết quả.');
  });

  it('prints the texts line by line, and says so when one is empty', () => {
    const all = texts(doc.body);
    const iv = all.indexOf('IV. KHÓ KHĂN, VƯỚNG MẮC');
    expect(all.slice(iv + 1, iv + 3)).toEqual([
      'Một số hộ ở xa, sóng điện thoại yếu.',
      'Người cao tuổi chưa có điện thoại thông minh.',
    ]);
    const v = all.indexOf('V. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(all[v + 1]).toBe('Chưa có nội dung.');
  });

  it('writes the recipients as NĐ30 lines and the signature upper-case', () => {
    expect(doc.recipients).toEqual([
      '- Sở KH&CN tỉnh (B/c);',
      '- TT Đảng ủy, HĐND xã;',
      '- Lãnh đạo UBND xã;',
      '- Lưu: VT, VHXH.',
    ]);
    const noArchive = reportDocument({
      ...report,
      document: { ...report.document, recipients: ['Như trên'] },
    });
    expect(noArchive.recipients).toEqual(['- Như trên;', '- Lưu: VT.']);
    expect(doc.signature).toEqual({ title: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', name: 'Phan Văn Tố' });
  });
});

describe("a unit's own counts (plan III.1.b: secondary students in 2025; III.2.b: from primary on in 2026)", () => {
  it('sums the pairs the unit reported, and gives null when it reported none', () => {
    const both = { ...school, figures: { ...school.figures, primary: 300, primaryMeeting: 250 } };
    expect(unitCounts(both, 'b', 2025)).toEqual({ count: 398, denominator: 412 });
    expect(unitCounts(both, 'b', 2026)).toEqual({ count: 648, denominator: 712 });
    expect(unitCounts(both, 'a', 2025)).toBeNull();
    expect(unitCounts({ ...school, figures: null }, 'b', 2025)).toBeNull();
  });
});

describe('what a copy is, on its title line', () => {
  it('a submitted first version has no mark; a draft says DỰ THẢO; a correction names itself', () => {
    const report = sampleCommuneReport();
    expect(reportDocument(report).title).not.toMatch(/DỰ THẢO|đính chính/);
    expect(reportDocument({ ...report, status: 'draft' }).title).toMatch(/ \(DỰ THẢO\)$/);
    expect(reportDocument({ ...report, version: 2 }).title).toMatch(/ \(bản đính chính lần 1\)$/);
    expect(reportDocument({ ...report, status: 'draft', version: 3 }).title).toMatch(
      / \(DỰ THẢO, bản đính chính lần 2\)$/,
    );
  });
});
