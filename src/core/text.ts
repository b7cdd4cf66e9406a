/**
 * Text that looks the same is stored the same (issue 13, kind 7). Vietnamese typed on two keyboards
 * arrives composed (NFC: "à" is one code point) or decomposed (NFD: "a" + a combining grave), and
 * pasted text brings invisible characters and runs of spaces; without one stored form, one lane
 * shows as two in every list. Every text a person types passes through these before it is stored,
 * on the phone and on the server.
 */

/**
 * Invisible: every format character (Unicode category Cf): zero-width space, non-joiner, joiner,
 * word joiner, byte-order mark, soft hyphen, the bidirectional marks, embeddings, overrides and
 * isolates (a pasted U+202E shows "a‮evil" as "alive"), and the tag characters U+E0000–E007F, which
 * can spell text, digits too, that no one sees (issue 14, kind 6). No Vietnamese text needs one.
 */
const INVISIBLE = /\p{Cf}/gu;
/**
 * What no keyboard types and no database stores well: control characters (tab, line feed and
 * carriage return aside, which normalising turns into spaces and line breaks), halves of a UTF-16
 * surrogate pair (broken text), noncharacters (U+FFFE, U+FFFF, U+FDD0–FDEF and the last two of
 * every plane: never text, by Unicode's own rule) and private-use characters (what they show
 * depends on a font; no one reads the same thing). PostgreSQL refuses a NUL in text outright.
 */
const FORBIDDEN = /(?![\t\n\r])\p{Cc}|\p{Surrogate}|\p{Noncharacter_Code_Point}|\p{Co}/u;

/**
 * Whether text holds characters that cannot be stored (security issue 14, kind 3): refused with
 * `err.invalidCharacters`, beside the field, never a server error.
 */
export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN.test(text);
}
const SPACE_RUNS = /\s+/g;
/** Line-breaks are kept in multi-line text (notes); other white-space runs become one space. */
const SPACES_IN_LINE = /[^\S\n]+/g;
const LINE_BREAKS = /\r\n?/g;

/** One line of text (a name, a lane): NFC, no invisible characters, single spaces, trimmed. */
export function normalizeLine(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(SPACE_RUNS, ' ').trim();
}

/** Several lines (notes): NFC, no invisible characters, single spaces within lines, trimmed. */
export function normalizeMultiline(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(LINE_BREAKS, '\n')
    .replace(SPACES_IN_LINE, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/**
 * The key two texts share when they look alike (same letters and marks, any case or spacing):
 * "Xóm Nà Pài", "xóm  Nà Pài" and its decomposed spelling group as one lane.
 */
export function groupingKey(text: string | undefined): string {
  return normalizeLine(text ?? '').toLocaleLowerCase('vi');
}
