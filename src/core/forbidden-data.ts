/**
 * Data the register must never hold, found in free text in every form it is typed (issue 14, kind 6).
 *
 * DESIGN §7, after Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 and Nghị định 356/2025/NĐ-CP: ID-card
 * numbers (a yes/no "has chip card" suffices), VNeID or bank passwords, OTPs and passcodes are never
 * stored, whether typed on a phone, pushed, or sent to the server by a hostile client. This one check
 * serves every free-text field on both sides (schemas.ts for records, server/validation.ts for account
 * names), so the phone and the server refuse exactly the same texts.
 *
 * How it reads a text: a folded copy (one form per character: NFKC, no diacritics, lower case, every
 * Unicode decimal digit and every invisible tag digit U+E0030–E0039 as ASCII, every dash as "-",
 * Hangul fillers as spaces, other invisible characters dropped) keeps, per folded character, where it
 * came from, so findings point into the caller's (NFC) text.
 *
 * - ID numbers: old CMND (9 digits) and chip CCCD (12 digits; a 3-digit province code 001–096 first).
 *   Digits are read as chains joined by separators: . - / _ · with spaces or not, any run of up to
 *   three characters that are neither letters nor digits (spaces, tabs, line breaks, brackets,
 *   symbols, blanks such as U+2800), or a comma alone; a comma with a space after it or a ";" ends
 *   a chain ("1958, 1960, 1985" is a list). A chain, or a maximal stretch of its equal-sized groups,
 *   is an ID number when it holds 9 or 12 digits and is one unbroken run, groups of three, or single
 *   digits; or a whole chain of 9 digits in two to four groups that is not a date or a time
 *   ("12 345 6789", "123-45-6789"); or 12 digits in other groups that start like a CCCD and are not
 *   dates ("0012 0300 4567" is refused, "2010 2012 2015" is three birth years). Phones (10–11
 *   digits, or 9 after +84), dates, and money (a currency word, or a thousands tail "…000") pass.
 * - OTPs: a word for one ("OTP", "O.T.P", "0TP", "mã xác thực", "mã xác nhận"…) with a 4–8 digit
 *   code after it (past words like "gửi về số", "code", a ":" / "là", or alone on the next line), or
 *   a code right before "là mã OTP".
 * - Passwords and passcodes: a word for one ("mật khẩu", "mật_khẩu", "mk", "pass", "p@ss",
 *   "password", "mã PIN"…) with a value after it that looks like a secret: 4+ characters with a
 *   digit; or a word of 3+ characters without Vietnamese marks that ends the clause right after the
 *   keyword or its ":" / "=" / "là" ("mk: abc", "password abc"), unless it is a word about the
 *   password ("chưa", "xong"…); or after a ":" / "=" / "là" a word of 6+ characters without marks,
 *   letters only ("hoangmai") or letters with symbols ("Tr@ngHoa"). A value alone on the line after
 *   the keyword counts as after a ":". "pin" alone is a battery unless 4–6 digits follow it that are
 *   not a charge or a capacity ("PIN: 1234", "pin 1234" are refused; "pin 20%", "pin 5000 mAh"
 *   pass). "Đổi mật khẩu 2 lần", "Mật khẩu: đã đổi" and "mk: ********" pass.
 *
 * Precision over recall where a village's ordinary words are at stake (a note about the online-safety
 * lesson must save); recall where digits alone decide (a bare 9- or 12-digit run is refused unless a
 * currency word follows or +84 precedes it). Known gaps, left on purpose: digits written as words,
 * letters standing for digits in a number ("O" for 0; only "0TP" is read as a word), an ID split by
 * words or by ", ", and a secret with no word naming it (a bare "482913" is any number).
 * Pure: no DOM, no Node APIs; linear in the length of the text.
 */

import type { ValidationMessage } from './validation';

export type ForbiddenKind = 'id_number' | 'otp' | 'password';

/** What a form shows beside a field holding each kind, and what the server names in a 400. */
export const FORBIDDEN_DATA_MESSAGES = {
  id_number: 'err.idNumberInText',
  otp: 'err.otpInText',
  password: 'err.passwordInText',
} as const satisfies Record<ForbiddenKind, ValidationMessage>;

