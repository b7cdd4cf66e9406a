/**
 * Legacy Vietnamese encodings and text-file decoding for the register import (issue 17, item 1).
 * Legacy spellings here come from this file's own tables (written from the TCVN 5712:1993 and VNI
 * tables, not from the code under test) or are typed out by hand.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTextFile, NotTextError } from '../../src/core/import/decode-text';
import {
  convertLegacy,
  detectLegacyEncoding,
  encodeLegacy,
  isCertainlyUnicode,
  isVietnameseSyllable,
  legacyFontOf,
  windows1252View,
} from '../../src/core/import/legacy-vietnamese';
import { textFixtures } from '../fixtures/import/make-text-fixtures';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/import');

// ---------------------------------------------------------------------------------------------
// This test's own tables
// ---------------------------------------------------------------------------------------------

/** Vowels with their tones in the order: none, huyền, hỏi, ngã, sắc, nặng. */
const VOWEL_ROWS = [
  'aàảãáạ',
  'ăằẳẵắặ',
  'âầẩẫấậ',
  'eèẻẽéẹ',
  'êềểễếệ',
  'iìỉĩíị',
  'oòỏõóọ',
  'ôồổỗốộ',
  'ơờởỡớợ',
  'uùủũúụ',
  'ưừửữứự',
  'yỳỷỹýỵ',
];
const LOWER_LETTERS = [...VOWEL_ROWS.join(''), 'đ'];
const ALL_LETTERS = [...LOWER_LETTERS, ...LOWER_LETTERS.map((l) => l.toUpperCase())];

/**
 * TCVN3 (TCVN 5712:1993 VN3) spelling of each row above, as Windows-1252 shows the bytes:
 * e.g. "à" is byte 0xB5, shown "µ"; "ư" is 0xAD, a soft hyphen.
 */
const TCVN3_ROWS = [
  'aµ¶·¸¹',
  '¨»¼½¾Æ',
  '©ÇÈÉÊË',
  'eÌÎÏÐÑ',
  'ªÒÓÔÕÖ',
  'i×ØÜÝÞ',
  'oßáâãä',
  '«åæçèé',
  '¬êëìíî',
  'uïñòóô',
  '\u00ADõö÷øù',
  'yúûüýþ',
];
/** Capitals of the same rows: VN3 has the untoned ones; toned ones are VN1/VN2 bytes (€ = 0x80…). */
const TCVN3_CAPITAL_ROWS = [
  'A\u20AC\u0081\u201A\u0192\u201E', // À 0x80, Ả 0x81, Ã 0x82, Á 0x83, Ạ 0x84
  '¡¯º¿À\u2026', // Ă 0xA1, Ằ 0xAF, Ẳ 0xBA, Ẵ 0xBF, Ắ 0xC0, Ặ 0x85
  '¢ÁÂÃÄ\u2020', // Â, Ầ 0xC1, Ẩ 0xC2, Ẫ 0xC3, Ấ 0xC4, Ậ 0x86
  'E\u2021\u02C6\u2030\u0160\u2039', // È 0x87, Ẻ 0x88, Ẽ 0x89, É 0x8A, Ẹ 0x8B
  '£ÅÍÙÚ\u0152', // Ê, Ề 0xC5, Ể 0xCD, Ễ 0xD9, Ế 0xDA, Ệ 0x8C
  'I\u008D\u017D\u008F\u0090\u2018', // Ì 0x8D, Ỉ 0x8E, Ĩ 0x8F, Í 0x90, Ị 0x91
  'O\u2019\u201C\u201D\u2022\u2013', // Ò 0x92, Ỏ 0x93, Õ 0x94, Ó 0x95, Ọ 0x96
  '¤Ûàðÿ\u2014', // Ô, Ồ 0xDB, Ổ 0xE0, Ỗ 0xF0, Ố 0xFF, Ộ 0x97
  '¥\u02DC\u2122\u0161\u203A\u0153', // Ơ, Ờ 0x98, Ở 0x99, Ỡ 0x9A, Ớ 0x9B, Ợ 0x9C
  'U\u009D\u017E\u0178\u0001\u0002', // Ù 0x9D, Ủ 0x9E, Ũ 0x9F, Ú 0x01, Ụ 0x02
  '¦\u0004\u0005\u0006\u0011\u0012', // Ư, Ừ 0x04, Ử 0x05, Ữ 0x06, Ứ 0x11, Ự 0x12
  'Y\u0013\u0014\u0015\u0016\u0017', // Ỳ 0x13, Ỷ 0x14, Ỹ 0x15, Ý 0x16, Ỵ 0x17
];

