/** Words for dates, clocks, drafts, accounts on a shared phone and storage (issue 13). */
export const viIntegrity = {
  'err.dateInFuture': 'Ngày giờ này ở tương lai. Hãy kiểm tra ngày giờ của điện thoại.',
  'err.dateTooEarly': 'Ngày này quá xa trong quá khứ (trước năm 2000).',
  'err.dateTooFar': 'Chỉ hẹn trước tối đa một năm.',
  'clock.ahead': 'Đồng hồ điện thoại đang nhanh {amount} so với giờ chuẩn.',
  'clock.behind': 'Đồng hồ điện thoại đang chậm {amount} so với giờ chuẩn.',
  'clock.fix':
    'Ngõ Số vẫn ghi đúng ngày giờ, nhưng VNeID và ứng dụng ngân hàng có thể báo lỗi: vào Cài đặt › Ngày và giờ, bật "Tự động".',
  'clock.days': '{count} ngày',
  'clock.hours': '{count} giờ',
  'clock.minutes': '{count} phút',
  'account.switchTitle': 'Đăng nhập bằng tài khoản khác trên máy này?',
  'account.switchBody':
    'Máy này đang giữ dữ liệu của {name}. Sau khi bạn đăng nhập, máy chỉ hiện các thôn bạn được xem; dữ liệu các thôn khác được xoá khỏi máy (vẫn còn trên máy chủ).',
  'account.switchPending':
    '{name} còn {count} thay đổi chưa gửi: chúng được giữ lại trên máy và chỉ gửi khi {name} đăng nhập lại.',
  'account.switchKeep': 'Đăng nhập, giữ lại thay đổi của người kia',
  'account.switchTakeOver': 'Đăng nhập và gửi {count} thay đổi đó bằng tài khoản của tôi',
  'account.notYourVillage': 'Thôn này không thuộc tài khoản đang đăng nhập trên máy.',
  'account.loginToSee': 'Đăng nhập để xem dữ liệu các thôn của bạn. Dữ liệu đã nhập vẫn được giữ trên máy.',
  'sync.othersPending': '{count} thay đổi của {name} chờ người đó đăng nhập để gửi.',
} as const;