/** One piece of forbidden data: its kind and where it is in the NFC form of the text (UTF-16 offsets). */
export interface ForbiddenFinding {
  kind: ForbiddenKind;
  start: number;
  end: number;
}

// ------------------------------------------------------------------------------------------ folding

const ND = /\p{Nd}/u;
const digitCache = new Map<number, number>();

/**
 * The value (0–9) of any Unicode decimal digit (general category Nd: ASCII, fullwidth, Arabic-Indic,
 * Thai, Devanagari, mathematical…), or undefined for any other character. Unicode assigns decimal
 * digits only in contiguous runs from 0 to 9 (its stability policy for Numeric_Type=Decimal), some
 * runs back to back (the five mathematical sets), so the value is the distance from the start of the
 * contiguous Nd range, modulo 10.
 */
export function decimalDigitValue(char: string): number | undefined {
  const cp = char.codePointAt(0);
  if (cp === undefined || !ND.test(char)) return undefined;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  const cached = digitCache.get(cp);
  if (cached !== undefined) return cached;
  let start = cp;
  while (ND.test(String.fromCodePoint(start - 1))) start--;
  const value = (cp - start) % 10;
  digitCache.set(cp, value);
  return value;
}

const MARK_OR_FORMAT = /^[\p{M}\p{Cf}]$/u;
const DASH = /^\p{Pd}$/u;
const SPACE = /^\s$/u;

/** Hangul fillers: letters by category, blank on screen, so a space between digit groups. */
const FILLER = /^[\u115f\u1160\u3164\uffa0]$/;
/** Unicode tag digits (U+E0030–E0039): invisible, yet they spell digits to whoever reads the bytes. */
const TAG_ZERO = 0xe0030;

/** One character's folded form: '' (invisible, a lone mark), or one or more ASCII-ish characters. */
function foldChar(char: string): string {
  const digit = decimalDigitValue(char);
  if (digit !== undefined) return String(digit);
  const cp = char.codePointAt(0) ?? 0;
  if (cp >= TAG_ZERO && cp <= TAG_ZERO + 9) return String(cp - TAG_ZERO);
  if (char === '\r' || char === '\n' || char === '\u2028' || char === '\u2029') return '\n';
  if (SPACE.test(char) || FILLER.test(char)) return ' ';
  if (MARK_OR_FORMAT.test(char)) return '';
  if (DASH.test(char)) return '-';
  return char
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s/gu, ' ');
}

/**
 * Folded forms of the Basic Multilingual Plane, filled as characters are met: bounded (65,536
 * entries at most, whatever a hostile text holds), and the per-character work is one array read.
 */
const BMP_FOLDS: Array<string | undefined> = [];

interface Folded {
  /** The NFC text findings point into. */
  text: string;
  folded: string;
  /** Per folded character: the UTF-16 offsets of the character of `text` it came from. */
  from: number[];
  to: number[];
}

function fold(input: string): Folded {
  const text = input.normalize('NFC');
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let at = 0; at < text.length; ) {
    const code = text.charCodeAt(at);
    const next = text.charCodeAt(at + 1);
    const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    const width = pair ? 2 : 1;
    let out: string;
    if (pair) out = foldChar(text.slice(at, at + 2));
    else {
      const known = BMP_FOLDS[code];
      out = known ?? foldChar(text[at] ?? '');
      if (known === undefined) BMP_FOLDS[code] = out;
    }
    for (let i = 0; i < out.length; i++) {
      from.push(at);
      to.push(at + width);
    }
    folded += out;
    at += width;
  }
  return { text, folded, from, to };
}

function finding(f: Folded, kind: ForbiddenKind, start: number, end: number): ForbiddenFinding {
  return { kind, start: f.from[start] ?? 0, end: f.to[end - 1] ?? f.text.length };
}

// --------------------------------------------------------------------------------------- ID numbers