function tcvn3Table(): Map<string, string> {
  const table = new Map<string, string>([
    ['đ', '®'],
    ['Đ', '§'],
  ]);
  VOWEL_ROWS.forEach((row, r) => {
    [...row].forEach((letter, t) => {
      table.set(letter, [...(TCVN3_ROWS[r] as string)][t] as string);
      table.set(letter.toUpperCase(), [...(TCVN3_CAPITAL_ROWS[r] as string)][t] as string);
    });
  });
  return table;
}
const TCVN3 = tcvn3Table();
const toTcvn3 = (text: string): string => [...text].map((c) => TCVN3.get(c) ?? c).join('');

/** VNI marks by tone (NFD combining mark → byte), plain and after a circumflex or a breve. */
const VNI_TONE: Record<string, string> = {
  '': '',
  '\u0300': 'ø',
  '\u0309': 'û',
  '\u0303': 'õ',
  '\u0301': 'ù',
  '\u0323': 'ï',
};
const VNI_CIRCUMFLEX: Record<string, string> = {
  '': 'â',
  '\u0300': 'à',
  '\u0309': 'å',
  '\u0303': 'ã',
  '\u0301': 'á',
  '\u0323': 'ä',
};
const VNI_BREVE: Record<string, string> = {
  '': 'ê',
  '\u0300': 'è',
  '\u0309': 'ú',
  '\u0303': 'ü',
  '\u0301': 'é',
  '\u0323': 'ë',
};
const VNI_I: Record<string, string> = {
  '': 'i',
  '\u0300': 'ì',
  '\u0309': 'æ',
  '\u0303': 'ó',
  '\u0301': 'í',
  '\u0323': 'ò',
};

/** VNI spelling of one Vietnamese letter, worked out from its decomposition. */
function vniLetter(letter: string): string {
  const lower = letter.toLowerCase();
  if (lower === 'đ') return letter === lower ? 'ñ' : 'Ñ';
  const [base = '', ...marks] = [...lower.normalize('NFD')];
  const tone = marks.find((m) => '\u0300\u0301\u0303\u0309\u0323'.includes(m)) ?? '';
  let spelt: string;
  if (base === 'i') spelt = VNI_I[tone] as string;
  else if (base === 'y' && tone === '\u0323') spelt = 'î';
  else if (marks.includes('\u0302')) spelt = base + (VNI_CIRCUMFLEX[tone] as string);
  else if (marks.includes('\u0306')) spelt = base + (VNI_BREVE[tone] as string);
  else if (marks.includes('\u031B')) spelt = (base === 'o' ? 'ô' : 'ö') + (VNI_TONE[tone] as string);
  else spelt = base + (VNI_TONE[tone] as string);
  return letter === lower ? spelt : spelt.toUpperCase();
}
const toVni = (text: string): string =>
  [...text].map((c) => (ALL_LETTERS.includes(c) ? vniLetter(c) : c)).join('');

/** Real Vietnamese words (two letters or more), for round trips and columns of names. */
const WORDS = (
  'nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý trịnh đinh lâm mai ' +
  'văn thị hữu đức minh quốc thanh thu hằng tuấn khải hùng hoa việt bích an bình ánh ngọc yến ' +
  'khoa hải quang thảo lộc diệp mười tư giữa bến chợ đình trại đồng mới cũ thượng hạ đông tây ' +
  'xóm thôn ấp bản làng tổ ngõ phường xã huyện tỉnh ủy ban nhân dân hộ nghèo chủ họ tên năm sinh ' +
  'ước ứng ích ổn ủy yên uyên oanh quỳnh nguyệt khuê huế hiếu kiều giang trường người ' +
  'phương khương nghĩa xuân thuận duyên chiến mạnh lưu bảy sáu hưởng thắng đạt phúc lực tuyết'
).split(' ');
type CaseStyle = 'lower' | 'capital' | 'upper';
const styled = (word: string, style: CaseStyle): string =>
  style === 'lower'
    ? word
    : style === 'upper'
      ? word.toUpperCase()
      : word.charAt(0).toUpperCase() + word.slice(1);

// ---------------------------------------------------------------------------------------------
// TCVN3
// ---------------------------------------------------------------------------------------------

