/**
 * What DESIGN §7 never lets the app store, in every form it is typed (issue 14, kind 6): ID-card
 * numbers with any separators or digits, OTPs and passwords named in the text. Written as a table
 * before the check: each row is a text a village helper could type, and what must become of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalDigitValue,
  type ForbiddenKind,
  findAllForbiddenData,
  findForbiddenData,
  redactForbiddenData,
  redactForbiddenDeep,
} from '../../src/core/forbidden-data';

const MUST_REFUSE: ReadonlyArray<readonly [string, ForbiddenKind]> = [
  // The six cases stored in notes before this check (issue 14, kind 6).
  ['001-203-004567', 'id_number'],
  ['0012 0300 4567', 'id_number'],
  ['００１２０３００４５６７', 'id_number'],
  ['001/203/004/567', 'id_number'],
  ['Mã OTP: 482913', 'otp'],
  ['mật khẩu VNeID: abc123', 'password'],
  // ID numbers: bare, labelled, grouped in threes, fours or sixes, one digit at a time, mixed.
  ['CCCD 001203004567', 'id_number'],
  ['CCCD001203004567', 'id_number'],
  ['CMND 123456789', 'id_number'],
  ['001 203 004 567', 'id_number'],
  ['001.203.004.567', 'id_number'],
  ['001_203_004_567', 'id_number'],
  ['001-203 004.567', 'id_number'],
  ['001 – 203 – 004 – 567', 'id_number'],
  ['001203 004567', 'id_number'],
  ['00 12 03 00 45 67', 'id_number'],
  ['0 0 1 2 0 3 0 0 4 5 6 7', 'id_number'],
  ['CMND 1 2 3 4 5 6 7 8 9', 'id_number'],
  ['CMND 123 456 789', 'id_number'],
  ['CMND 123.456.789', 'id_number'],
  ['001\u00a0203\u00a0004\u00a0567', 'id_number'],
  ['001\u200b203004567', 'id_number'],
  // Other scripts' digits: Arabic-Indic, Thai, Devanagari mixed with ASCII, mathematical bold.
  ['٠٠١٢٠٣٠٠٤٥٦٧', 'id_number'],
  ['๐๐๑๒๐๓๐๐๔๕๖๗', 'id_number'],
  ['00१२03004567', 'id_number'],
  ['𝟎𝟎𝟏𝟐𝟎𝟑𝟎𝟎𝟒𝟓𝟔𝟕', 'id_number'],
  // Next to other numbers, an ID number neither merges with them nor hides.
  ['CMND 123456789 12/5/2020', 'id_number'],
  ['CCCD 001203004567 0912345678', 'id_number'],
  ['CCCD 001 203 004 567 0912 345 678', 'id_number'],
  ['Hộ 12. 001 203 004 567', 'id_number'],
  // Found by a tester after the first check (issue 14, kind 6): other separators and groupings.
  ['001203\n004567', 'id_number'],
  ['001203\r\n004567', 'id_number'],
  ['001203\t004567', 'id_number'],
  ['0012,0300,4567', 'id_number'],
  ['12 345 6789', 'id_number'],
  ['0123 456 78', 'id_number'],
  ['1234 56789', 'id_number'],
  ['123-45-6789', 'id_number'],
  ['1234.56789', 'id_number'],
  ['0012\u31640300\u31644567', 'id_number'],
  ['0012\u28000300\u28004567', 'id_number'],
  ['0012\u20440300\u20444567', 'id_number'],
  ['0012 (0300) 4567', 'id_number'],
  // Found by the property test (issue 15): ending in "000" like an amount, but an amount never
  // starts with a 0 — a province code and zeros is a CCCD.
  ['001 000 000 000', 'id_number'],
  ['CCCD 096.123.456.000', 'id_number'],
  [
    'CCCD \u{e0030}\u{e0030}\u{e0031}\u{e0032}\u{e0030}\u{e0033}\u{e0030}\u{e0030}\u{e0034}\u{e0035}\u{e0036}\u{e0037}',
    'id_number',
  ],
  ['001203\u{e0020}004567', 'id_number'],
  ['Mã OTP\n482913', 'otp'],
  ['Mã OTP\r\n482913', 'otp'],
  ['OTP code 482913', 'otp'],
  ['O.T.P: 482913', 'otp'],
  ['0TP: 482913', 'otp'],
  ['mật khẩu\nabc123', 'password'],
  ['mật khẩu\r\nabc123', 'password'],
  ['password\tabc', 'password'],
  ['p@ss: abc', 'password'],
  ['mk: abc', 'password'],
  ['mật_khẩu abc123', 'password'],
  ['PIN: 1234', 'password'],
  ['pin 1234', 'password'],
  ['mã PIN là 123456', 'password'],
  ['Pin = 4829', 'password'],
  // OTPs named in the text, with or without diacritics, before or after the code.
  ['otp 482913', 'otp'],
  ['mã xác thực 4829', 'otp'],
  ['ma OTP la 482913', 'otp'],
  ['OTP gửi về số 482 913', 'otp'],
  ['482913 là mã OTP', 'otp'],
  ['Mã OTP ngân hàng: ４８２９１３', 'otp'],
  ['MÃ XÁC NHẬN: 4829', 'otp'],
  // Passwords named in the text: Vietnamese, without diacritics, abbreviated, English.
  ['mk: hoa1960', 'password'],
  ['pass: 123456', 'password'],
  ['password Lan@2024', 'password'],
  ['mật khẩu ngân hàng là 246810', 'password'],
  ['mat khau Zalo la hoangmai', 'password'],
  ['pass wifi: Tr@ngHoa', 'password'],
  ['mật khẩu mặc định là 123456', 'password'],
  ['Mật khẩu của bà Lan: minhanh', 'password'],
  ['mật khẩu VNeID 123456', 'password'],
  ['MẬT KHẨU: Abc@1234', 'password'],
  ['ma\u0323\u0302t kha\u0302\u0309u: abc123', 'password'],
  ['mã PIN thẻ ATM 1234', 'password'],
  ['mật khẩu wifi: 12345678', 'password'],
  ['MK là 123456', 'password'],
  ['Mã xác thực gửi qua SMS: 123 456', 'otp'],
  ['abc123 là mật khẩu Zalo', 'password'],
];

const MUST_PASS: readonly string[] = [
  // Years, phones, dates, money, house numbers, counts and times (issue 14, kind 6).
  '2010 2012 2015',
  'Con sinh 2010 2012 2015',
  'Con sinh 1990 2000 2010',
  'Năm sinh 1958, 1960, 1985',
  '0912 345 678',
  '0912345678',
  '091 234 5678',
  '0912.345.678',
  '+84 912 345 678',
  '(+84) 912 345 678',
  '84912345678',
  '0084 912 345 678',
  'Tel: +84-912-345-678',
  '０９１２ ３４５ ６７８',
  '024 3825 1234',
  '0912345678 - 0987654321',
  'Gọi 0912 345 678 lúc 7:30',
  '12/03/2024',
  '2024-03-12',
  'Từ 12/3/2024 đến 15/3/2024',
  '12/3/2024 - 15/3/2024',
  '3/2024-15/3/2024',
  '01/02/2024 03/04',
  '1.200.000 đồng',
  '1 200 000đ',
  'Vay 100.000.000 đồng',
  'Vay 100.000.000',
  'Vay 1 200 000 000đ',
  'Tổng 12.345.678.901',
  'Diện tích 1.200 m²',
  'số 12/3 ngõ 45',
  'Số nhà 123/45/6',
  'cấp ngày 12/05/2015 tại CA Hà Nội',
  'Thu 2.500.000; chi 1.300.000',
  '1.234.567.890 đồng',
  'Hộ có 5 người, 2 người trên 60 tuổi',
  'Lớp 3 ngày 12/3 có 25 người',
  '7:30–9:00',
  'Phòng 101, 102, 103',
  'Số 1234567890',
  'mã 12345678',
  'mã 1234567890123',
  // Talk about OTPs and passwords, the online-safety lesson itself, without any secret in it.
  'Hướng dẫn không chia sẻ mã OTP cho ai',
  'Nhập OTP 6 số trong 5 phút',
  'OTP gửi về số 0912345678',
  'Mã OTP có 6 số',
  'Đã đổi mật khẩu VNeID cho bà',
  'Quên mật khẩu 2 lần, đã lấy lại',
  'Mật khẩu: đã đổi',
  'mat khau: chua co',
  'Hướng dẫn đặt mật khẩu ít nhất 8 ký tự',
  'mật khẩu là ngày sinh',
  'Điện thoại hết pin, pin 20%',
  'mk đã hướng dẫn cho 3 hộ',
  'Pass bài kiểm tra 2 lần',
  'Passport',
  'mk: ********',
  'Hướng dẫn tạo mật khẩu mạnh (ví dụ Lan@2024)',
  'Mật khẩu Zalo đã quên, OTP gửi về 0912345678',
  'Mã OTP đã gửi lúc 10:30',
  'Lớp 19:30-21:00 ngày 12/3/2025 có 25 người',
  // Near the tester's bypasses: lists, times, dates beside counts, and a battery.
  'Phòng 101,102',
  'Năm sinh 1958,1960',
  '1,200,000 đồng',
  'Ngày 12/3/2024 15 người',
  'Con sinh 2010 2015 3 đứa',
  'Lớp 7:30 12/3, 9:00 15/3',
  'Con sinh 2010\n2012\n2015',
  '0912 345 678\n0987 654 321',
  'Số nhà 12 (ngõ 345)',
  'Pin 5000 mAh, sạc pin 2 giờ',
  'pin 4000mAh',
  'Mình hết pin rồi',
  'Ở TP Hà Nội, mã bưu chính 100000',
  'Mật khẩu\nđã đổi',
  'Mã OTP\n6 số, không chia sẻ',
  'mat khau: chua',
  'cảm ơn mk nha',
  'Pin 20%, sạc pin 2 giờ',
  // What the check leaves in place of what it hid is not refused again.
  'CCCD ***, mã ***',
  'lan.[redacted: id_number]',
];

describe('findForbiddenData (DESIGN §7, issue 14 kind 6)', () => {
  it.each(MUST_REFUSE)('refuses %j as %s', (text, kind) => {
    expect(findForbiddenData(text)?.kind).toBe(kind);
  });

  it.each(MUST_PASS)('lets %j pass', (text) => {
    expect(findAllForbiddenData(text)).toEqual([]);
  });

  it('the tables hold the issue’s cases and enough rows each way', () => {
    expect(MUST_REFUSE.length).toBeGreaterThanOrEqual(25);
    expect(MUST_PASS.length).toBeGreaterThanOrEqual(25);
  });

  it('names where in the (NFC) text each finding is, in order', () => {
    const text = 'Bà Lan, CCCD 001 203 004 567, mã OTP: 482913';
    const found = findAllForbiddenData(text);
    expect(found.map((f) => f.kind)).toEqual(['id_number', 'otp']);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['001 203 004 567', 'mã OTP: 482913']);
  });

  it('maps positions back through characters the check folds (fullwidth, astral digits)', () => {
    const text = 'số 𝟎𝟎𝟏𝟐𝟎𝟑𝟎𝟎𝟒𝟓𝟔𝟕 nhé';
    const [found] = findAllForbiddenData(text);
    expect(found && text.slice(found.start, found.end)).toBe('𝟎𝟎𝟏𝟐𝟎𝟑𝟎𝟎𝟒𝟓𝟔𝟕');
  });

  it('redacts each finding and leaves the rest of the text as it was', () => {
    expect(redactForbiddenData('lan.001203004567')).toBe('lan.[redacted: id_number]');
    expect(redactForbiddenData('Gọi 0912 345 678, mk: hoa1960')).toBe(
      'Gọi 0912 345 678, [redacted: password]',
    );
    expect(redactForbiddenData('Không có gì')).toBe('Không có gì');
    expect(redactForbiddenData('OTP 482913', () => '***')).toBe('***');
  });

  it('redacts every string inside a value but ids, and returns the same value when nothing is found', () => {
    // This UUID's groups spell "0012 7300 8456", which alone would read as a CCCD.
    const id = '0191f5a0-0012-7300-8456-123456789012';
    expect(findForbiddenData(id)?.kind).toBe('id_number');
    const fields = {
      householdId: id,
      notes: 'CCCD 001203004567',
      members: ['Lan', 'mk: hoa1960'],
      consent: { collectedBy: 'Hoa OTP 482913', collectedAt: '2026-11-25T08:00:00.000Z' },
      membersCount: 4,
      poor: false,
      phone: null,
    };
    expect(redactForbiddenDeep(fields)).toEqual({
      ...fields,
      notes: 'CCCD [redacted: id_number]',
      members: ['Lan', '[redacted: password]'],
      consent: { collectedBy: 'Hoa [redacted: otp]', collectedAt: '2026-11-25T08:00:00.000Z' },
    });
    const clean = { notes: 'Gọi 0912 345 678', members: ['Lan'] };
    expect(redactForbiddenDeep(clean)).toBe(clean);
  });

  it('finds what follows long runs of digits and keywords, which are neither', () => {
    // Hostile text: a 20,000-digit chain and 5,000 keywords with nothing secret after them.
    expect(findForbiddenData(`${'1 '.repeat(20_000)}mk mật khẩu OTP `.repeat(5))).toBeUndefined();
    expect(findForbiddenData(`${'1 '.repeat(20_000)}, CCCD 001203004567`)?.kind).toBe('id_number');
  });
});

describe('decimalDigitValue: every Unicode decimal digit folds to its value', () => {
  // Unicode guarantees decimal digits (Nd) come in contiguous runs 0–9; fold every one of them.
  const ND = /\p{Nd}/u;
  const all: number[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (ND.test(String.fromCodePoint(cp))) all.push(cp);
  }

  it('there are hundreds of them, in runs whose length is a multiple of ten', () => {
    expect(all.length).toBeGreaterThan(600);
    let runStart = all[0] ?? 0;
    for (let i = 1; i <= all.length; i++) {
      const cp = all[i];
      const prev = all[i - 1] ?? 0;
      if (cp !== prev + 1) {
        expect((prev - runStart + 1) % 10).toBe(0);
        runStart = cp ?? 0;
      }
    }
  });

  it('agrees with NFKC wherever NFKC gives an ASCII digit, and counts 0–9 along each run', () => {
    for (const cp of all) {
      const value = decimalDigitValue(String.fromCodePoint(cp));
      const compat = String.fromCodePoint(cp).normalize('NFKC');
      if (/^[0-9]$/.test(compat)) expect(value).toBe(Number(compat));
      const previous = all.includes(cp - 1) ? decimalDigitValue(String.fromCodePoint(cp - 1)) : 9;
      expect(value).toBe(((previous ?? 0) + 1) % 10);
    }
  });

  it('is undefined for anything else', () => {
    expect(decimalDigitValue('a')).toBeUndefined();
    expect(decimalDigitValue('²')).toBeUndefined();
  });
});

describe('properties over generated numbers (fast-check)', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
  const separator = fc.constantFrom(' ', '.', '-', '/', '_', ' - ', '\u00a0', '–');
  /** Digits shown in another script (every Unicode digit block starts at its zero). */
  const script = fc.constantFrom(0x30, 0xff10, 0x660, 0xe50, 0x966, 0x1d7ce);
  const show = (ds: number[], zero: number) => ds.map((d) => String.fromCodePoint(zero + d)).join('');
  const groupsOf = (ds: number[], sizes: number[]) => {
    const out: number[][] = [];
    let at = 0;
    for (const size of sizes) {
      out.push(ds.slice(at, at + size));
      at += size;
    }
    return out;
  };

  it('a CCCD (province 001–096) in any of the usual groupings, separators and scripts is refused', () => {
    const cccd = fc
      .tuple(fc.integer({ min: 1, max: 96 }), digits(9))
      .map(([province, rest]) => [0, Math.floor(province / 10), province % 10, ...rest]);
    const grouping = fc.constantFrom(
      [12],
      [3, 3, 3, 3],
      [4, 4, 4],
      [6, 6],
      [3, 3, 6],
      [2, 2, 2, 2, 2, 2],
      Array(12).fill(1),
    );
    fc.assert(
      fc.property(
        cccd,
        grouping,
        separator,
        script,
        fc.constantFrom('', 'CCCD ', 'số '),
        (ds, sizes, sep, zero, label) => {
          const text =
            label +
            groupsOf(ds, sizes)
              .map((g) => show(g, zero))
              .join(sep);
          expect(findForbiddenData(text)?.kind).toBe('id_number');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a CMND (9 digits) bare, in threes or one by one is refused', () => {
    const grouping = fc.constantFrom([9], [3, 3, 3], Array(9).fill(1));
    fc.assert(
      fc.property(digits(9), grouping, separator, (ds, sizes, sep) => {
        fc.pre(sizes.length === 1 || ds.slice(6).join('') !== '000'); // "…000" in threes reads as money
        const text = `CMND ${groupsOf(ds, sizes)
          .map((g) => g.join(''))
          .join(sep)}`;
        expect(findForbiddenData(text)?.kind).toBe('id_number');
      }),
      { numRuns: 300 },
    );
  });

  it('Vietnamese phone numbers, written the usual ways, always pass', () => {
    const mobile = fc
      .tuple(fc.constantFrom(3, 5, 7, 8, 9), digits(8))
      .map(([network, rest]) => [0, network, ...rest]);
    const written = fc.constantFrom(
      (ds: number[]) => ds.join(''),
      (ds: number[]) => `${ds.slice(0, 4).join('')} ${ds.slice(4, 7).join('')} ${ds.slice(7).join('')}`,
      (ds: number[]) => `${ds.slice(0, 3).join('')}.${ds.slice(3, 6).join('')}.${ds.slice(6).join('')}`,
      (ds: number[]) => `+84 ${ds.slice(1, 4).join('')} ${ds.slice(4, 7).join('')} ${ds.slice(7).join('')}`,
      (ds: number[]) => `84${ds.slice(1).join('')}`,
    );
    fc.assert(
      fc.property(mobile, written, (ds, write) => {
        expect(findAllForbiddenData(`Gọi ${write(ds)} buổi tối`)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('birth years, dates and amounts of money always pass', () => {
    const year = fc.integer({ min: 1900, max: 2099 });
    const day = fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), year);
    fc.assert(
      fc.property(
        fc.array(year, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(' ', ', ', ' - ', '.'),
        day,
        fc.integer({ min: 1, max: 999_999_999 }),
        (years, sep, [d, m, y], amount) => {
          const money = amount.toLocaleString('vi-VN');
          const text = `Con sinh ${years.join(sep)}; hẹn ${d}/${m}/${y}; vay ${money} đồng`;
          expect(findAllForbiddenData(text)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