/**
 * Digit groups joined by separators: one of . - / _ · with spaces around it or not, or any run of at
 * most three characters that are neither letters nor digits (spaces, line breaks, punctuation,
 * symbols, blanks: "0012 (0300) 4567", "001203\n004567"), or a comma alone ("0012,0300,4567"). A
 * comma with a space after it, or a ";", ends the chain: "1958, 1960, 1985" is a list.
 */
const CHAIN = /\d+(?:(?: *[./_·-] *|,|[^\p{L}\p{N};,]{1,3})\d+)*/gu;
const GROUP = /\d+/g;
/** A CCCD starts with its province code, 001–096 (Thông tư 59/2021/TT-BCA, appendix I). */
const CCCD_START = /^0(?:0[1-9]|[1-8]\d|9[0-6])/;
const DATE =
  /(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d(?!\d)|(?<!\d)(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2}(?!\d)/;
/** "đ", "đồng", "VND", "k", "nghìn", "triệu", "tỷ" after an amount (folded: no marks). */
const MONEY_AFTER = /^ ?(?:d|dong|vnd|k|nghin|ngan|trieu|tr|ty|ti)(?![a-z])/;
/** +84 / 0084 / (+84) before the nine digits of a phone written without its leading 0. */
const COUNTRY_CODE_BEFORE = /(?:\+|00) ?\(? ?84 ?\)? ?[.-]? ?$/;

interface Group {
  digits: string;
  start: number;
  end: number;
}

function idNumbers(f: Folded): ForbiddenFinding[] {
  const out: ForbiddenFinding[] = [];
  for (const chain of f.folded.matchAll(CHAIN)) {
    const base = chain.index;
    const groups: Group[] = [...chain[0].matchAll(GROUP)].map((g) => ({
      digits: g[0],
      start: base + g.index,
      end: base + g.index + g[0].length,
    }));
    const spans: Array<[number, number]> = [[0, groups.length - 1]];
    // Maximal stretches of equal-sized groups: an ID number in threes next to a phone in fours.
    for (let i = 0; i < groups.length; ) {
      let j = i;
      while (j + 1 < groups.length && groups[j + 1]?.digits.length === groups[i]?.digits.length) j++;
      if (i !== 0 || j !== groups.length - 1) spans.push([i, j]);
      i = j + 1;
    }
    for (const [i, j] of spans) {
      if (isIdNumber(f.folded, groups, i, j)) {
        out.push(finding(f, 'id_number', groups[i]?.start ?? 0, groups[j]?.end ?? 0));
      }
    }
  }
  return out;
}

function separatorBetween(folded: string, groups: readonly Group[], i: number): string {
  return folded.slice(groups[i]?.end ?? 0, groups[i + 1]?.start ?? 0).trim() || ' ';
}

function isIdNumber(folded: string, groups: readonly Group[], i: number, j: number): boolean {
  const span = groups.slice(i, j + 1);
  const digits = span.map((g) => g.digits).join('');
  if (digits.length !== 9 && digits.length !== 12) return false;
  const first = span[0];
  const last = span[span.length - 1];
  if (!first || !last) return false;
  if (MONEY_AFTER.test(folded.slice(last.end, last.end + 8))) return false;
  if (digits.length === 9 && !digits.startsWith('0')) {
    const before = groups[i - 1]?.digits;
    if (before !== undefined && /^(?:(?:00)?84|0)$/.test(before)) return false;
    if (i === 0 && COUNTRY_CODE_BEFORE.test(folded.slice(Math.max(0, first.start - 12), first.start)))
      return false;
  }
  if (span.length === 1) return true;
  const size = first.digits.length;
  const uniform = span.every((g) => g.digits.length === size);
  if (uniform && size === 3) {
    // Thousands: "100.000.000", or the tail of "12.345.678.901". An amount never starts with a 0, a
    // CCCD always does ("001 000 000 000": a province code and zeros, found by the property test).
    if (last.digits === '000' && !first.digits.startsWith('0')) return false;
    const sep = separatorBetween(folded, groups, i);
    const lead = groups[i - 1];
    if (lead && lead.digits.length <= 2 && sep === '.' && separatorBetween(folded, groups, i - 1) === sep)
      return false;
    return true;
  }
  if (uniform && size === 1) return true;
  // A CMND in any other grouping ("12 345 6789", "123-45-6789"): the whole chain, two to four
  // groups, not a date, a time or years and a count ("12/3/2024 15", "7:30 12/3", "2010 2015 3").
  if (digits.length === 9) {
    const text = folded.slice(first.start, last.end);
    const years = span.some((g) => /^(?:19|20)\d\d$/.test(g.digits));
    const whole = i === 0 && j === groups.length - 1 && span.length <= 4;
    return whole && !years && !text.includes(':') && !DATE.test(text);
  }
  return digits.length === 12 && CCCD_START.test(digits) && !DATE.test(folded.slice(first.start, last.end));
}

// ------------------------------------------------------------------------------- OTPs and passwords

/** Words for a one-time code (folded), "O.T.P" and "0TP" (a zero for the O) too. */
const OTP_WORDS =
  /(?<![a-z0-9])(?:(?:ma )?[o0]\.?t\.?p|ma (?:xac (?:thuc|nhan)|kich hoat|bao mat|dang nhap)|one[- ]time code)(?![a-z])/g;
/**
 * Words for a password or passcode (folded), their words joined by a space, "_", "." or "-" or not
 * ("mật_khẩu"), "p@ss" and "pa55" too; "pin" alone is a battery, so only "mã PIN" here (see PIN).
 */
const PASSWORD_WORDS =
  /(?<![a-z0-9])(?:mat[ _.-]?khau|mat[ _.-]ma|p[a@4][s$5][s$5](?:w[o0]rds?|wd|code)?|pwd|pw|mk|ma[ _.-]?pin|pin[ _.-]?code|ma[ _.-]mo[ _.-]khoa)(?![a-z])/g;
/**
 * "PIN" alone names a passcode only with its value right after it, 4–6 digits that are not a
 * battery's charge or capacity: "PIN: 1234", "pin 1234" are refused, "pin 20%", "pin 5000 mAh" pass.
 */
const PIN =
  /(?<![a-z0-9])(?<!ma[ _.-]?)pin(?: ?[:=] ?| la | ?\n[ \n]*| )\d{4,6}(?![\d.,]?\d| ?(?:%|mah|ma|wh|w|v|h|gio|phut|lan|nam)(?![a-z]))/g;

/**
 * Words that may stand between the keyword and its value without a ":" ("mật khẩu ngân hàng của bà
 * 123456", "OTP gửi về số 482913"): whose, which app, how it came.
 */
const QUALIFIERS = new Set(
  (
    'cua ba ong anh chi co chu bac em cu chau tai khoan tk app ung dung dang nhap vneid ngan hang nh ' +
    'zalo facebook fb email gmail mail wifi momo zalopay vnpay icloud apple id dich vu cong dvc the atm ' +
    'bank banking vietcombank vcb agribank bidv vietinbank techcombank tcb mb mbbank vpbank sacombank ' +
    'acb tpbank viettel money viettelpay shopee lazada tiktok moi hien gui ve qua so sms tin nhan ' +
    'duoc vua nhan code'
  ).split(' '),
);
const MAX_QUALIFIERS = 5;
/**
 * Words (folded, without marks) that end a clause after a password word without being one: its
 * state ("mật khẩu: chưa", "mk xong"), and chat words ("mk" is also "mình": "cảm ơn mk nha").
 */
const NOT_SECRETS = new Set(
  (
    'chua khong ko k co da doi roi xong het quen sai dung nhap ok oke okay tot yeu manh lai nua cu ' +
    'moi nha nhe ne thoi luon oi a ah vay day kia nay do sao gi nao ai di vui buon none null nil ' +
    'otp pin pass password mk code'
  ).split(' '),
);
/** How far after a keyword its value may be: one short clause. */
const WINDOW = 48;
const CLAUSE_END = /[\n;,!?]|\. /;
/** A ":" or "=" or "là" before the value. */
const MARKER = /^(.*?)(?: ?[:=] ?| la )/;
const CODE = /^\d(?:[ .-]?\d)*/;
const SECRET_SYMBOL = /[^\p{L}\p{N}\s]/u;
const VIETNAMESE_MARK = /[^\p{ASCII}]/u;

/** The folded text from `at`, no longer than a value could be: work per keyword stays bounded. */
function ahead(f: Folded, at: number): string {
  return f.folded.slice(at, at + WINDOW);
}

function clause(folded: string, from: number): string {
  const window = folded.slice(from, from + WINDOW);
  const end = window.search(CLAUSE_END);
  return end === -1 ? window : window.slice(0, end);
}

/** A 4–8 digit code (its digits may be grouped: "482 913") at the start of `text`, whole. */
function codeLength(text: string): number {
  const code = CODE.exec(text)?.[0];
  if (!code) return 0;
  const digits = code.replace(/\D/g, '').length;
  return digits >= 4 && digits <= 8 ? code.length : 0;
}

/** Whether nothing but closing punctuation is left of the clause (or the line) from `at`. */
function endsClause(f: Folded, at: number): boolean {
  return /^[\s.,;:!?)"'”]*$/.test(clause(f.folded, at));
}

/**
 * Where a value stands: after a ":" / "=" / "là" or alone on the next line ('marker'), right after
 * the keyword ('next'), or past qualifying words ('later').
 */
type Place = 'marker' | 'next' | 'later';

/** Whether the original characters of a value look like a password rather than words about one. */
function secretLength(f: Folded, start: number, place: Place): number {
  const token = /^\S+/.exec(ahead(f, start))?.[0]?.replace(/[.,;)]+$/, '') ?? '';
  if (token.length === 0) return 0;
  const original = f.text.slice(f.from[start] ?? 0, f.to[start + token.length - 1] ?? 0);
  if (/\d/.test(token) && token.length >= 4) return token.length;
  if (place === 'later' || VIETNAMESE_MARK.test(original)) return 0;
  // A short word that ends the clause is the value itself: "mk: abc", "password abc" (a tab typed
  // between them is a space by then). Words about the password end a clause too: "mk: chua".
  if (
    token.length >= 3 &&
    /[a-z0-9]/.test(token) &&
    !NOT_SECRETS.has(token) &&
    !QUALIFIERS.has(token) &&
    endsClause(f, start + token.length)
  )
    return token.length;
  if (place !== 'marker' || token.length < 6) return 0;
  // Letters, or letters and symbols ("Tr@ngHoa"); a mask of its own ("********") hides nothing.
  return /^[a-z]+$/.test(token) || (SECRET_SYMBOL.test(token) && /[a-z]/.test(token)) ? token.length : 0;
}

