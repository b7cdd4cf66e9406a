/** Words for accessibility: the text-size setting and the skip link (vi.ts merges every fragment). */
export const viA11y = {
  'textSize.title': 'Cỡ chữ',
  'textSize.hint': 'Chữ to hơn trên mọi màn hình. Chọn xong là thấy ngay.',
  'textSize.normal': 'Bình thường',
  'textSize.large': 'Lớn',
  'textSize.larger': 'Rất lớn',
  'textSize.previewLabel': 'Xem trước',
  'textSize.previewText': 'Bà Lường Thị Đào, 76 tuổi, đã kích hoạt tài khoản định danh điện tử mức 2.',
  'a11y.skipToContent': 'Bỏ qua, đến nội dung chính',
} as const;
