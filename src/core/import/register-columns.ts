import type { ImportField } from './types';

/**
 * The columns of an exported register (issue 17, item 6), in order: one row per resident, grouped by
 * household number, with the household's fields on each of its rows; a household without residents
 * has one row with the resident columns empty. Every header is one the import recognises
 * (column-mapping.ts), so an export reads back as the same register. Only what a commune already
 * keeps in its own lists goes out: no sex, phone, groups or ethnicity (DESIGN §7: consent-bound).
 */
export const REGISTER_COLUMNS: ReadonlyArray<{ field: ImportField; header: string }> = [
  { field: 'stt', header: 'STT' },
  { field: 'householdNumber', header: 'Mã hộ' },
  { field: 'headName', header: 'Họ tên chủ hộ' },
  { field: 'lane', header: 'Xóm/Ngõ' },
  { field: 'address', header: 'Địa chỉ' },
  { field: 'membersCount', header: 'Số nhân khẩu' },
  { field: 'poor', header: 'Hộ nghèo' },
  { field: 'name', header: 'Họ và tên' },
  { field: 'birthYear', header: 'Năm sinh' },
  { field: 'notes', header: 'Ghi chú' },
];

/** How a yes/no column is written in an export and read back: "x" for yes, empty for no. */
export const TICK = 'x';