type ValueLength = (f: Folded, start: number, place: Place) => number;

/** The end of the value a keyword at [start, end) names, or 0 when it names none. */
function valueAfter(f: Folded, end: number, value: ValueLength): number {
  // The keyword ends its line and the value is the whole next line: a form's label and value.
  const lineBreak = /^ *\n[ \n]*/.exec(ahead(f, end))?.[0];
  if (lineBreak) {
    const at = end + lineBreak.length;
    const length = value(f, at, 'marker');
    return length > 0 && endsClause(f, at + length) ? at + length : 0;
  }
  const text = clause(f.folded, end);
  const marker = MARKER.exec(text);
  if (marker) {
    const at = end + marker[0].length;
    const length = value(f, at, 'marker');
    if (length > 0) return at + length;
  }
  // No marker: past a few qualifying words, the next word is the value.
  let at = end;
  for (let skipped = 0; skipped <= MAX_QUALIFIERS; skipped++) {
    const gap = /^ */.exec(ahead(f, at))?.[0].length ?? 0;
    at += gap;
    const length = value(f, at, skipped === 0 ? 'next' : 'later');
    if (length > 0) return at + length;
    const word = /^[a-z]+/.exec(ahead(f, at))?.[0];
    if (!word || !QUALIFIERS.has(word) || gap === 0) return 0;
    at += word.length;
  }
  return 0;
}

