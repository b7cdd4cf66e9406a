import { describe, expect, it } from 'vitest';
import { asksForSecret, type CardTexts, cardSecretRequests } from '../../src/core/lessons/secret-rule';

/**
 * The lesson cards' content rule (issue 20; DESIGN §7): no text asks anyone to type a secret into
 * Ngõ Số or hand it to another person. Each row is a text a card author could plausibly write.
 */

/** Texts that ask for a secret: each one must be caught. */
const CAUGHT: readonly string[] = [
  'Đọc mã OTP cho tổ viên',
  'Nhập số CCCD vào Ngõ Số',
  'Give the helper your password',
  'Đưa mật khẩu VNeID cho tổ viên giữ hộ.',
  'Tổ viên nhập mật khẩu giúp bà cho nhanh.',
  'Nhờ cán bộ nhập mã OTP vào VNeID.',
  'Gửi ảnh chụp số căn cước qua Zalo cho người hướng dẫn.',
  'Ghi số định danh cá nhân của bà vào Ngõ Số để theo dõi.',
  'Cho tổ viên biết câu trả lời bảo mật.',
  'Read the one-time code aloud to the team member.',
  'Type your passcode into Ngõ Số.',
  'Tell the helper the answers to your security questions.',
  'Share your OTP with the helper so they can finish for you.',
  'Hỏi mật khẩu của bà rồi ghi vào sổ.',
  'Ask the resident for their VNeID password.',
  'Mật khẩu thì đưa cho con cháu giữ.',
  'Để tổ viên điền mật khẩu mới.',
  'Không cần lo, hãy đọc mã OTP cho tổ viên.',
  'Nhập mã OTP vừa nhận.',
  'Cung cấp mã xác thực cho cán bộ để kích hoạt giúp.',
  'Doc ma OTP cho to vien',
  'Nhập CCCD vào Ngõ Số để tra cứu.',
  // The breaker's: an OTP named by what it is, and a photo of the ID card handed over.
  'Đọc mã 6 số trong tin nhắn cho người hướng dẫn.',
  'Chụp ảnh căn cước hai mặt gửi Zalo cho tổ viên.',
  'Read the 6 digit code from the text to the helper.',
];

/** Texts that tell the resident to type secrets themselves, or never to share them: each must pass. */
const PASSED: readonly string[] = [
  'Tự nhập mã 6 số trong tin nhắn vào VNeID, không đọc cho ai.',
  'Mang căn cước gắn chip đến công an xã.',
  'Tự nhập mật khẩu trên VNeID, không đưa cho ai',
  'Không bao giờ đọc mã OTP cho ai, kể cả người xưng là công an.',
  'Hệ thống gửi mã xác thực về số điện thoại của bạn.',
  'Tự nhập số định danh cá nhân và số điện thoại vào VNeID.',
  'Tự đặt mật khẩu dài từ 8 đến 20 ký tự; tổ viên không nhìn, không ghi lại.',
  'Never give your OTP or password to anyone, even someone who says they are police.',
  'Type the one-time code into VNeID yourself.',
  'The bank never asks for your OTP by phone.',
  'Nếu ai gọi điện xin mã OTP, hãy cúp máy và báo công an xã.',
  'Mã OTP chỉ dùng một lần, không cho ai biết.',
  'Kẻ gian gọi điện, yêu cầu đọc mã OTP để chiếm đoạt tiền.',
  'Do not type your ID number into Ngõ Số.',
  'Đọc kỹ tin nhắn: ngân hàng ghi rõ mã OTP dùng để làm gì.',
  'Passcode có 6 chữ số; chỉ người dân biết.',
  'Tell the resident never to share the OTP.',
  'Mang thẻ căn cước gắn chip đến công an xã và đưa cho cán bộ.',
  'Người dân tự chọn hai câu hỏi bảo mật và tự trả lời trong VNeID.',
  'Đừng đưa mật khẩu cho người khác.',
  'No one from the police or the bank will ask for your password.',
  'Ngõ Số không bao giờ hỏi, không lưu mật khẩu hay số CCCD.',
  'If you forget your password, go to the commune police.',
  'Nhập họ tên, ngày sinh vào VNeID theo hướng dẫn.',
];

describe('asksForSecret', () => {
  it.each(CAUGHT)('catches "%s"', (text) => {
    expect(asksForSecret(text)).toBe(true);
  });

  it.each(PASSED)('passes "%s"', (text) => {
    expect(asksForSecret(text)).toBe(false);
  });

  it('the tables are large enough to mean something (≥ 12 rows each)', () => {
    expect(CAUGHT.length).toBeGreaterThanOrEqual(12);
    expect(PASSED.length).toBeGreaterThanOrEqual(12);
  });

  it('reads each sentence on its own: a safe sentence does not clear an unsafe one after it', () => {
    expect(asksForSecret('Tự nhập mật khẩu trên VNeID. Sau đó đọc mã OTP cho tổ viên.')).toBe(true);
    expect(asksForSecret('Tự nhập mật khẩu trên VNeID. Sau đó bấm Xác nhận.')).toBe(false);
  });

  it('a text without a secret named never asks for one, whatever its verbs', () => {
    expect(asksForSecret('Đưa thẻ căn cước cho cán bộ công an, đọc số điện thoại cho cán bộ ghi.')).toBe(
      false,
    );
    expect(asksForSecret('')).toBe(false);
  });
});

describe('cardSecretRequests', () => {
  const text = (vi: string, en: string) => ({ vi, en });
  const card: CardTexts = {
    title: text('Kích hoạt VNeID', 'Activate VNeID'),
    summary: text('Tự làm trên điện thoại của mình.', 'Do it on your own phone.'),
    steps: [
      text('Tự nhập mã OTP vào VNeID.', 'Type the one-time code into VNeID yourself.'),
      text('Đọc mã OTP cho tổ viên.', 'Read the one-time code to the helper.'),
    ],
    warnings: [text('Không đưa mật khẩu cho ai.', 'Give the helper your password.')],
    officialLinks: [],
  };

  it('returns the offending texts of both languages, in card order', () => {
    expect(cardSecretRequests(card)).toEqual([
      'Đọc mã OTP cho tổ viên.',
      'Read the one-time code to the helper.',
      'Give the helper your password.',
    ]);
  });

  it('is empty for a card whose texts all pass', () => {
    expect(cardSecretRequests({ ...card, steps: card.steps.slice(0, 1), warnings: [] })).toEqual([]);
  });
});
