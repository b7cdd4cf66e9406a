/**
 * Words of the register's import and export (issue 17): a village's or the commune's list of
 * households as a spreadsheet. They load with the screens that show them (vi-later.ts). The export's
 * words come first (`registerIo.export.*`), the import's after them. The reader is a team lead or a
 * commune officer; what leaves the phone, and what does not, is said plainly (DESIGN §7).
 */
export const viRegisterIo = {
  'registerIo.export.title': 'Tải sổ hộ về máy',
  'registerIo.export.villageScope':
    'Sổ hộ của {village}: mỗi người một dòng, các hộ theo thứ tự đi từng ngõ.',
  'registerIo.export.communeScope':
    'Sổ hộ của cả xã ({count} thôn): tệp Excel có mỗi thôn một trang, tệp CSV có thêm cột "Thôn" ở đầu.',
  'registerIo.export.contents':
    'Trong tệp có: mã hộ, chủ hộ, xóm/ngõ, địa chỉ, số nhân khẩu, hộ nghèo, họ tên và năm sinh từng người, ghi chú.',
  'registerIo.export.notIncluded':
    'Không có số điện thoại, giới tính, dân tộc, nhóm đối tượng và thông tin đồng ý.',
  'registerIo.export.audited':
    'Mỗi lần tải sổ hộ của cả xã được ghi vào nhật ký của máy chủ, nên cần có mạng.',
  'registerIo.export.xlsx': 'Tải về Excel (.xlsx)',
  'registerIo.export.csv': 'Tải về CSV',
  'registerIo.export.busy': 'Đang tạo tệp…',
  'registerIo.export.done': 'Đã tạo tệp {file}: {households} hộ, {residents} người.',
  'registerIo.export.notAllowed': 'Chỉ tổ trưởng và cán bộ xã được tải sổ hộ về máy.',
  'registerIo.export.offline':
    'Chưa tải được: cần có mạng để tải sổ hộ của cả xã, vì mỗi lần tải được ghi vào nhật ký của máy chủ. Hãy thử lại khi có mạng.',
  'registerIo.export.needsLogin':
    'Chưa tải được: phiên đăng nhập trên máy này đã hết hạn. Hãy đăng nhập lại rồi tải sổ hộ của cả xã.',
  'registerIo.export.forbidden': 'Chưa tải được: tài khoản của bạn không được tải sổ hộ này.',
  'registerIo.export.notRecorded':
    'Chưa tải được: máy chủ chưa ghi được lần tải này vào nhật ký ({code}). Hãy thử lại sau ít phút.',
  'registerIo.export.noVillage': 'Chưa tải được: máy này chưa có dữ liệu của thôn cần tải.',
  'registerIo.export.failed': 'Không tạo được tệp ({detail}). Hãy thử lại.',
} as const;
