/**
 * Words of the lesson card screens (issue 20, parts 2 and 5): the list of cards, a card read aloud,
 * and the handout. `lessons.speak.*` and `lessons.handout.*` are spoken or printed for the resident,
 * so the screens always take them in Vietnamese (translate('vi', …)), whatever the UI language.
 */
export const viLessons = {
  'lessons.intro':
    'Thẻ ngắn để hướng dẫn người dân tại nhà: mở thẻ, đọc to từng bước, in tờ hướng dẫn để lại.',
  'lessons.empty': 'Chưa có thẻ hướng dẫn nào.',
  'lessons.helpBadge': 'Gỡ vướng',
  'lessons.back': 'Các thẻ hướng dẫn',
  'lessons.notFound': 'Không có thẻ hướng dẫn này.',
  'lessons.skill': 'Kỹ năng: {skill}',
  'lessons.steps': 'Các bước',
  'lessons.warnings': 'Lưu ý quan trọng',
  'lessons.officialLinks': 'Trang chính thức',
  'lessons.sources': 'Nguồn thông tin',
  'lessons.version': 'Phiên bản {version}',
  'lessons.openHandout': 'Tờ hướng dẫn để in',
  'lessons.illustration': 'Hình minh họa: {title}',

  'lessons.readAll': 'Đọc to cả thẻ',
  'lessons.stop': 'Dừng',
  'lessons.readStep': 'Đọc bước này',
  'lessons.preparing': 'Đang chuẩn bị giọng đọc…',
  'lessons.nowIntro': 'Đang đọc: tên thẻ',
  'lessons.nowStep': 'Đang đọc: bước {n}/{total}',
  'lessons.nowWarning': 'Đang đọc: lưu ý',
  'lessons.stopReading': 'Dừng đọc',
  'lessons.rate': 'Tốc độ đọc',
  'lessons.rate.slow': 'Chậm',
  'lessons.rate.medium': 'Vừa',
  'lessons.rate.fast': 'Nhanh',
  'lessons.speechFailed': 'Điện thoại không đọc được ({error}). Bấm đọc lại.',
  'lessons.unsupported': 'Trình duyệt này không đọc to được. Hãy mở Ngõ Số bằng Chrome.',
  'lessons.noVoice': 'Điện thoại này chưa có giọng đọc tiếng Việt, nên chưa đọc to được.',
  'lessons.noVoiceHow': 'Cách thêm giọng đọc tiếng Việt trên điện thoại Android:',
  'lessons.noVoice.1':
    'Mở Cài đặt của điện thoại, gõ tìm "giọng nói" và chọn "Chuyển văn bản thành giọng nói".',
  'lessons.noVoice.2':
    'Ở "Công cụ ưu tiên", chọn "Dịch vụ lời nói của Google" (máy chưa có thì cài ứng dụng này từ CH Play).',
  'lessons.noVoice.3':
    'Bấm hình bánh răng bên cạnh, chọn "Cài đặt dữ liệu giọng nói", chọn "Tiếng Việt" rồi bấm tải về (nên dùng Wi-Fi).',
  'lessons.noVoice.4': 'Tắt hẳn Chrome rồi mở lại Ngõ Số, bấm "Đọc to cả thẻ" lần nữa.',
  'lessons.noVoiceNote':
    'Tên các mục có thể khác một chút tùy máy. Ngõ Số không đọc bằng giọng tiếng nước ngoài.',

  'lessons.print.title': 'Tờ hướng dẫn: {title}',
  'lessons.print.size': 'Khổ giấy',
  'lessons.print.a5': 'Khổ A5',
  'lessons.print.a6': 'Khổ A6',
  'lessons.print.button': 'In tờ hướng dẫn',
  'lessons.print.hint': 'A5 là nửa tờ A4, A6 là một phần tư tờ A4. Trong hộp in, chọn đúng khổ giấy này.',
  'lessons.print.back': 'Về thẻ hướng dẫn',
  'lessons.print.qrLoading': 'Đang tạo mã QR…',

  'lessons.speak.intro': '{title}. {summary}',
  'lessons.speak.step': 'Bước {n}. {text}',
  'lessons.speak.warning': 'Lưu ý. {text}',

  'lessons.handout.steps': 'Các bước',
  'lessons.handout.warnings': 'Lưu ý',
  'lessons.handout.scan': 'Quét mã để mở đúng trang chính thức:',
  'lessons.handout.qr': 'Mã QR: {label}',
  'lessons.handout.version': 'Thẻ "{key}", phiên bản {version}, in ngày {day}.',
  'lessons.handout.sources': 'Nguồn:',
  'lessons.handout.team': 'Tổ công nghệ số cộng đồng',
} as const satisfies Record<string, string>;
