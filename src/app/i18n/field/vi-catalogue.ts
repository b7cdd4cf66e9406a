/** Words for the skill catalogue and the field-work enums, shared by visits, profiles and classes. */
export const viCatalogue = {
  'skill.vneid_installed': 'Cài ứng dụng VNeID',
  'skill.vneid_level1': 'Tài khoản VNeID mức 1',
  'skill.vneid_level2_referred': 'Hẹn lên Công an xã kích hoạt mức 2',
  'skill.vneid_level2_active': 'Tài khoản VNeID mức 2 đã kích hoạt',
  'skill.vneid_skills_confirmed': 'Xác nhận phổ cập kỹ năng số trên VNeID',
  'skill.public_services_online': 'Dịch vụ công trực tuyến',
  'skill.online_shopping': 'Mua bán trực tuyến',
  'skill.cashless_payment': 'Thanh toán không dùng tiền mặt',
  'skill.online_safety': 'An toàn trên mạng (nhận biết lừa đảo)',
  'skill.local_platforms': 'Nền tảng số của địa phương',
  'skill.device_basics': 'Dùng điện thoại cơ bản',
  'skill.digital_bank_account': 'Tài khoản ngân hàng số',
  'skill.e_health': 'Sức khỏe số (sổ sức khỏe điện tử)',
  'skill.ai_basics': 'Làm quen trí tuệ nhân tạo (AI)',

  'skill.group.vneid': 'Định danh điện tử VNeID',
  'skill.group.basic': 'Kỹ năng số cơ bản',
  'skill.group.other': 'Kỹ năng khác',

  'skill.next.vneid_installed': 'Bước tiếp: cài VNeID từ CH Play hoặc App Store',
  'skill.next.vneid_level1':
    'Bước tiếp: đăng ký tài khoản mức 1 trên ứng dụng (quét CCCD gắn chip, chụp ảnh mặt)',
  'skill.next.vneid_level2_referred':
    'Bước tiếp: đưa đến Công an xã để kích hoạt mức 2 (mang CCCD gắn chip và điện thoại)',
  'skill.next.vneid_level2_active': 'Bước tiếp: kích hoạt tài khoản mức 2 khi có tin nhắn duyệt',
  'skill.next.vneid_skills_confirmed':
    'Bước tiếp: học và xác nhận phổ cập kỹ năng số trên VNeID (binhdanhocvuso.gov.vn)',
  'skill.next.done': 'Đã xong hành trình VNeID',

  'skill.warn.official_store_only': 'Chỉ cài ứng dụng từ CH Play hoặc App Store. Không cài từ đường link lạ.',
  'skill.warn.police_never_call':
    'Công an không bao giờ kích hoạt tài khoản qua điện thoại hay gửi đường link. Ai gọi như vậy là lừa đảo.',
  'skill.warn.never_record_secrets':
    'Người dân tự nhập mật khẩu, mã OTP, mã PIN. Không hỏi, không ghi lại các mã này.',

  'assist.status.done': 'Đã tự làm được',
  'assist.status.in_progress': 'Đang học, chưa tự làm được',
  'assist.status.referred': 'Đã chỉ đến nơi khác làm tiếp',
  'assist.status.failed': 'Chưa làm được',
  'assist.status.none': 'Chưa ghi gì',
  'assist.how.observed': 'Tận mắt thấy',
  'assist.how.self_reported': 'Người dân tự báo',

  'visit.outcome.met': 'Gặp được',
  'visit.outcome.nobody_home': 'Không có ai ở nhà',
  'visit.outcome.refused': 'Từ chối',
  'visit.outcome.come_back': 'Hẹn quay lại',

  'class.audience.community': 'Người dân',
  'class.audience.elderly': 'Người cao tuổi',
  'class.audience.disability': 'Người khuyết tật',
  'class.audience.traders_4t': 'Hộ kinh doanh "4T"',
  'class.audience.civil_servants': 'Cán bộ, công chức',

  'table.visits': 'Lượt đến hộ',
  'table.assists': 'Hỗ trợ kỹ năng',
  'table.classes': 'Buổi học',
  'table.attendance': 'Điểm danh',
} as const;
