/** Words for dates, clocks, drafts, accounts on a shared phone and storage (issue 13). */
export const viIntegrity = {
  'err.dateInFuture': 'Ngày giờ này ở tương lai. Hãy kiểm tra ngày giờ của điện thoại.',
  'err.invalidCharacters':
    'Có ký tự lạ không lưu được (ký tự điều khiển hoặc chữ bị lỗi mã). Hãy gõ lại đoạn này.',
  'err.dayNotYet': 'Ngày này chưa tới.',
  'err.notNegative': 'Số không được âm.',
  'err.adultsAboveResidents': 'Số người từ 18 tuổi không thể nhiều hơn số người từ 16 tuổi.',
  'err.meetingAboveTotal': 'Số đạt chuẩn không được lớn hơn tổng số.',
  // Short: the first load carries them; the card editor's hints say the rest.
  'err.lessonOfficialUrl': 'Chỉ dẫn tới Google Play, App Store hoặc trang .gov.vn.',
  'err.lessonSteps': 'Từ 3 đến 7 bước.',
  'err.lessonAsksSecret': 'Thẻ không được bảo ai đưa hay nhập mật khẩu, OTP, số định danh.',
  'err.dateTooEarly': 'Ngày này quá xa trong quá khứ (trước năm 2000).',
  'err.dateTooFar': 'Chỉ hẹn trước tối đa một năm.',
  'clock.ahead': 'Đồng hồ điện thoại đang nhanh {amount} so với giờ chuẩn.',
  'clock.behind': 'Đồng hồ điện thoại đang chậm {amount} so với giờ chuẩn.',
  'clock.fix':
    'Ngõ Số vẫn ghi đúng ngày giờ, nhưng VNeID và ứng dụng ngân hàng có thể báo lỗi: vào Cài đặt › Ngày và giờ, bật "Tự động".',
  'clock.setBack': 'Đồng hồ điện thoại vừa bị chỉnh lùi {amount}.',
  'clock.setBackFix':
    'Ngõ Số ghi ngày theo giờ chuẩn đã biết gần nhất, nên ngày có thể lệch một chút: vào Cài đặt › Ngày và giờ, bật "Tự động", rồi mở lại khi có mạng.',
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
  'account.villageNotHere':
    'Thôn này không có trên máy, hoặc không thuộc tài khoản đang đăng nhập. Nếu đây là thôn của bạn, hãy nhờ cán bộ xã cấp quyền.',
  'account.notYourVillage': 'Thôn này không thuộc tài khoản đang đăng nhập trên máy.',
  'account.loginToSee': 'Đăng nhập để xem dữ liệu các thôn của bạn. Dữ liệu đã nhập vẫn được giữ trên máy.',
  'sync.othersPending': '{count} thay đổi của {name} chờ người đó đăng nhập để gửi.',
  'form.otherField': 'Thông tin khác',
  'err.storageFull':
    'Chưa lưu được: bộ nhớ điện thoại đã đầy. Những gì bạn nhập vẫn còn trên màn hình, đừng rời trang. Hãy xoá bớt ảnh, video hoặc ứng dụng không dùng, rồi bấm Lưu lại.',
  'err.storageUnavailable':
    'Chưa lưu được: trình duyệt không mở được bộ nhớ của Ngõ Số. Hãy đóng các thẻ Ngõ Số khác và tải lại trang; những gì đã lưu trước đó vẫn còn.',
  'sync.error.storage_full':
    'Bộ nhớ điện thoại đã đầy nên chưa tải thêm được dữ liệu. Dữ liệu đã có và các thay đổi chưa gửi vẫn còn. Hãy giải phóng bộ nhớ rồi bấm Đồng bộ ngay.',
  'sync.error.storage_unavailable':
    'Trình duyệt không mở được bộ nhớ của Ngõ Số. Hãy đóng các thẻ Ngõ Số khác và tải lại trang; dữ liệu trên máy vẫn còn.',
  'sync.error.app_error':
    'Ứng dụng gặp lỗi khi đồng bộ (không phải do máy chủ). Sẽ thử lại; dữ liệu trên máy vẫn còn.',
  'sync.error.timeout': 'Máy chủ không trả lời kịp (mạng quá yếu?). Dữ liệu vẫn ở trên máy, sẽ thử lại.',
  'sync.error.not_our_server':
    'Có mạng nhưng chưa vào được máy chủ Ngõ Số (Wi-Fi có thể cần đăng nhập trước). Sẽ thử lại.',
  'field.deletedAt': 'Đã xoá (người khác sửa cùng lúc)',
  'conflicts.alreadyResolved': 'Người khác vừa xử lý xung đột này; danh sách đã được cập nhật.',
  'rejected.typed': 'Đã nhập',
  'rejected.reason.village_forbidden': 'Thôn này không (còn) thuộc tài khoản của bạn.',
  'rejected.reason.village_mismatch': 'Hồ sơ này thuộc một thôn khác.',
  'rejected.reason.implausible_date': 'Ngày giờ không thể đúng (ở tương lai hoặc quá xa).',
  'rejected.reason.invalid_value': 'Giá trị không hợp lệ.',
  'rejected.reason.missing_field': 'Thiếu thông tin bắt buộc.',
  'rejected.reason.cannot_clear': 'Mục này bắt buộc, không được để trống.',
  'rejected.reason.unknown_field': 'Ứng dụng cũ gửi mục máy chủ không biết; hãy tải lại ứng dụng.',
  'rejected.reason.unknown_reference': 'Hồ sơ liên quan (ví dụ hộ của người này) chưa có trên máy chủ.',
  'rejected.reason.too_many_fields': 'Thay đổi có quá nhiều mục; hãy tải lại ứng dụng.',
  'rejected.reason.change_id_reused': 'Hai thay đổi khác nhau mang cùng một mã; hãy tải lại ứng dụng.',
  'rejected.reason.reserved_node': 'Dấu thời gian không hợp lệ (trùng mã của máy chủ).',
  'admin.locked': 'Đang tạm chặn đăng nhập đến {time} vì có người nhập sai mật khẩu nhiều lần.',
  'admin.unlock': 'Cho đăng nhập lại ngay',
  'admin.unlocked': 'Đã mở khóa. Người này có thể đăng nhập lại.',
  'rejected.reason.other': 'Máy chủ không nhận ({code}).',
  'sync.error.scope_changed': 'Danh sách thôn của bạn vừa thay đổi; đang tải lại dữ liệu.',
  'err.unexpected': 'Có lỗi: {detail}',
  'visits.membersLabel': 'Người ghé',
  'skills.record.resident': 'Người dân',
  'skills.record.byLabel': 'Người ghi',
  'draft.restored': 'Đã khôi phục nội dung bạn nhập dở lúc {time} (chưa lưu).',
  'draft.discard': 'Bỏ bản nháp',
  'draft.discardTitle': 'Bỏ nội dung vừa nhập?',
  'draft.discardBody': 'Những gì bạn đã nhập mà chưa lưu sẽ mất.',
  'form.overwritten':
    'Đã lưu. Trong lúc bạn sửa, người khác cũng đã đổi: {fields}. Giá trị của bạn được giữ; giá trị kia nằm trong mục Xung đột để tổ trưởng xem lại.',
} as const;
