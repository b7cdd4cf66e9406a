/** Words for forms the app fills from the account and the context (issue 15, kind 6). */
export const viFill = {
  'fill.saveAndNext': 'Lưu và thêm người tiếp',
  'fill.savedNext': 'Đã lưu {name}. Nhập người tiếp theo.',
  'fill.addedCount': 'Đã thêm {count} người',
  'fill.householdInLane': 'Thêm hộ ở {lane}',
};
