/**
 * Words of the officers' list of phones and their last sync (issue 16, item 4), on the admin screen:
 * they load with it (vi-later.ts). Plain words: the reader is a commune officer or a team lead, and
 * what they should do about a silent phone is to call its owner.
 */
export const viDevices = {
  'devices.title': 'Tình trạng đồng bộ của các máy',
  'devices.attention': '⚠ {count} máy đã quá {days} ngày chưa đồng bộ. Hãy gọi cho người dùng máy đó.',
  'devices.allFine': 'Mọi máy đều đã đồng bộ trong {days} ngày qua.',
  'devices.offline': 'Cần có mạng để xem tình trạng đồng bộ của các máy.',
  'devices.failed': 'Không tải được danh sách máy ({code}).',
  'devices.retry': 'Tải lại danh sách máy',
  'devices.showOthers': 'Xem {count} máy đồng bộ bình thường',
  'devices.hideOthers': 'Ẩn các máy đồng bộ bình thường',
  'devices.none': 'Chưa có máy nào đăng nhập.',
  'devices.stale': '⚠ Quá {days} ngày chưa đồng bộ',
  'devices.owner': '{device} · @{username}',
  'devices.lastSync': 'Đồng bộ lần cuối: {when}',
  'devices.neverSynced': 'Chưa đồng bộ lần nào',
  'devices.justNow': 'vừa xong',
  'devices.minutesAgo': '{count} phút trước',
  'devices.hoursAgo': '{count} giờ trước',
  'devices.daysAgo': '{count} ngày trước',
  'devices.pending': '{count} thay đổi đang chờ gửi lên máy chủ',
  'devices.pendingStale': '⚠ {count} thay đổi nằm trên máy quá {days} ngày, chưa gửi lên máy chủ',
  'devices.nothingPending': 'Không còn thay đổi nào chờ gửi',
  'devices.expired': 'Hết phiên đăng nhập: cần đăng nhập lại trên máy này thì mới đồng bộ được.',
} as const;
