/**
 * The quarterly report's Vietnamese words and number formats (issue 19). The report is an
 * administrative document in Vietnamese whatever language the phone shows, so its words live here,
 * beside the shapes, and not in the app's i18n dictionaries: the print view, the DOCX, the XLSX and
 * the CSV all print the same words.
 */
import type { TargetCode, UnitKind } from '../schemas';
import type { DenominatorSource } from './types';

/** Written where nobody has reported a figure: never "0" nor "0%" (issue 19; types.ts). */
export const NOT_REPORTED = 'Chưa báo cáo';

/** The plan's letter of an indicator (section III): `dd` is stored in ASCII and printed "đ". */
export function indicatorLetter(code: TargetCode): string {
  return code === 'dd' ? 'đ' : code;
}

/**
 * Short names of the plan's section III indicators (a, b, c, d, đ) and of `id` (task 19: every citizen
 * from 16 with a digital identity); the same words as the targets page (vi-targets.ts).
 */
export const INDICATOR_LABELS: Readonly<Record<TargetCode, string>> = {
  a: 'Cán bộ, công chức, viên chức có kỹ năng số',
  b: 'Học sinh được trang bị kỹ năng số',
  c: 'Người trưởng thành có kiến thức, kỹ năng số cơ bản',
  d: 'Người trưởng thành được xác nhận phổ cập trên VNeID',
  dd: 'Người lao động trong doanh nghiệp, HTX có kỹ năng số',
  id: 'Người từ 16 tuổi có định danh điện tử mức 2',
};

/** "a) Cán bộ, …", "đ) Người lao động …", "Định danh: Người từ 16 tuổi …". */
export function indicatorTitle(code: TargetCode): string {
  return code === 'id'
    ? `Định danh: ${INDICATOR_LABELS.id}`
    : `${indicatorLetter(code)}) ${INDICATOR_LABELS[code]}`;
}

/** Where a denominator comes from, as the report prints it. */
export const SOURCE_LABELS: Readonly<Record<DenominatorSource, string>> = {
  official: 'Số liệu chính thức của thôn',
  register: 'Sổ hộ (người đang ở)',
  units: 'Báo cáo của các đơn vị',
  missing: NOT_REPORTED,
};

export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  agency: 'Cơ quan hành chính, đơn vị sự nghiệp',
  school: 'Trường học',
  enterprise: 'Doanh nghiệp',
  cooperative: 'Hợp tác xã',
  mass_org: 'Tổ chức chính trị - xã hội',
  village: 'Thôn',
};

/** The appendix's six groups of tasks (plan, Phụ lục), by their Roman numeral. */
export const TASK_SECTION_TITLES: Readonly<Record<string, string>> = {
  I: 'Công tác truyền thông và tuyên truyền',
  II: 'Tổ chức thực hiện nghiêm các quy định, hướng dẫn của tỉnh về Phong trào',
  III: 'Triển khai chương trình phổ cập kỹ năng số',
  IV: 'Triển khai các nền tảng',
  V: 'Phổ cập tri thức về chuyển đổi số cho từng nhóm đối tượng',
  VI: 'Triển khai các mô hình, phong trào lan tỏa kỹ năng số cho cộng đồng',
};

/**
 * A number as Vietnamese writes it: "." between thousands, "," before decimals (1.234; 95,5).
 * Written by hand rather than with Intl so every runtime prints the same text.
 */
export function formatNumber(value: number, maxDecimals = 1): string {
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [whole = '0', fraction] = rounded.toFixed(maxDecimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const decimals = fraction?.replace(/0+$/, '') ?? '';
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${grouped}${decimals ? `,${decimals}` : ''}`;
}

/** A percent (0–100) with at most one decimal: "95,5%", "82%". */
export function formatPercent(percent: number): string {
  return `${formatNumber(percent, 1)}%`;
}

/** A target as the plan writes it: "85%", "trên 80%". */
export function formatTarget(target: { percent: number; above: boolean }): string {
  return `${target.above ? 'trên ' : ''}${formatPercent(target.percent)}`;
}

/**
 * The date line of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I,
 * "Địa danh và thời gian ban hành văn bản"):
 * "Thượng Quan, ngày 05 tháng 01 năm 2026". The decree: "đối với những số thể hiện ngày nhỏ hơn 10 và
 * tháng 1, 2 phải ghi thêm số 0 ở trước" — so "ngày 05 tháng 8", "ngày 15 tháng 02", "ngày 20 tháng 12".
 * The zero keeps anyone from writing a 1 or 2 in front (05 → 15, 1 → 11).
 *
 * @param date "YYYY-MM-DD"; anything else leaves blanks to be filled by hand, as a draft does
 */
export function documentDateLine(place: string, date: string): string {
  const prefix = place.trim() === '' ? '' : `${place.trim()}, `;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return `${prefix}ngày      tháng      năm      `;
  const [, year, mm, dd] = match;
  const day = Number(dd);
  const month = Number(mm);
  const dayText = day < 10 ? `0${day}` : String(day);
  const monthText = month <= 2 ? `0${month}` : String(month);
  return `${prefix}ngày ${dayText} tháng ${monthText} năm ${year}`;
}
