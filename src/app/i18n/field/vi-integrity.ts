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
} as const;
