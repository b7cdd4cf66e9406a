/**
 * A value a person picked is named in the words of the form that offered it, wherever the app shows a
 * change (a lost edit, a refused change): a lost "Đã chuyển đi" once showed as 'moved_out' (issue 18).
 * Every field whose values are codes, in every table that has one.
 */
import { describe, expect, it } from 'vitest';
import { typedValues } from '../../src/app/features/sync-status/rejected-format';
import { hasWord, type Translate, translate } from '../../src/app/i18n/i18n';
import { SYNCED_TABLES } from '../../src/core/changes';

const t: Translate = (key, params) => translate('vi', key, params);
const shown = (table: Parameters<typeof typedValues>[1], fields: Parameters<typeof typedValues>[2]) =>
  typedValues(t, table, fields).map((line) => line.value);

describe('the values of a change, in words', () => {
  it.each([
    ['residents', { status: 'moved_out' }, 'Đã chuyển đi'],
    ['residents', { status: 'deceased' }, 'Đã mất'],
    ['residents', { sex: 'female' }, 'Nữ'],
    ['households', { status: 'merged' }, 'Đã nhập vào hộ khác'],
    ['visits', { outcome: 'nobody_home' }, 'Không có ai ở nhà'],
    [
      'visits',
      { topics: ['vneid_level1', 'online_safety'] },
      'Tài khoản VNeID mức 1, An toàn trên mạng (nhận biết lừa đảo)',
    ],
    ['assists', { kind: 'cashless_payment' }, 'Thanh toán không dùng tiền mặt'],
    ['assists', { howKnown: 'self_reported' }, undefined],
    ['classes', { audience: 'elderly' }, undefined],
    ['targets', { code: 'id' }, 'Người từ 16 tuổi có định danh điện tử mức 2'],
    ['reportingUnits', { kind: 'school' }, 'Trường học'],
    ['reportingUnits', { codes: ['b'] }, 'Học sinh được trang bị kỹ năng số'],
    ['activities', { kind: 'loudspeaker' }, undefined],
    ['reports', { level: 'commune' }, 'Xã'],
    ['reports', { status: 'submitted' }, 'Đã nộp'],
  ] as const)('%s %j', (table, fields, words) => {
    const [value] = shown(table, fields as never);
    const code = Object.values(fields)[0];
    // Never the stored code itself.
    expect(value).not.toBe(code);
    if (words !== undefined) expect(value).toBe(words);
  });
});

describe('every synced table has its words (issue 19: "table.reports", "lost.record.reports" once showed raw)', () => {
  it.each(SYNCED_TABLES)(
    '%s: its name on the conflicts and refused lists, and in a lost-edit notice',
    (table) => {
      expect(hasWord(`table.${table}`)).toBe(true);
      expect(hasWord(`lost.record.${table}`)).toBe(true);
    },
  );

  it.each(['report_submitted', 'report_stale'])('the refusal %s is said in words', (code) => {
    expect(hasWord(`rejected.reason.${code}`)).toBe(true);
  });
});
