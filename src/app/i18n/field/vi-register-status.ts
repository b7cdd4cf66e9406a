/**
 * Words for the register status of people and households (issue 18, item 1): the forms' choice and
 * the badges on the lazy screens. The household list's own badges are first-load words (vi.ts).
 */
export const viRegisterStatus = {
  'resident.status': 'Tình trạng cư trú',
  'resident.statusOn': 'Ngày biết tin',
  'status.resident.present': 'Đang ở',
  'status.resident.away': 'Tạm vắng (đi làm, đi học xa)',
  'status.resident.moved_out': 'Đã chuyển đi',
  'status.resident.deceased': 'Đã mất',
  'status.resident.hint':
    'Người đã chuyển đi hoặc đã mất không còn được tính vào số liệu của thôn từ ngày đó. Người tạm vắng vẫn được tính. Không có gì bị xoá.',
  'status.dayHint': 'Mặc định là hôm nay; sửa lại nếu biết tin từ trước.',
  'status.deceasedTitle': 'Ghi nhận {name} đã mất?',
  'status.deceasedBody':
    'Từ ngày đó, người này không còn được tính vào số liệu của thôn. Thông tin vẫn được giữ lại. Nếu ghi nhầm, chọn lại "Đang ở" rồi bấm Lưu.',
  'status.deceasedConfirm': 'Đúng, ghi nhận',
  'status.badge.away': 'Tạm vắng',
  'status.badge.moved_out': 'Đã chuyển đi',
  'status.badge.deceased': 'Đã mất',
  'status.badgeOn': '{status} ({day})',
  'field.status': 'Tình trạng của hộ',
  'field.statusOn': 'Ngày biết tin',
  'field.mergedInto': 'Nhập vào hộ',
  'status.household.active': 'Đang ở',
  'status.household.moved_out': 'Cả hộ đã chuyển đi',
  'status.household.merged': 'Đã nhập vào hộ khác',
  'status.household.hint':
    'Hộ đã chuyển đi hoặc đã nhập vào hộ khác không còn được tính vào số hộ của thôn từ ngày đó. Không có gì bị xoá.',
  'status.mergedSearch': 'Tìm hộ theo tên chủ hộ',
  'status.mergedPick': '— Chọn hộ —',
  'status.mergedNone': 'Không tìm thấy hộ nào trong thôn.',
  'status.mergedIntoLink': 'Đã nhập vào hộ {label}',
} as const satisfies Record<string, string>;
