/**
 * Legacy 8-bit Vietnamese text → Unicode NFC, and back (issue 17, item 1).
 *
 * Before Unicode, Vietnamese was typed with a keyboard driver (ABC, Vietkey, VNI) that wrote bytes
 * meant for a Vietnamese font: TCVN3 (TCVN 5712:1993 VN3, fonts ".VnTime", ".VnArial"…) in the
 * north, VNI Windows (fonts "VNI-Times", "VNI-Helve"…) in the south. Windows and Excel took those
 * bytes for Windows-1252, so an old list read today holds, for each byte 0x80–0xFF, the character
 * Windows-1252 maps it to: TCVN3 "NguyÔn V¨n An" is "Nguyễn Văn An"; VNI "Nguyeãn Vaên An" too.
 * A reader that used Latin-1 instead shows bytes 0x80–0x9F as U+0080–U+009F: both are read here.
 *
 * - TCVN3 is one byte per letter. VN3 has every lowercase letter and the seven capitals Ă Â Ê Ô Ơ
 *   Ư Đ; capitals with a tone mark were typed with a capitals font (".VnTimeH") that draws the
 *   lowercase bytes as capitals (see {@link convertLegacy} for what is done about it). Some drivers
 *   wrote the capitals of the full TCVN 5712 table (VN1/VN2) instead: read too.
 * - VNI is a base letter plus a following modifier byte for the tone and vowel marks ("a" + "ù" →
 *   "á", "o" + "ä" → "ộ"; capitals "A" + "Ù" → "Á"), with single bytes for đ, ơ, ư, ỵ and the i's.
 *
 * Sources of the tables: the TCVN 5712:1993 standard table (VN3, and its VN1/VN2 capitals) as
 * published in the standard and reproduced on en.wikipedia.org/wiki/VSCII; the VNI Windows font
 * table as published by the Unikey project (unikey.sourceforge.net, VnConv charset tables) and
 * vietunicode.sourceforge.net/charset. Written here as data from those tables.
 *
 * Pure: no DOM, no Node API (runs in a Web Worker and in Node).
 */
import type { LegacyEncoding } from './types';

// ---------------------------------------------------------------------------------------------
// Bytes as Windows shows them
// ---------------------------------------------------------------------------------------------

/**
 * Windows-1252 for bytes 0x80–0x9F (Microsoft's cp1252 table, WHATWG Encoding "windows-1252");
 * the five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) come through as U+0081… as
 * Windows itself passes them. Bytes 0xA0–0xFF are U+00A0–U+00FF.
 */
// biome-ignore format: a code table, eight bytes a line
const WINDOWS_1252_80_9F: readonly string[] = [
  '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', // 0x80 € . ‚ ƒ „ … † ‡
  '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F', // 0x88 ˆ ‰ Š ‹ Œ . Ž .
  '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', // 0x90 . ‘ ’ “ ” • – —
  '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178', // 0x98 ˜ ™ š › œ . ž Ÿ
];

const BYTE_OF_1252_CODE = new Map<number, number>(
  WINDOWS_1252_80_9F.map((c, i) => [c.charCodeAt(0), 0x80 + i]),
);

/** The byte a character stands for in a Windows-1252 or Latin-1 view of legacy bytes, or -1. */
function legacyByte(char: string): number {
  const code = char.charCodeAt(0);
  if (code <= 0xff) return code;
  return BYTE_OF_1252_CODE.get(code) ?? -1;
}

/** The character Windows-1252 shows for a byte. */
function windows1252Char(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f
    ? (WINDOWS_1252_80_9F[byte - 0x80] as string)
    : String.fromCharCode(byte);
}

/**
 * Bytes as Excel shows text typed in a legacy font: each byte as its Windows-1252 character. This
 * is the form {@link convertLegacy} takes, the same an .xls/.xlsx of the time holds, so a legacy CSV
 * read this way goes through the same conversion as a workbook.
 *
 * Built on the 'latin1' decoder, which Node runs as ISO-8859-1 and browsers as Windows-1252; bytes
 * 0x80–0x9F are then mapped by the table above, so both give the same string.
 */
