/** Words for the app lock, a revoked phone and logging out of a shared phone (issue 14, kind 9). */
export const viLock = {
  'lock.title': 'Ngõ Số đang khoá',
  'lock.explain': 'Nhập mã PIN để xem dữ liệu trên máy này.',
  'lock.pin': 'Mã PIN',
  'lock.unlock': 'Mở khoá',
  'lock.checking': 'Đang kiểm tra…',
  'lock.wrong': 'Sai mã PIN.',
  'lock.left': 'Còn {count} lần thử, sau đó phải đăng nhập lại bằng mật khẩu.',
  'lock.wait': 'Đã nhập sai nhiều lần. Thử lại sau {seconds} giây.',
  'lock.forgot': 'Quên mã PIN? Đăng nhập lại',
  'lock.forgotHint':
    'Đăng nhập lại bằng mật khẩu rồi đặt mã PIN mới. Dữ liệu và các thay đổi chưa gửi trên máy được giữ nguyên.',
  'lock.backToPin': 'Quay lại nhập mã PIN',
  'lock.loginRequired':
    'Đã nhập sai mã PIN {count} lần. Hãy đăng nhập lại bằng mật khẩu. Dữ liệu và các thay đổi chưa gửi vẫn được giữ trên máy.',
  'lock.setupTitle': 'Đặt mã PIN cho máy này',
  'lock.setupExplain':
    'Mã PIN bảo vệ dữ liệu người dân khi máy bị mất hoặc cho người khác mượn. Ngõ Số hỏi mã này mỗi lần mở và sau 5 phút không dùng. Đừng dùng lại mã mở khoá điện thoại hay mã ngân hàng.',
  'lock.newPin': 'Mã PIN mới (4–6 số)',
  'lock.repeatPin': 'Nhập lại mã PIN',
  'lock.setPin': 'Đặt mã PIN',
  'lock.err.pinFormat': 'Mã PIN gồm 4 đến 6 chữ số.',
  'lock.err.pinTooSimple': 'Mã PIN quá dễ đoán (các số giống nhau hoặc liền nhau). Hãy chọn mã khác.',
  'lock.err.pinMismatch': 'Hai lần nhập không giống nhau.',
  'lock.lockNow': 'Khoá ứng dụng ngay',
  'sync.error.device_revoked': 'Máy này đã bị thu hồi quyền truy cập. Hãy đăng nhập lại.',
  'wipe.device_revoked':
    'Máy này đã bị đăng xuất từ xa (thiết bị bị thu hồi). Để bảo vệ dữ liệu người dân, sổ hộ trên máy đã được xoá; dữ liệu vẫn còn trên máy chủ.',
  'wipe.account_disabled':
    'Tài khoản trên máy này đã bị khoá. Để bảo vệ dữ liệu người dân, sổ hộ trên máy đã được xoá; dữ liệu vẫn còn trên máy chủ.',
  'wipe.pendingKept':
    '{count} thay đổi chưa gửi vẫn được giữ trên máy: đăng nhập lại để gửi, hoặc nhờ tổ trưởng đăng nhập trên máy này để nhận và gửi.',
  'logout.title': 'Đăng xuất và xoá dữ liệu khỏi máy này?',
  'logout.body':
    'Sau khi đăng xuất, sổ hộ, bản nháp và mã PIN được xoá khỏi máy (dữ liệu vẫn còn trên máy chủ). Nên làm vậy trước khi trả máy hoặc cho người khác dùng chung.',
  'logout.nothingPending': 'Mọi thay đổi đã được gửi lên máy chủ.',
  'logout.pending': 'Còn {count} thay đổi chưa gửi lên máy chủ. Hãy đồng bộ trước khi đăng xuất.',
  'logout.pendingOthers':
    'Trong đó {count} thay đổi của tài khoản khác đã dùng máy này; chỉ tài khoản đó gửi được.',
  'logout.syncFirst': 'Đồng bộ trước',
  'logout.syncing': 'Đang đồng bộ…',
  'logout.discard': 'Bỏ {count} thay đổi và đăng xuất',
  'logout.discardTitle': 'Bỏ {count} thay đổi chưa gửi?',
  'logout.discardBody':
    '{count} thay đổi chưa gửi sẽ bị xoá khỏi máy và không bao giờ lên máy chủ. Không thể hoàn tác.',
  'logout.discardConfirm': 'Xoá {count} thay đổi và đăng xuất',
  'logout.working': 'Đang đăng xuất…',
} as const;