describe('convertLegacy: TCVN3', () => {
  it('reads every lowercase letter with every tone, đ, and the untoned capitals Ă Â Ê Ô Ơ Ư Đ', () => {
    for (const letter of LOWER_LETTERS) expect(convertLegacy(toTcvn3(letter), 'tcvn3')).toBe(letter);
    for (const letter of 'ĂÂÊÔƠƯĐ') expect(convertLegacy(toTcvn3(letter), 'tcvn3')).toBe(letter);
    expect(convertLegacy(toTcvn3(LOWER_LETTERS.join(' ')), 'tcvn3')).toBe(LOWER_LETTERS.join(' '));
  });

  it('reads every toned capital of the full TCVN 5712 table inside a word ("T?N")', () => {
    for (const row of VOWEL_ROWS) {
      for (const letter of [...row.toUpperCase()].slice(1)) {
        expect(convertLegacy(toTcvn3(`T${letter}N`), 'tcvn3')).toBe(`T${letter}N`);
      }
    }
  });

  it('reads bytes 0x80–0x9F whether they came as Windows-1252 characters or as U+0080–U+009F', () => {
    expect(convertLegacy('D\u0178NG', 'tcvn3')).toBe('DŨNG'); // 0x9F shown as "Ÿ"
    expect(convertLegacy('D\u009FNG', 'tcvn3')).toBe('DŨNG'); // 0x9F read as Latin-1
    expect(convertLegacy('H\u20AC N\u2014I', 'tcvn3')).toBe('HÀ NỘI');
    expect(convertLegacy('H\u0080 N\u0097I', 'tcvn3')).toBe('HÀ NỘI');
  });

  it('converts hand-checked pairs from real files', () => {
    const pairs: Array<[string, string]> = [
      ['Hµ Néi', 'Hà Nội'],
      ['§¹i', 'Đại'],
      ['NguyÔn', 'Nguyễn'],
      ['NguyÔn V¨n An', 'Nguyễn Văn An'],
      ['Tr\u00ADêng', 'Trường'],
      ['UBND x· Hoµ B×nh', 'UBND xã Hoà Bình'],
      ['Thµnh phè Hå ChÝ Minh', 'Thành phố Hồ Chí Minh'],
      ['Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'Cộng hoà xã hội chủ nghĩa Việt Nam'],
      ['Bé Y tÕ', 'Bộ Y tế'],
      ['§Æng Quèc ViÖt, sinh n¨m 1990', 'Đặng Quốc Việt, sinh năm 1990'],
    ];
    for (const [legacy, unicode] of pairs) expect(convertLegacy(legacy, 'tcvn3')).toBe(unicode);
  });

  it('keeps Windows punctuation that is not a capital: dashes, quotes, ellipses, a lone bullet', () => {
    expect(convertLegacy('Xãm 3 \u2013 th«n 2', 'tcvn3')).toBe('Xóm 3 – thôn 2');
    expect(convertLegacy('\u201CHµ Néi\u201D\u2026', 'tcvn3')).toBe('“Hà Nội”…');
    expect(convertLegacy('\u2022 Xãm \u00A7\u00abng', 'tcvn3')).toBe('• Xóm Đông');
    expect(convertLegacy('a \u0096 b', 'tcvn3')).toBe('a – b'); // Latin-1 view of a dash
  });

  it('a word alone made of one 0x80–0x9F capital comes back as its punctuation (documented loss)', () => {
    expect(convertLegacy(encodeLegacy('Ở', 'tcvn3'), 'tcvn3')).toBe('™');
  });

  it('puts in capitals a word typed in a capitals font (.VnTimeH), and a whole cell on request', () => {
    expect(convertLegacy('NGUYÔN V¡N AN', 'tcvn3')).toBe('NGUYỄN VĂN AN');
    expect(convertLegacy('§¹I HéI', 'tcvn3')).toBe('ĐẠI HỘI');
    expect(convertLegacy('Lª V¨n', 'tcvn3')).toBe('Lê Văn'); // one capital: a normal font
    expect(convertLegacy('Hµ néi', 'tcvn3', { capitalsFont: true })).toBe('HÀ NỘI');
  });
});

// ---------------------------------------------------------------------------------------------
// VNI
// ---------------------------------------------------------------------------------------------

describe('convertLegacy: VNI', () => {
  it('reads every letter with every tone, đ, lowercase and capitals', () => {
    for (const letter of ALL_LETTERS) expect(convertLegacy(toVni(letter), 'vni')).toBe(letter);
    expect(convertLegacy(toVni(ALL_LETTERS.join('')), 'vni')).toBe(ALL_LETTERS.join(''));
  });

  it('converts hand-checked pairs from real files', () => {
    const pairs: Array<[string, string]> = [
      ['Haø Noäi', 'Hà Nội'],
      ['Nguyeãn Vaên An', 'Nguyễn Văn An'],
      ['Tröôøng', 'Trường'],
      ['Thaønh phoá Hoà Chí Minh', 'Thành phố Hồ Chí Minh'],
      ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
      ['UÛY BAN NHAÂN DAÂN XAÕ', 'ỦY BAN NHÂN DÂN XÃ'],
      ['TRÖÔØNG', 'TRƯỜNG'],
      ['ÑAËNG THÒ ÖÙT', 'ĐẶNG THỊ ỨT'],
      ['Lyù Thò Ngoïc AÙnh', 'Lý Thị Ngọc Ánh'],
      ['AÁp 3, xaõ Taân Phuù', 'Ấp 3, xã Tân Phú'],
    ];
    for (const [legacy, unicode] of pairs) expect(convertLegacy(legacy, 'vni')).toBe(unicode);
  });

  it('takes a mark typed in the other case than its letter by the letter’s case', () => {
    expect(convertLegacy('HAù', 'vni')).toBe('HÁ');
    expect(convertLegacy('haØ', 'vni')).toBe('hà');
  });

  it('leaves a mark that follows a letter it does not fit', () => {
    expect(convertLegacy('bù', 'vni')).toBe('bù');
  });
});

describe('convertLegacy: text that is Unicode already', () => {
  it('returns it unchanged, in NFC', () => {
    expect(convertLegacy('Họ tên chủ hộ', 'tcvn3')).toBe('Họ tên chủ hộ');
    expect(convertLegacy('Nguyễn Văn An'.normalize('NFD'), 'vni')).toBe('Nguyễn Văn An');
    expect(isCertainlyUnicode('Năm sinh')).toBe(true);
    expect(isCertainlyUnicode('N¨m sinh')).toBe(false);
    expect(isCertainlyUnicode('D\u0178NG')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// encodeLegacy
// ---------------------------------------------------------------------------------------------

describe('encodeLegacy', () => {
  it('spells text as the old fonts did', () => {
    expect(encodeLegacy('Hà Nội', 'tcvn3')).toBe('Hµ Néi');
    expect(encodeLegacy('Nguyễn Văn An', 'tcvn3')).toBe('NguyÔn V¨n An');
    expect(encodeLegacy('HÀ NỘI', 'tcvn3')).toBe('H\u20AC N\u2014I');
    expect(encodeLegacy('Hà Nội', 'vni')).toBe('Haø Noäi');
    expect(encodeLegacy('ĐẶNG THỊ ỨT', 'vni')).toBe('ÑAËNG THÒ ÖÙT');
    expect(encodeLegacy('Nguyễn'.normalize('NFD'), 'vni')).toBe('Nguyeãn');
  });

  it('agrees with this test’s own tables for every letter', () => {
    for (const letter of ALL_LETTERS) {
      expect(encodeLegacy(letter, 'tcvn3')).toBe(toTcvn3(letter));
      expect(encodeLegacy(letter, 'vni')).toBe(toVni(letter));
    }
  });

  const phrase = fc
    .array(
      fc.record({
        word: fc.constantFrom(...WORDS),
        style: fc.constantFrom<CaseStyle>('lower', 'capital', 'upper'),
        after: fc.constantFrom(' ', ', ', ' - ', ' (', ') ', ' 12 ', '. '),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => parts.map(({ word, style, after }) => styled(word, style) + after).join(''));

  it('round-trips phrases of Vietnamese words in any case style through both encodings', () => {
    fc.assert(
      fc.property(phrase, fc.constantFrom<'tcvn3' | 'vni'>('tcvn3', 'vni'), (text, encoding) => {
        expect(convertLegacy(encodeLegacy(text, encoding), encoding)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any mix of Vietnamese letters and ASCII through VNI', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALL_LETTERS, ...printable), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(convertLegacy(encodeLegacy(text, 'vni'), 'vni')).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

const UNICODE_COLUMN = [
  'Nguyễn Văn An',
  'Trần Thị Bích',
  'Lê Hoàng Đức',
  'Phạm Minh Tuấn',
  'Xóm Đông, xã Hoà Bình',
  'Thôn 5, xã Yên Lạc',
  'Hồ Sỹ Tuấn',
  'Đỗ Thị Thu Hằng',
];

describe('detectLegacyEncoding', () => {
  it('finds TCVN3 in a column of names and addresses typed by hand', () => {
    const column = [
      'NguyÔn V¨n An',
      'TrÇn ThÞ BÝch',
      'Lª Hoµng §øc',
      'Ph¹m Minh TuÊn',
      'Xãm §«ng, x· Hoµ B×nh',
      'Th«n 5, x· Yªn L¹c',
    ];
    expect(detectLegacyEncoding(column)).toBe('tcvn3');
    expect(detectLegacyEncoding(UNICODE_COLUMN.map((t) => toTcvn3(t)))).toBe('tcvn3');
    expect(detectLegacyEncoding(['NGUYÔN V¡N AN', 'TRÇN THÞ BÝCH', 'L£ HOµNG §øC'])).toBe('tcvn3');
  });

  it('finds VNI in a column of names and addresses typed by hand', () => {
    const column = [
      'Nguyeãn Vaên An',
      'Traàn Thò Bích',
      'Leâ Hoaøng Ñöùc',
      'Phaïm Minh Tuaán',
      'Xoùm Ñoâng, xaõ Hoøa Bình',
      'AÁp 3, xaõ Taân Phuù',
    ];
    expect(detectLegacyEncoding(column)).toBe('vni');
    expect(detectLegacyEncoding(UNICODE_COLUMN.map((t) => toVni(t)))).toBe('vni');
    expect(detectLegacyEncoding(UNICODE_COLUMN.map((t) => toVni(t.toUpperCase())))).toBe('vni');
  });

  it('is not put off by legacy words that also read as Unicode ("Thò" is VNI for "Thị")', () => {
    expect(detectLegacyEncoding(['Nguyeãn Thò Hoa', 'Traàn Thò Lan', 'Leâ Thò Mai', 'Ñoã Thò Cuùc'])).toBe(
      'vni',
    );
    expect(detectLegacyEncoding(['cã', 'mét', 'NguyÔn ThÞ Hoa', 'TrÇn V¨n Ba'])).toBe('tcvn3');
  });

  it('decides for the sheet when a Unicode header sits above legacy rows', () => {
    const sheet = ['STT', 'Họ và tên', 'Năm sinh', 'Địa chỉ', ...UNICODE_COLUMN.map((t) => toTcvn3(t))];
    expect(detectLegacyEncoding(sheet)).toBe('tcvn3');
  });

  it('does not fire on Unicode Vietnamese, NFC or NFD, nor on words that are all Latin-1', () => {
    expect(detectLegacyEncoding(UNICODE_COLUMN)).toBeNull();
    expect(detectLegacyEncoding(UNICODE_COLUMN.map((t) => t.normalize('NFD')))).toBeNull();
    expect(detectLegacyEncoding(['Hà Tô', 'Lê Văn Tý', 'Bà Mão', 'Cô Nhàn', 'Hà Giang'])).toBeNull();
  });

  it('does not fire on ASCII, English, numbers, or French and German names', () => {
    expect(detectLegacyEncoding(['Nguyen Van An', 'Tran Thi Bich', 'Xom Dong'])).toBeNull();
    expect(detectLegacyEncoding(['John Smith', 'Main Street', 'Household list 2019'])).toBeNull();
    expect(detectLegacyEncoding(['1', '1975', '0912345678', '12/03/1980', '3,5'])).toBeNull();
    const european = [
      'François Müller',
      'Loïc Dupont',
      'Anaïs Martin',
      'Maëlys Petit',
      'Zoë Durand',
      'José Pérez',
      'Jürgen Böhm',
      'Hélène Noël',
      'Björk Guðmundsdóttir',
      'Renée Gödel',
      'Señor Núñez',
      'Thaïs Bérénice',
    ];
    expect(detectLegacyEncoding(european)).toBeNull();
  });

  const FAMILY_NAMES = ['nguyễn', 'trần', 'lê', 'phạm', 'hoàng', 'đặng', 'bùi', 'đỗ', 'ngô'];
  const styleArb = fc.constantFrom<CaseStyle>('lower', 'capital', 'upper');
  const nameArb = fc
    .tuple(
      fc.constantFrom(...FAMILY_NAMES),
      fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
      styleArb,
    )
    .map(([family, rest, style]) => [family, ...rest].map((w) => styled(w, style)).join(' '));
  const columnArb = fc.array(nameArb, { minLength: 2, maxLength: 30 });
  // The detector wants two words that are Vietnamese only once converted. Two names can hold just one:
  // "nguyễn ban", "TRẦN HUỲNH" in TCVN3 is "nguyÔn ban", "TRÁN HU\x13NH" — "TRÁN" is a word as it
  // stands and "Ỳ" is a control byte (fast-check seed -1997329742). A sheet gives it dozens of cells.
  const sheetColumnArb = fc.array(nameArb, { minLength: 6, maxLength: 30 });

  it('finds the encoding of any column of six or more full names, in any case style', () => {
    fc.assert(
      fc.property(sheetColumnArb, (column) => {
        expect(detectLegacyEncoding(column.map((name) => toTcvn3(name)))).toBe('tcvn3');
        expect(detectLegacyEncoding(column.map((name) => toVni(name)))).toBe('vni');
      }),
      { numRuns: 200 },
    );
  });

  it('never fires on a column of Unicode names, NFC or NFD', () => {
    fc.assert(
      fc.property(columnArb, fc.constantFrom<'NFC' | 'NFD'>('NFC', 'NFD'), (column, form) => {
        expect(detectLegacyEncoding(column.map((name) => name.normalize(form)))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('answers null for nothing to go on', () => {
    expect(detectLegacyEncoding([])).toBeNull();
    expect(detectLegacyEncoding(['', ' ', '---'])).toBeNull();
    expect(detectLegacyEncoding(['Hµ'])).toBeNull(); // one word is not enough
  });
});

describe('isVietnameseSyllable', () => {
  it('accepts syllables in any case style and tone placement, refuses what Vietnamese cannot spell', () => {
    for (const word of ['Nguyễn', 'TRƯỜNG', 'quỳnh', 'Giang', 'hoà', 'hòa', 'Ấp', 'ích']) {
      expect(isVietnameseSyllable(word), word).toBe(true);
    }
    for (const word of ['NguyễN', 'Müller', 'tèt', 'Léa', 'hộia', 'µ', 'xyz']) {
      expect(isVietnameseSyllable(word), word).toBe(false);
    }
  });
});

describe('legacyFontOf', () => {
  it('knows the TCVN3 fonts, their capitals fonts, and the VNI fonts', () => {
    expect(legacyFontOf('.VnTime')).toEqual({ encoding: 'tcvn3', capitalsFont: false });
    expect(legacyFontOf('.VnTimeH')).toEqual({ encoding: 'tcvn3', capitalsFont: true });
    expect(legacyFontOf('.VnArial NarrowH')).toEqual({ encoding: 'tcvn3', capitalsFont: true });
    expect(legacyFontOf('VNI-Times')).toEqual({ encoding: 'vni', capitalsFont: false });
    expect(legacyFontOf('Times New Roman')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// decodeTextFile
// ---------------------------------------------------------------------------------------------

/** UTF-16 bytes built by hand (code units, little or big end first). */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const units = [...(bom ? [0xfeff] : []), ...Array.from(text, (c) => c.charCodeAt(0))];
  return Uint8Array.from(units.flatMap((u) => (order === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff])));
}
const latin1Bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const SAMPLE = 'STT,Họ tên chủ hộ,Năm sinh\r\n1,Nguyễn Văn An,1975\r\n2,Trần Thị Bích,1982\r\n';

/** A seeded generator (mulberry32): the same "random" bytes every run. */
function randomBytes(seed: number, length: number): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  });
}

describe('decodeTextFile', () => {
  it('reads UTF-8 without a BOM, and with one (dropping it)', () => {
    expect(decodeTextFile(new TextEncoder().encode(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
    expect(decodeTextFile(new TextEncoder().encode(`\uFEFF${SAMPLE}`))).toEqual({
      text: SAMPLE,
      encoding: 'utf-8-bom',
    });
  });

  it('reads UTF-16LE and UTF-16BE, with a BOM or without one', () => {
    expect(decodeTextFile(utf16(SAMPLE, 'le', true))).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
    expect(decodeTextFile(utf16(SAMPLE, 'be', true))).toEqual({ text: SAMPLE, encoding: 'utf-16be' });
    expect(decodeTextFile(utf16(SAMPLE, 'le', false))).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
    expect(decodeTextFile(utf16(SAMPLE, 'be', false))).toEqual({ text: SAMPLE, encoding: 'utf-16be' });
  });

  it('normalises decomposed text to NFC', () => {
    const decoded = decodeTextFile(new TextEncoder().encode(SAMPLE.normalize('NFD')));
    expect(decoded.text).toBe(SAMPLE);
    expect(decoded.text.length).toBeLessThan(SAMPLE.normalize('NFD').length);
  });

  it('reads Windows-1258, composing its separate tone marks (NFC)', () => {
    // "Nguyễn Văn Đức, Hà Nội": ê 0xEA + tilde 0xDE, ă 0xE3, Đ 0xD0, ư 0xFD + acute 0xEC,
    // à 0xE0, ô 0xF4 + dot 0xF2.
    const bytes = latin1Bytes('Nguy\xEA\xDEn V\xE3n \xD0\xFD\xECc, H\xE0 N\xF4\xF2i');
    expect(decodeTextFile(bytes)).toEqual({ text: 'Nguyễn Văn Đức, Hà Nội', encoding: 'windows-1258' });
  });

  it('reads TCVN3 and VNI bytes as Excel shows them, for the legacy conversion', () => {
    const tcvn3 = decodeTextFile(latin1Bytes('NguyÔn V¨n An,Hµ Néi\r\nTrÇn ThÞ BÝch,Xãm §«ng\r\n'));
    expect(tcvn3).toEqual({
      text: 'NguyÔn V¨n An,Hµ Néi\r\nTrÇn ThÞ BÝch,Xãm §«ng\r\n',
      encoding: 'windows-1252',
    });
    const dung = decodeTextFile(latin1Bytes('D\x9FNG,Hµ Néi,NguyÔn V¨n An'));
    expect(dung.text).toBe('D\u0178NG,Hµ Néi,NguyÔn V¨n An'); // byte 0x9F as Windows shows it
    expect(convertLegacy(dung.text, 'tcvn3')).toBe('DŨNG,Hà Nội,Nguyễn Văn An');
    const vni = decodeTextFile(latin1Bytes('Nguyeãn Vaên An,Haø Noäi\r\nTraàn Thò Bích,Xoùm Ñoâng\r\n'));
    expect(vni.encoding).toBe('windows-1252');
    expect(convertLegacy(vni.text, 'vni')).toBe('Nguyễn Văn An,Hà Nội\r\nTrần Thị Bích,Xóm Đông\r\n');
  });

  it('gives an empty text for an empty file', () => {
    expect(decodeTextFile(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('refuses a PNG, a ZIP, an OLE2 (.xls) file, NUL bytes and random bytes with NotTextError', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]);
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0]);
    const ole2 = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const withNul = new TextEncoder().encode('STT,Họ tên\u0000,Năm sinh');
    const cases: Array<[Uint8Array, string]> = [
      [png, 'png'],
      [zip, 'zip'],
      [ole2, 'ole2'],
      [withNul, 'binary'],
      [randomBytes(17, 4096), 'binary'],
      [randomBytes(2025, 300), 'binary'],
    ];
    for (const [bytes, kind] of cases) {
      let error: unknown;
      try {
        decodeTextFile(bytes);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(NotTextError);
      expect((error as NotTextError).kind).toBe(kind);
    }
  });

  it('refuses 8-bit bytes full of control characters even without a NUL', () => {
    const bytes = Uint8Array.from({ length: 400 }, (_, i) => (i % 10 === 0 ? 0x07 : 0x41 + (i % 26)));
    expect(() => decodeTextFile(bytes)).toThrow(NotTextError);
  });
});

describe('windows1252View', () => {
  it('shows bytes 0x80–0x9F as Windows-1252 characters and the rest as Latin-1', () => {
    expect(windows1252View(Uint8Array.from([0x80, 0x81, 0x96, 0x9f, 0xa0, 0xb5, 0x41]))).toBe(
      '\u20AC\u0081\u2013\u0178\u00A0\u00B5A',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const HEADER = 'STT,Họ tên chủ hộ,Năm sinh,Xóm';

describe('text-file fixtures', () => {
  const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

  it('are the bytes make-text-fixtures.ts writes', () => {
    for (const [name, bytes] of Object.entries(textFixtures())) expect(read(name), name).toEqual(bytes);
  });

  it('cp1258.csv decodes as Windows-1258 to NFC', () => {
    expect(decodeTextFile(read('cp1258.csv'))).toEqual({
      text:
        `${HEADER}\r\n` +
        '1,Nguyễn Văn An,1975,Xóm Đông\r\n' +
        '2,Trần Thị Bích,1982,Xóm Đông\r\n' +
        '3,Lê Hoàng Đức,1960,Xóm Tây\r\n',
      encoding: 'windows-1258',
    });
  });

  it('tcvn3.csv decodes as Excel shows it, is detected as TCVN3, and converts', () => {
    const decoded = decodeTextFile(read('tcvn3.csv'));
    expect(decoded).toEqual({
      text:
        'STT,Hä tªn chñ hé,N¨m sinh,Xãm\r\n' +
        '1,Ph¹m V¨n Hïng,1968,Xãm Th\u00ADîng\r\n' +
        '2,NguyÔn ThÞ Hoa,1979,Xãm Th\u00ADîng\r\n' +
        '3,§Æng Quèc ViÖt,1990,Xãm H¹\r\n',
      encoding: 'windows-1252',
    });
    expect(detectLegacyEncoding(decoded.text.split(/\r\n|,/))).toBe('tcvn3');
    expect(convertLegacy(decoded.text, 'tcvn3')).toBe(
      `${HEADER}\r\n` +
        '1,Phạm Văn Hùng,1968,Xóm Thượng\r\n' +
        '2,Nguyễn Thị Hoa,1979,Xóm Thượng\r\n' +
        '3,Đặng Quốc Việt,1990,Xóm Hạ\r\n',
    );
  });

  it('vni.csv decodes as Excel shows it, is detected as VNI, and converts', () => {
    const decoded = decodeTextFile(read('vni.csv'));
    expect(decoded).toEqual({
      text:
        'STT,Hoï teân chuû hoä,Naêm sinh,Xoùm\r\n' +
        '1,Voõ Thò Möôøi,1955,Xoùm Beán\r\n' +
        '2,Huyønh Vaên Tö,1972,Xoùm Beán\r\n' +
        '3,Lyù Thò Ngoïc AÙnh,1988,Xoùm Giöõa\r\n',
      encoding: 'windows-1252',
    });
    expect(detectLegacyEncoding(decoded.text.split(/\r\n|,/))).toBe('vni');
    expect(convertLegacy(decoded.text, 'vni')).toBe(
      `${HEADER}\r\n` +
        '1,Võ Thị Mười,1955,Xóm Bến\r\n' +
        '2,Huỳnh Văn Tư,1972,Xóm Bến\r\n' +
        '3,Lý Thị Ngọc Ánh,1988,Xóm Giữa\r\n',
    );
  });

  it('utf8-bom.csv decodes as UTF-8 with its BOM dropped', () => {
    expect(decodeTextFile(read('utf8-bom.csv'))).toEqual({
      text:
        `${HEADER}\r\n` +
        '1,Bùi Thị Thu Hằng,1984,Xóm Chợ\r\n' +
        '2,Hồ Sỹ Tuấn,1970,Xóm Chợ\r\n' +
        '3,Đỗ Văn Khải,1949,Xóm Đình\r\n',
      encoding: 'utf-8-bom',
    });
  });

  it('utf16.csv decodes as UTF-16LE, tab separated', () => {
    expect(decodeTextFile(read('utf16.csv'))).toEqual({
      text:
        'STT\tHọ tên chủ hộ\tNăm sinh\tXóm\r\n' +
        '1\tVũ Đình Khoa\t1966\tXóm Trại\r\n' +
        '2\tHoàng Thị Yến\t1993\tXóm Trại\r\n' +
        '3\tNgô Quang Hải\t1958\tXóm Đồng\r\n',
      encoding: 'utf-16le',
    });
  });

  it('nfd.csv decodes as UTF-8 and comes out NFC', () => {
    const decoded = decodeTextFile(read('nfd.csv'));
    expect(decoded).toEqual({
      text: `${HEADER}\n1,Dương Thị Thảo,1987,Xóm Mới\n2,Trịnh Văn Lộc,1962,Xóm Mới\n3,Phan Thị Ngọc Diệp,1995,Xóm Cũ\n`,
      encoding: 'utf-8',
    });
    expect(decoded.text.normalize('NFC')).toBe(decoded.text);
  });
});