export function windows1252View(bytes: Uint8Array): string {
  return new TextDecoder('latin1')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => windows1252Char(c.charCodeAt(0)));
}

/**
 * Whether a text holds a character no legacy byte can show as (anything above U+00FF that is not
 * one of Windows-1252's 0x80–0x9F characters: "ọ", "ă", a combining mark…): then it is Unicode
 * already, and converting it would only spoil it.
 */
export function isCertainlyUnicode(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff && !BYTE_OF_1252_CODE.has(code)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// TCVN3 (TCVN 5712:1993)
// ---------------------------------------------------------------------------------------------

/**
 * TCVN3 = TCVN 5712:1993 VN3: byte → letter. Each vowel row in the standard's order of tones:
 * huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot below). 0xA0 is a no-break space.
 */
// biome-ignore format: a code table, one letter a line
const TCVN3_TABLE: ReadonlyArray<readonly [byte: number, letter: string]> = [
  [0xa1, 'Ă'], [0xa2, 'Â'], [0xa3, 'Ê'], [0xa4, 'Ô'], [0xa5, 'Ơ'], [0xa6, 'Ư'], [0xa7, 'Đ'],
  [0xa8, 'ă'], [0xa9, 'â'], [0xaa, 'ê'], [0xab, 'ô'], [0xac, 'ơ'], [0xad, 'ư'], [0xae, 'đ'],
  [0xb5, 'à'], [0xb6, 'ả'], [0xb7, 'ã'], [0xb8, 'á'], [0xb9, 'ạ'],
  [0xbb, 'ằ'], [0xbc, 'ẳ'], [0xbd, 'ẵ'], [0xbe, 'ắ'], [0xc6, 'ặ'],
  [0xc7, 'ầ'], [0xc8, 'ẩ'], [0xc9, 'ẫ'], [0xca, 'ấ'], [0xcb, 'ậ'],
  [0xcc, 'è'], [0xce, 'ẻ'], [0xcf, 'ẽ'], [0xd0, 'é'], [0xd1, 'ẹ'],
  [0xd2, 'ề'], [0xd3, 'ể'], [0xd4, 'ễ'], [0xd5, 'ế'], [0xd6, 'ệ'],
  [0xd7, 'ì'], [0xd8, 'ỉ'], [0xdc, 'ĩ'], [0xdd, 'í'], [0xde, 'ị'],
  [0xdf, 'ò'], [0xe1, 'ỏ'], [0xe2, 'õ'], [0xe3, 'ó'], [0xe4, 'ọ'],
  [0xe5, 'ồ'], [0xe6, 'ổ'], [0xe7, 'ỗ'], [0xe8, 'ố'], [0xe9, 'ộ'],
  [0xea, 'ờ'], [0xeb, 'ở'], [0xec, 'ỡ'], [0xed, 'ớ'], [0xee, 'ợ'],
  [0xef, 'ù'], [0xf1, 'ủ'], [0xf2, 'ũ'], [0xf3, 'ú'], [0xf4, 'ụ'],
  [0xf5, 'ừ'], [0xf6, 'ử'], [0xf7, 'ữ'], [0xf8, 'ứ'], [0xf9, 'ự'],
  [0xfa, 'ỳ'], [0xfb, 'ỷ'], [0xfc, 'ỹ'], [0xfd, 'ý'], [0xfe, 'ỵ'],
];

/**
 * The capitals with tone marks of the full TCVN 5712:1993 table, which VN3 leaves out: VN2 puts
 * sixteen in the bytes VN3 does not use (always read), VN1 the rest in the control ranges
 * 0x80–0x9F and 0x01–0x17. Bytes 0x80–0x9F are also Windows' typographic punctuation (– — “ ” …),
 * which a VN3 font draws as such, so they are read as capitals only inside a word that then spells
 * a Vietnamese syllable (see decodeTcvn3Word).
 */
// biome-ignore format: a code table, one vowel a line
const TCVN3_CAPITALS_TABLE: ReadonlyArray<readonly [byte: number, letter: string]> = [
  [0x80, 'À'], [0x81, 'Ả'], [0x82, 'Ã'], [0x83, 'Á'], [0x84, 'Ạ'],
  [0xaf, 'Ằ'], [0xba, 'Ẳ'], [0xbf, 'Ẵ'], [0xc0, 'Ắ'], [0x85, 'Ặ'],
  [0xc1, 'Ầ'], [0xc2, 'Ẩ'], [0xc3, 'Ẫ'], [0xc4, 'Ấ'], [0x86, 'Ậ'],
  [0x87, 'È'], [0x88, 'Ẻ'], [0x89, 'Ẽ'], [0x8a, 'É'], [0x8b, 'Ẹ'],
  [0xc5, 'Ề'], [0xcd, 'Ể'], [0xd9, 'Ễ'], [0xda, 'Ế'], [0x8c, 'Ệ'],
  [0x8d, 'Ì'], [0x8e, 'Ỉ'], [0x8f, 'Ĩ'], [0x90, 'Í'], [0x91, 'Ị'],
  [0x92, 'Ò'], [0x93, 'Ỏ'], [0x94, 'Õ'], [0x95, 'Ó'], [0x96, 'Ọ'],
  [0xdb, 'Ồ'], [0xe0, 'Ổ'], [0xf0, 'Ỗ'], [0xff, 'Ố'], [0x97, 'Ộ'],
  [0x98, 'Ờ'], [0x99, 'Ở'], [0x9a, 'Ỡ'], [0x9b, 'Ớ'], [0x9c, 'Ợ'],
  [0x9d, 'Ù'], [0x9e, 'Ủ'], [0x9f, 'Ũ'], [0x01, 'Ú'], [0x02, 'Ụ'],
  [0x04, 'Ừ'], [0x05, 'Ử'], [0x06, 'Ữ'], [0x11, 'Ứ'], [0x12, 'Ự'],
  [0x13, 'Ỳ'], [0x14, 'Ỷ'], [0x15, 'Ỹ'], [0x16, 'Ý'], [0x17, 'Ỵ'],
];

const TCVN3_LETTER = new Map<number, string>([...TCVN3_TABLE, ...TCVN3_CAPITALS_TABLE]);
const TCVN3_BYTE = new Map<string, number>(
  [...TCVN3_TABLE, ...TCVN3_CAPITALS_TABLE].map(([byte, letter]) => [letter, byte]),
);
const isC1 = (byte: number): boolean => byte >= 0x80 && byte <= 0x9f;

// ---------------------------------------------------------------------------------------------
// VNI Windows
// ---------------------------------------------------------------------------------------------

/**
 * VNI Windows: letter → its spelling (lowercase; a capital is spelt with the same bytes'
 * capitals, "Á" = "AÙ", "Đ" = "Ñ", "Ỵ" = "Î"). Marks follow their letter: ù sắc, ø huyền, û hỏi,
 * õ ngã, ï nặng; â circumflex, with a tone á à å ã ä; ê breve, with a tone é è ú ü ë.
 */
// biome-ignore format: a code table, one vowel a line
const VNI_TABLE: ReadonlyArray<readonly [letter: string, vni: string]> = [
  ['đ', 'ñ'],
  ['á', 'aù'], ['à', 'aø'], ['ả', 'aû'], ['ã', 'aõ'], ['ạ', 'aï'],
  ['ă', 'aê'], ['ắ', 'aé'], ['ằ', 'aè'], ['ẳ', 'aú'], ['ẵ', 'aü'], ['ặ', 'aë'],
  ['â', 'aâ'], ['ấ', 'aá'], ['ầ', 'aà'], ['ẩ', 'aå'], ['ẫ', 'aã'], ['ậ', 'aä'],
  ['é', 'eù'], ['è', 'eø'], ['ẻ', 'eû'], ['ẽ', 'eõ'], ['ẹ', 'eï'],
  ['ê', 'eâ'], ['ế', 'eá'], ['ề', 'eà'], ['ể', 'eå'], ['ễ', 'eã'], ['ệ', 'eä'],
  ['í', 'í'], ['ì', 'ì'], ['ỉ', 'æ'], ['ĩ', 'ó'], ['ị', 'ò'],
  ['ó', 'où'], ['ò', 'oø'], ['ỏ', 'oû'], ['õ', 'oõ'], ['ọ', 'oï'],
  ['ô', 'oâ'], ['ố', 'oá'], ['ồ', 'oà'], ['ổ', 'oå'], ['ỗ', 'oã'], ['ộ', 'oä'],
  ['ơ', 'ô'], ['ớ', 'ôù'], ['ờ', 'ôø'], ['ở', 'ôû'], ['ỡ', 'ôõ'], ['ợ', 'ôï'],
  ['ú', 'uù'], ['ù', 'uø'], ['ủ', 'uû'], ['ũ', 'uõ'], ['ụ', 'uï'],
  ['ư', 'ö'], ['ứ', 'öù'], ['ừ', 'öø'], ['ử', 'öû'], ['ữ', 'öõ'], ['ự', 'öï'],
  ['ý', 'yù'], ['ỳ', 'yø'], ['ỷ', 'yû'], ['ỹ', 'yõ'], ['ỵ', 'î'],
];

const VNI_WITH_CAPITALS: ReadonlyArray<readonly [string, string]> = VNI_TABLE.flatMap(([letter, vni]) => [
  [letter, vni] as const,
  [letter.toUpperCase(), vni.toUpperCase()] as const,
]);
const VNI_SPELLING = new Map<string, string>(VNI_WITH_CAPITALS);
const VNI_LETTER = new Map<string, string>(VNI_WITH_CAPITALS.map(([letter, vni]) => [vni, letter]));
/** The mark bytes (second byte of a two-byte spelling), either case. */
const VNI_MARKS = new Set(VNI_WITH_CAPITALS.filter(([, vni]) => vni.length === 2).map(([, vni]) => vni[1]));

function swapCase(char: string): string {
  const lower = char.toLowerCase();
  return char === lower ? char.toUpperCase() : lower;
}

const VNI_SINGLES = VNI_WITH_CAPITALS.flatMap(([, vni]) => (vni.length === 1 ? [vni] : [])).join('');
/** A letter and a mark byte, or a single-byte letter: what VNI spells with one Unicode letter. */
const VNI_SPELLING_PATTERN = new RegExp(
  `[aeouyAEOUY\u00f4\u00f6\u00d4\u00d6][${[...VNI_MARKS].join('')}]|[${VNI_SINGLES}]`,
  'g',
);

function decodeVniSpelling(spelling: string): string {
  const letter = VNI_LETTER.get(spelling);
  if (letter !== undefined) return letter;
  const [base = '', mark = ''] = spelling;
  // A mark typed in the other case than its letter (caps lock on halfway): the letter's case wins.
  const swapped = VNI_LETTER.get(base + swapCase(mark));
  if (swapped !== undefined)
    return base === base.toUpperCase() ? swapped.toUpperCase() : swapped.toLowerCase();
  // A mark that does not fit its letter ("oé") is left; the letter may still be one of its own (ô = ơ).
  return (VNI_LETTER.get(base) ?? base) + mark;
}

function decodeVni(text: string): string {
  return text.replace(VNI_SPELLING_PATTERN, decodeVniSpelling);
}

// ---------------------------------------------------------------------------------------------
// Vietnamese syllables
// ---------------------------------------------------------------------------------------------

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ACUTE_OR_DOT = /[\u0301\u0323]/;
const INITIALS = [
  ...['ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'th', 'tr', 'ch', 'qu'],
  ...['b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''],
];
/** Rhymes (without tone) that end in a vowel. */
const OPEN_RHYMES = new Set(
  (
    'a e ê i o ô ơ u ư y ai ao au âu ay ây eo êu ia iu iêu yêu oa oai oao oay oe oeo oi ôi ơi ' +
    'ua uây ui uôi uy uya uyu ưa ưi ươi ươu ưu uê uơ'
  ).split(' '),
);
/** Vowels that take a final c, m, n, ng, p or t. */
const CLOSED_NUCLEI = new Set('a ă â e ê i o ô ơ u ư y iê yê uô ươ oa oă oe oo uâ uê uy uyê'.split(' '));
/** Vowels that take a final ch or nh. */
const PALATAL_NUCLEI = new Set('a ê i y oa uê uy'.split(' '));
const FINALS = ['ch', 'nh', 'ng', 'c', 'm', 'n', 'p', 't'];
const STOP_FINALS = new Set(['c', 'ch', 'p', 't']);

function isRhyme(rhyme: string, acuteOrDot: boolean): boolean {
  if (OPEN_RHYMES.has(rhyme)) return true;
  for (const final of FINALS) {
    if (!rhyme.endsWith(final) || rhyme.length === final.length) continue;
    const nucleus = rhyme.slice(0, -final.length);
    const nuclei = final === 'ch' || final === 'nh' ? PALATAL_NUCLEI : CLOSED_NUCLEI;
    // A syllable closed by c, ch, p or t carries sắc or nặng, never another tone.
    if (nuclei.has(nucleus) && (!STOP_FINALS.has(final) || acuteOrDot)) return true;
  }
  return false;
}

/**
 * Whether a word is one Vietnamese syllable as written in Unicode: an initial consonant, a rhyme,
 * at most one tone mark (either placement: "hoà" and "hòa"), and one case style (lower, Capital
 * or UPPER). Punctuation around the word is ignored. NFC or NFD. Permissive about rare rhymes and
 * spelling rules (c/k, g/gh); strict about letters Vietnamese does not have (ü, ë, å, µ, ¸…).
 */
export function isVietnameseSyllable(word: string): boolean {
  const core = word.normalize('NFC').replace(/^\P{L}+|\P{L}+$/gu, '');
  if (core === '') return false;
  const lower = core.toLowerCase();
  const upper = core.toUpperCase();
  const first = core.slice(0, 1);
  const capitalised = first === first.toUpperCase() && core.slice(1) === lower.slice(1);
  if (core !== lower && core !== upper && !capitalised) return false;
  const decomposed = lower.normalize('NFD');
  const tones = decomposed.match(TONE_MARKS) ?? [];
  if (tones.length > 1) return false;
  const base = decomposed.replace(TONE_MARKS, '').normalize('NFC');
  if (!/^[a-zđâăêôơư]+$/.test(base)) return false;
  const acuteOrDot = ACUTE_OR_DOT.test(decomposed);
  return INITIALS.some(
    (initial) => base.startsWith(initial) && isRhyme(base.slice(initial.length), acuteOrDot),
  );
}

// ---------------------------------------------------------------------------------------------
// Conversion
// ---------------------------------------------------------------------------------------------

/** VN1 capitals in the C0 range (letters in TCVN3 text, not control characters), as a regex class part. */
const TCVN3_CONTROL_CAPITALS_CLASS = TCVN3_CAPITALS_TABLE.flatMap(([byte]) =>
  byte < 0x20 ? [`\\u${byte.toString(16).padStart(4, '0')}`] : [],
).join('');

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

/**
 * A word in legacy or Unicode text: letters, marks, bytes 0x80–0xFF but the no-break space (as
 * Latin-1 or Windows-1252 characters), and the C0 bytes TCVN 5712 uses for capitals.
 */
const WORD_PATTERN = new RegExp(
  `[\\p{L}\\p{M}${TCVN3_CONTROL_CAPITALS_CLASS}\\u0080-\\u009f\\u00a1-\\u00ff${WINDOWS_1252_80_9F.join('')}]+`,
  'gu',
);

const LOWER_ASCII = /[a-z]/;
const ASCII_WORD = /^[A-Za-z]*$/;

/**
 * A word typed in a capitals font (".VnTimeH") has toned letters typed lowercase between capitals:
 * "NGUYÔN" reads "NGUYễN". A word with two or more capitals, lowercase letters only outside ASCII,
 * is taken for such a word and put in capitals. "Hµ" stays "Hà": one capital says nothing.
 */
function capitaliseCapitalFontWord(word: string): string {
  if (LOWER_ASCII.test(word)) return word;
  let capitals = 0;
  let lowerVietnamese = false;
  for (const char of word) {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    if (lower === upper) continue;
    if (char === upper) capitals++;
    else lowerVietnamese = true;
  }
  return capitals >= 2 && lowerVietnamese ? word.toUpperCase() : word;
}

/** Most C1 bytes in one word for which every reading (capital or punctuation) is tried. */
const MAX_C1_CHOICES = 6;

/**
 * One word of TCVN3 bytes. A byte 0x80–0x9F is a VN1 capital ("H€" → "HÀ") or Windows
 * punctuation ("Néi…" → "Nội…", a lone "–" stays a dash): of the readings, the one with the most
 * capitals that spells a Vietnamese syllable wins, else all stay punctuation. A word made of such
 * bytes alone stays punctuation, so a lone capital ("Ở" as a word) comes out as its punctuation.
 */
function decodeTcvn3Word(text: string): string {
  if (ASCII_WORD.test(text)) return text;
  const bytes = Array.from(text, legacyByte);
  const c1Count = bytes.filter(isC1).length;
  /** The word with the C1 bytes whose bit is set in `capitalMask` read as capitals, in order. */
  const render = (capitalMask: number): string => {
    let word = '';
    let choice = 0;
    for (const byte of bytes) {
      if (isC1(byte)) {
        word += capitalMask & (1 << choice) ? (TCVN3_LETTER.get(byte) as string) : windows1252Char(byte);
        choice++;
      } else {
        word += TCVN3_LETTER.get(byte) ?? windows1252Char(byte);
      }
    }
    return capitaliseCapitalFontWord(word);
  };
  if (c1Count === 0) return render(0);
  const otherLetter = bytes.some(
    (byte) => !isC1(byte) && LETTER_OR_MARK.test(TCVN3_LETTER.get(byte) ?? windows1252Char(byte)),
  );
  if (!otherLetter) return render(0);
  if (c1Count > MAX_C1_CHOICES) {
    const asCapitals = render(-1);
    return isVietnameseSyllable(asCapitals) ? asCapitals : render(0);
  }
  const all = (1 << c1Count) - 1;
  const masks = Array.from({ length: all + 1 }, (_, mask) => mask).sort((a, b) => popcount(b) - popcount(a));
  for (const mask of masks) {
    if (mask === 0) break;
    const word = render(mask);
    if (isVietnameseSyllable(word)) return word;
  }
  return render(0);
}

function popcount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest >>= 1) count += rest & 1;
  return count;
}

function decodeTcvn3(text: string): string {
  return text.replace(WORD_PATTERN, decodeTcvn3Word);
}

/** Options of {@link convertLegacy}. */
export interface ConvertLegacyOptions {
  /**
   * The text was shown in a capitals font (".VnTimeH", ".VnArialH"…, see {@link legacyFontOf}),
   * which draws every letter as a capital: the result is put in capitals.
   * @default false
   */
  capitalsFont?: boolean;
}

/**
 * Legacy text (Windows-1252 or Latin-1 view of TCVN3 or VNI bytes) → Unicode NFC.
 *
 * - A text that is certainly Unicode already ({@link isCertainlyUnicode}: "Họ tên chủ hộ") is
 *   returned unchanged (NFC): no legacy byte shows as "ọ", and converting it would spoil it.
 * - TCVN3: the standard VN3 table, plus the VN1/VN2 capitals (bytes 0x80–0x9F read as capitals
 *   only inside a word that then spells a syllable; otherwise they stay Windows punctuation).
 *   Capitals font caveat: in ".VnTimeH"-style fonts the lowercase bytes draw capitals, which the
 *   bytes cannot tell. A word such as "NGUYÔN" (capitals around lowercase toned bytes) is put in
 *   capitals ("NGUYỄN"); a word with one capital ("Hµ") stays as the normal font shows it ("Hà")
 *   unless `options.capitalsFont` says the cell used such a font. VN2's combining tone marks
 *   (0xB0–0xB4) are not read: no VN3 keyboard wrote them.
 * - VNI: a letter and its mark byte become one letter; a mark after a letter it does not fit
 *   ("ù" after "b") is left as it is.
 * - Other characters (digits, ASCII, white space) are kept.
 */
export function convertLegacy(
  text: string,
  encoding: LegacyEncoding,
  options: ConvertLegacyOptions = {},
): string {
  if (isCertainlyUnicode(text)) return text.normalize('NFC');
  const converted = encoding === 'tcvn3' ? decodeTcvn3(text) : decodeVni(text);
  const result = converted.normalize('NFC');
  return options.capitalsFont ? result.toUpperCase() : result;
}

/**
 * Unicode → legacy text as Excel shows it (the inverse of {@link convertLegacy}, for tests and for
 * fixture generators that build TCVN3/VNI workbooks). Input is NFC-normalised first. TCVN3
 * capitals with tone marks use the full TCVN 5712 table (VN2/VN1 bytes; Ú, Ụ, Ừ, Ử, Ữ, Ứ, Ự, Ỳ,
 * Ỷ, Ỹ, Ý, Ỵ are control bytes 0x01–0x17, which an .xlsx writer must escape). Characters with no
 * legacy spelling are kept as they are.
 *
 * Round trip: `convertLegacy(encodeLegacy(t, e), e) === t` for Vietnamese text of words in one case
 * style each (lower, Capital, UPPER) with ASCII punctuation, digits and spaces; for VNI for any
 * mix of Vietnamese letters and ASCII. TCVN3 exceptions: a word that is a lone capital with a
 * tone in the 0x80–0x9F range ("À", "Ở") comes back as punctuation (see convertLegacy).
 */
export function encodeLegacy(text: string, encoding: LegacyEncoding): string {
  return text.normalize('NFC').replace(/[^\u0020-\u007e]/gu, (char) => {
    if (encoding === 'vni') return VNI_SPELLING.get(char) ?? char;
    const byte = TCVN3_BYTE.get(char);
    return byte === undefined ? char : windows1252Char(byte);
  });
}

/**
 * The legacy encoding a font name implies, as old workbooks name their fonts: ".VnTime",
 * ".VnArial"… (TCVN3; a final "H" — ".VnTimeH", ".VnArial NarrowH" — is the capitals font) and
 * "VNI-Times", "VNI-Helve"… (VNI). Null for any other font.
 */
export function legacyFontOf(fontName: string): { encoding: LegacyEncoding; capitalsFont: boolean } | null {
  const name = fontName.trim();
  if (/^\.vn/i.test(name)) return { encoding: 'tcvn3', capitalsFont: /H$/.test(name) };
  if (/^vni[- ]/i.test(name)) return { encoding: 'vni', capitalsFont: false };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

/** What the words of a sample say about one legacy encoding (see {@link LegacyEvidence}). */
export interface EncodingEvidence {
  /** Words that are not Vietnamese as they are, and are after this conversion. */
  legacy: number;
  /** Words that are Vietnamese as they are, and are not after it (or that no legacy byte spells). */
  unicode: number;
  /** Words this conversion changes, Vietnamese neither before nor after (foreign names, garbage). */
  neither: number;
  /** Words that are Vietnamese after this conversion, all told. */
  valid: number;
}

/**
 * What a sample of cell texts says about its encoding, counted over words with at least one
 * non-ASCII character and one letter (plain ASCII words read the same in every encoding). A word
 * the conversion leaves unchanged, or that is Vietnamese both before and after it ("Thò" is a
 * Unicode word and VNI for "Thị"), says nothing about that encoding.
 */
export interface LegacyEvidence {
  words: number;
  /** Words that are Vietnamese syllables as they are. */
  valid: number;
  tcvn3: EncodingEvidence;
  vni: EncodingEvidence;
}

/** Words looked at by {@link legacyEvidence} at most: a sheet's first few thousand say enough. */
const MAX_EVIDENCE_WORDS = 4000;
const ENCODINGS: readonly LegacyEncoding[] = ['tcvn3', 'vni'];

/** Counts the evidence of {@link LegacyEvidence} in a sample of cell texts. */
export function legacyEvidence(samples: readonly string[]): LegacyEvidence {
  const blank = (): EncodingEvidence => ({ legacy: 0, unicode: 0, neither: 0, valid: 0 });
  const evidence: LegacyEvidence = { words: 0, valid: 0, tcvn3: blank(), vni: blank() };
  for (const sample of samples) {
    for (const word of sample.match(WORD_PATTERN) ?? []) {
      if (evidence.words >= MAX_EVIDENCE_WORDS) return evidence;
      if (!/[^\p{ASCII}]/u.test(word) || !/\p{L}/u.test(word)) continue;
      evidence.words++;
      const asIs = isVietnameseSyllable(word);
      if (asIs) evidence.valid++;
      const unicodeOnly = isCertainlyUnicode(word);
      for (const encoding of ENCODINGS) {
        const counts = evidence[encoding];
        if (unicodeOnly) {
          if (asIs) {
            counts.valid++;
            counts.unicode++;
          }
          continue;
        }
        const converted = convertLegacy(word, encoding);
        const after = isVietnameseSyllable(converted);
        if (after) counts.valid++;
        if (converted === word.normalize('NFC')) continue;
        if (after && !asIs) counts.legacy++;
        else if (asIs && !after) counts.unicode++;
        else if (!asIs && !after) counts.neither++;
      }
    }
  }
  return evidence;
}

/**
 * The decision of {@link detectLegacyEncoding} from counted evidence: an encoding qualifies when
 * at least two words are Vietnamese only after its conversion, and they outnumber the words that
 * speak against it (Vietnamese only as they are, or Vietnamese neither way). Of two that
 * qualify, the one with more such words; a tie decides nothing.
 */
export function legacyEncodingFromEvidence(evidence: LegacyEvidence): LegacyEncoding | null {
  const qualifies = (e: EncodingEvidence): boolean =>
    e.legacy >= 2 && e.legacy >= e.unicode + e.neither && e.legacy > e.unicode;
  const tcvn3 = qualifies(evidence.tcvn3) ? evidence.tcvn3.legacy : 0;
  const vni = qualifies(evidence.vni) ? evidence.vni.legacy : 0;
  if (tcvn3 === vni) return null;
  return tcvn3 > vni ? 'tcvn3' : 'vni';
}

/**
 * Whether a sheet's cell texts are TCVN3, VNI or neither (null), from a sample of them (names,
 * addresses; a few dozen cells are plenty). Score-based: words that become Vietnamese syllables
 * after a conversion and are not Vietnamese already, against words that are Vietnamese only as
 * they are or garbage either way. Does not fire on Unicode Vietnamese (NFC or NFD), ASCII,
 * English, numbers, or French/German names with accents.
 */
export function detectLegacyEncoding(samples: readonly string[]): LegacyEncoding | null {
  return legacyEncodingFromEvidence(legacyEvidence(samples));
}
