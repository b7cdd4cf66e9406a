/**
 * A text file's bytes → a string (issue 17, item 1): how communes' CSV files come. Excel on
 * Windows saves "CSV UTF-8" (with a byte-order mark), "Unicode text" (UTF-16LE with a BOM, tab
 * separated) or plain "CSV" in the system's ANSI code page: Windows-1258 on a Vietnamese system,
 * whose letters carry their tone as a separate combining mark. An old list typed in a TCVN3 or VNI
 * font holds that font's bytes; it is read as Excel shows it (each byte's Windows-1252 character),
 * and the sheet's legacy conversion (legacy-vietnamese.ts) does the rest, as for a workbook.
 *
 * Every result is NFC. Pure: no DOM, no Node API; TextDecoder's 'windows-1258' needs full ICU,
 * which Chromium and Node 20's official builds have.
 */
import { legacyEncodingFromEvidence, legacyEvidence, windows1252View } from './legacy-vietnamese';
import type { TextEncodingName } from './types';

/**
 * How a file's bytes were read. 'windows-1252' is a TCVN3 or VNI file read byte for byte as
 * Excel shows it, for the legacy conversion to turn into Vietnamese.
 *
 * NOTE for the import contract (types.ts): `TextEncodingName` lacks 'windows-1252'; this type
 * widens it until the contract takes it in.
 */
export type DecodedTextEncoding = TextEncodingName | 'windows-1252';

/** A decoded text file: its text (NFC, without a byte-order mark) and how it was read. */
export interface DecodedText {
  text: string;
  encoding: DecodedTextEncoding;
}

/** What a file that is not text was recognised as: a known binary format, or just binary bytes. */
export type NotTextKind = 'png' | 'jpeg' | 'gif' | 'pdf' | 'zip' | 'ole2' | 'gzip' | 'binary';

/**
 * Thrown by {@link decodeTextFile} for bytes that are not text: a known binary format by its
 * signature (a PNG, a ZIP — an .xlsx is one —, an OLE2 compound file — an .xls is one —…), NUL
 * bytes outside UTF-16, or too many control characters. The UI says "not a spreadsheet".
 */
export class NotTextError extends Error {
  override readonly name = 'NotTextError';
  constructor(readonly kind: NotTextKind) {
    super(kind === 'binary' ? 'The file is not text' : `The file is not text but ${kind}`);
  }
}

/** File signatures ("magic numbers") of binary formats people pick by mistake. */
const SIGNATURES: ReadonlyArray<readonly [NotTextKind, readonly number[]]> = [
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]],
  ['gif', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['zip', [0x50, 0x4b, 0x07, 0x08]],
  ['ole2', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['gzip', [0x1f, 0x8b]],
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** Bytes looked at to recognise UTF-16 without a BOM, and to choose an 8-bit reading. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * UTF-16 without a byte-order mark shows as NULs in every other byte: the high byte of ASCII
 * letters, digits, spaces and separators, which any list is full of. At least a fifth of the
 * byte pairs with a NUL on one side and almost none on the other.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(bytes.length, SAMPLE_BYTES) / 2);
  if (pairs < 2) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  if (oddNuls >= pairs * 0.2 && evenNuls <= pairs * 0.02) return 'utf-16le';
  if (evenNuls >= pairs * 0.2 && oddNuls <= pairs * 0.02) return 'utf-16be';
  return null;
}

/**
 * Control characters no text file holds: C0 except tab, line feed, vertical tab, form feed,
 * carriage return, and the C0 bytes TCVN 5712 uses for capitals (0x01, 0x02, 0x04–0x06,
 * 0x11–0x17); and DEL. More than 1% of them (or any NUL) and the file is binary.
 */
function isStrayControl(code: number): boolean {
  if (code === 0x7f) return true;
  if (code >= 0x20) return false;
  return !(
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x01 ||
    code === 0x02 ||
    (code >= 0x04 && code <= 0x06) ||
    (code >= 0x11 && code <= 0x17)
  );
}

function assertText(text: string): void {
  let stray = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) throw new NotTextError('binary');
    if (isStrayControl(code)) stray++;
  }
  if (stray > 0 && stray * 100 > text.length) throw new NotTextError('binary');
}

/** A text's cells, roughly (lines split at commas, semicolons and tabs), for the encoding evidence. */
function sampleCells(text: string): string[] {
  return text.slice(0, SAMPLE_BYTES).split(/\r\n|\r|\n|[,;\t]/);
}

/**
 * An 8-bit file: Windows-1258, or TCVN3/VNI bytes. Each reading is scored by how many of its words
 * are Vietnamese syllables (legacy-vietnamese.ts); the legacy reading wins when its conversion
 * detects and makes more syllables than Windows-1258 does.
 */
function decodeEightBit(bytes: Uint8Array): DecodedText {
  const windows1258 = new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
  const view = windows1252View(bytes);
  const legacy = legacyEvidence(sampleCells(view));
  const encoding = legacyEncodingFromEvidence(legacy);
  if (encoding !== null && legacy[encoding].valid > legacyEvidence(sampleCells(windows1258)).valid) {
    return { text: view, encoding: 'windows-1252' };
  }
  return { text: windows1258, encoding: 'windows-1258' };
}

function decode(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    // The mark says UTF-8: a broken sequence shows as U+FFFD rather than another reading.
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16 !== null) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return decodeEightBit(bytes);
  }
}

/**
 * A text file's bytes → `{ text, encoding }`, text in NFC without a byte-order mark. In order:
 * a BOM (UTF-8, UTF-16LE, UTF-16BE); UTF-16 without a BOM when every other byte is often NUL; strict
 * UTF-8; else an 8-bit file, read as Windows-1258 or, when its words are TCVN3/VNI, byte for
 * byte as Excel shows it ('windows-1252', see {@link DecodedTextEncoding}). Empty bytes give an
 * empty text ('utf-8'): whether that is an error is the caller's call.
 *
 * @throws {NotTextError} for a binary file (known signature, NULs outside UTF-16, or over 1% of
 *   control characters).
 */
export function decodeTextFile(bytes: Uint8Array): DecodedText {
  for (const [kind, signature] of SIGNATURES) {
    if (startsWith(bytes, signature)) throw new NotTextError(kind);
  }
  const decoded = decode(bytes);
  assertText(decoded.text);
  return { text: decoded.text.normalize('NFC'), encoding: decoded.encoding };
}
