import { foldForSearch } from '../search';
import { IMPORT_FIELDS, type ImportField } from './types';

/**
 * Which field a column header names, from the words Vietnamese household lists use (issue 17, item 2).
 * Headers are folded (no diacritics, lower case, single spaces: search.ts) so "HỌ VÀ TÊN", "Họ và tên"
 * and "Ho va ten" read alike. Rules are tried in order: the more specific first ("Quan hệ với chủ hộ"
 * before "chủ hộ", "Ngày tháng năm sinh" before "năm sinh", "Số nhân khẩu" before "Số hộ").
 */
const HEADER_RULES: ReadonlyArray<readonly [RegExp, ImportField]> = [
  // DESIGN §7: recognised only so the column is refused, never read.
  [
    /\b(cccd|cmnd|cmt|can cuoc|chung minh|dinh danh|so can cuoc|the can cuoc|so the|ho chieu|passport)\b/,
    'idNumber',
  ],
  [/^(stt|tt|so tt|so thu tu|thu tu|s\.?t\.?t)$/, 'stt'],
  [/quan he/, 'relation'],
  [/nhan khau|so nguoi|so thanh vien|so khau|tong so nguoi/, 'membersCount'],
  [/^(thon|ten thon|thon\/ban|ban|lang|ap|khom)$/, 'village'],
  [/chu ho|^(ten )?ho gia dinh$/, 'headName'],
  [
    /^(so ho|ma ho|ho so|so hgd|ma hgd|so ho khau|so so ho khau|ma so ho|stt ho|so thu tu ho)$/,
    'householdNumber',
  ],
  [/ngay.*sinh|sinh ngay/, 'birthDate'],
  [/nam sinh|sinh nam/, 'birthYear'],
  [/gioi tinh|^phai$|^gioi$/, 'sex'],
  [/^nam$/, 'male'],
  [/^nu$/, 'female'],
  [/dien thoai|^sdt$|^sđt$|^dt$|so dt|di dong|lien he/, 'phone'],
  [/can ngheo/, 'ignore'],
  [/ngheo/, 'poor'],
  [/dan toc/, 'ethnicity'],
  [/ghi chu|^note|ghi chep/, 'notes'],
  [
    /^(xom|ngo|to|to dan pho|doi|cum|khu|xom\/ngo|ngo\/xom|thon\/xom|xom\/to|to\/xom|ngo xom|khu pho|to so|xom so)\b/,
    'lane',
  ],
  [/dia chi|noi o|cho o|so nha|duong|noi thuong tru/, 'address'],
  [
    /^(ho (va )?ten|ho ten|ten|ho va ten (thanh vien|nguoi dan|cong dan)|ten thanh vien|ho ten thanh vien)/,
    'name',
  ],
];

/** The field a header names, or `ignore`. `header` may be two header rows joined by a space. */
export function fieldForHeader(header: string): ImportField {
  const folded = foldForSearch(header)
    .replace(/[():.*]+$/g, '')
    .trim();
  if (folded === '') return 'ignore';
  for (const [pattern, field] of HEADER_RULES) if (pattern.test(folded)) return field;
  return 'ignore';
}

/**
 * The field for a column under a two-row header: the lower label decides ("Địa chỉ" over "Xóm" and
 * "Số nhà" gives a lane and an address), except under "Năm sinh", where "Nam" | "Nữ" are the years of
 * men and women (a common layout: the year is written in the column of the person's sex), and an
 * ID-card header anywhere refuses the column.
 */
export function fieldForTwoRowHeader(upper: string, lower: string): ImportField {
  const top = fieldForHeader(upper);
  const bottom = fieldForHeader(lower);
  if (top === 'idNumber' || bottom === 'idNumber') return 'idNumber';
  if (lower.trim() === '') return top;
  if (top === 'birthYear' || top === 'birthDate') {
    if (bottom === 'male' || bottom === 'female') return bottom;
    if (bottom === 'ignore') return top;
  }
  if (bottom !== 'ignore') return bottom;
  return fieldForHeader(`${upper} ${lower}`) === 'ignore' ? top : fieldForHeader(`${upper} ${lower}`);
}

/** A column of the list as the preview shows it: where it is, its header, and what it maps to. */
export interface ColumnMapping {
  /** 0-based column index in the sheet. */
  index: number;
  /** The header as written (two header rows joined with " / "). */
  header: string;
  field: ImportField;
}

/**
 * Fields that at most one column may feed (all but those a list may split over several columns or
 * that are never read): a second column mapped to one of them is set to `ignore`
 * (the first, left-most, wins) so a value is never read from two places.
 */
const MANY_COLUMNS: ReadonlySet<ImportField> = new Set<ImportField>([
  'lane',
  'address',
  'notes',
  'idNumber',
  'ignore',
]);
const SINGLE_COLUMN: ReadonlySet<ImportField> = new Set(IMPORT_FIELDS.filter((f) => !MANY_COLUMNS.has(f)));

/** Drops later duplicates of single-column fields (see SINGLE_COLUMN); returns a new list. */
export function dedupeMapping(columns: readonly ColumnMapping[]): ColumnMapping[] {
  const seen = new Set<ImportField>();
  return columns.map((c) => {
    if (!SINGLE_COLUMN.has(c.field)) return c;
    if (seen.has(c.field)) return { ...c, field: 'ignore' };
    seen.add(c.field);
    return c;
  });
}

/**
 * The key a list's shape is remembered by (issue 17, item 2: "remembered for the next file of the
 * same shape"): its folded headers in order. Two files with the same headers get the same mapping.
 */
export function mappingSignature(columns: readonly Pick<ColumnMapping, 'header'>[]): string {
  return columns.map((c) => foldForSearch(c.header)).join('|');
}