/** A value right before the keyword: "482913 là mã OTP", "abc123 là mật khẩu Zalo". */
function valueBefore(f: Folded, start: number, value: ValueLength): number {
  const before = / ?(?:[:=(]|la) ?(?:ma )?$/.exec(f.folded.slice(Math.max(0, start - 12), start));
  if (!before) return -1;
  const end = start - before[0].length;
  const token = /\S+$/.exec(f.folded.slice(Math.max(0, end - WINDOW), end))?.[0];
  if (!token) return -1;
  const at = end - token.length;
  return value(f, at, 'marker') >= token.length ? at : -1;
}

function named(f: Folded, kind: ForbiddenKind, words: RegExp, value: ValueLength): ForbiddenFinding[] {
  const out: ForbiddenFinding[] = [];
  for (const word of f.folded.matchAll(words)) {
    const start = word.index;
    const end = start + word[0].length;
    const after = valueAfter(f, end, value);
    if (after > 0) {
      out.push(finding(f, kind, start, after));
      continue;
    }
    const before = valueBefore(f, start, value);
    if (before >= 0) out.push(finding(f, kind, before, end));
  }
  return out;
}

// ------------------------------------------------------------------------------------------ the API

/**
 * Every piece of forbidden data in `text`, in order of where it starts. Positions are UTF-16 offsets
 * into `text.normalize('NFC')` (the form the schemas store). Never throws; linear in `text.length`.
 */
export function findAllForbiddenData(text: string): ForbiddenFinding[] {
  const f = fold(text);
  const all = [
    ...named(f, 'otp', OTP_WORDS, (g, at) => codeLength(ahead(g, at))),
    ...named(f, 'password', PASSWORD_WORDS, secretLength),
    ...[...f.folded.matchAll(PIN)].map((m) => finding(f, 'password', m.index, m.index + m[0].length)),
    ...idNumbers(f),
  ];
  return all.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * The first piece of forbidden data in `text` (an ID-card number, an OTP or a password; DESIGN §7),
 * or undefined when the text may be stored. See the module comment for what each kind covers.
 */
export function findForbiddenData(text: string): ForbiddenFinding | undefined {
  return findAllForbiddenData(text)[0];
}

/** The message for the first piece of forbidden data in `text`, or undefined when there is none. */
export function forbiddenDataMessage(text: string): ValidationMessage | undefined {
  const found = findForbiddenData(text);
  return found && FORBIDDEN_DATA_MESSAGES[found.kind];
}

/** How a piece of forbidden data is replaced: by default `[redacted: id_number]` (the audit log). */
export type RedactionMask = (kind: ForbiddenKind) => string;
const AUDIT_MASK: RedactionMask = (kind) => `[redacted: ${kind}]`;
/** Where a person reads the text (a draft, a refused change): hidden, not a code. */
export const hiddenMask: RedactionMask = () => '***';

/**
 * `text` in NFC with each piece of forbidden data replaced by `mask(kind)`, for where a text must be
 * kept but its secret must not (the audit log's record of a failed login, a refused change kept on
 * the phone).
 */
export function redactForbiddenData(text: string, mask: RedactionMask = AUDIT_MASK): string {
  const nfc = text.normalize('NFC');
  let out = '';
  let at = 0;
  for (const found of findAllForbiddenData(nfc)) {
    if (found.start < at) continue;
    out += `${nfc.slice(at, found.start)}${mask(found.kind)}`;
    at = found.end;
  }
  return out + nfc.slice(at);
}

/** Ids are not text: a UUID's hex groups can spell twelve digits that look like a CCCD. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `value` with every string in it (in arrays and objects too, UUIDs aside) redacted as
 * `redactForbiddenData` does; other values as they are. The same object when nothing changed.
 */
export function redactForbiddenDeep<T>(value: T, mask: RedactionMask = AUDIT_MASK): T {
  if (typeof value === 'string') {
    if (UUID.test(value) || findAllForbiddenData(value).length === 0) return value;
    return redactForbiddenData(value, mask) as T;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => redactForbiddenDeep(item, mask));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, redactForbiddenDeep(v, mask)] as const);
    const changed = entries.some(([k, v]) => v !== (value as Record<string, unknown>)[k]);
    return (changed ? Object.fromEntries(entries) : value) as T;
  }
  return value;
}
