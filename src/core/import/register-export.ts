/**
 * The register as a spreadsheet (issue 17, item 6): what an export writes, as plain rows, so the XLSX
 * and the CSV carry the same cells and the import reads either back as the same register.
 *
 * - One row per live resident, households in the village's walking order (walk-order.ts, the order
 *   the household list shows), numbered "Mã hộ" 1, 2, 3… in that order; the household's fields on
 *   each of its rows; a household without residents has one row with the resident columns empty.
 * - Residents within a household eldest first (as the household page lists them).
 * - Deleted households and residents (`deletedAt` set) are left out; so is every column
 *   REGISTER_COLUMNS does not name (no sex, phone, groups, ethnicity, consent or ids: DESIGN §7).
 * - STT, Mã hộ, Số nhân khẩu and Năm sinh are numbers, every other cell text; an empty cell is "".
 *
 * A commune export is one sheet per village in XLSX (`registerSheets`) and one CSV file whose first
 * column is "Thôn" (`communeRegisterRows`): one file is what an officer sends on, and the village
 * column is what tells the rows apart when the commune's list is imported back.
 */
import type { Household, Resident, Village } from '../schemas';
import { foldForSearch } from '../search';
import { compareWalk, laneComparator } from '../walk-order';
import { REGISTER_COLUMNS, TICK } from './register-columns';
import type { ImportField } from './types';

/** A cell as an export writes it: a number, or text ("" when empty). */
export type RegisterCell = string | number;
export type RegisterRow = RegisterCell[];

/** What of a household an export reads; HouseholdRow and the server's rows both fit. */
export type ExportHousehold = Pick<
  Household,
  'id' | 'label' | 'lane' | 'address' | 'walkOrder' | 'membersCount' | 'poor' | 'notes' | 'deletedAt'
>;
/** What of a resident an export reads. */
export type ExportResident = Pick<
  Resident,
  'id' | 'householdId' | 'name' | 'birthYear' | 'createdAt' | 'deletedAt'
>;
export type ExportVillage = Pick<Village, 'name'> & { laneOrder?: readonly string[] | undefined };

/** One village's part of an export. */
export interface VillageRegister {
  village: ExportVillage;
  households: readonly ExportHousehold[];
  residents: readonly ExportResident[];
}

/** The header of the village column a commune-wide CSV starts with. */
export const VILLAGE_HEADER = 'Thôn';

/** Excel refuses a sheet name longer than this (UTF-16 units) or holding one of SHEET_NAME_FORBIDDEN. */
export const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

/** The byte-order mark that makes Excel read a CSV as UTF-8 rather than the PC's ANSI code page. */
export const UTF8_BOM = '\uFEFF';

const byName = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/**
 * The rows of one village's register, header first (REGISTER_COLUMNS' headers, in their order).
 *
 * @param laneOrder the lanes' walking order; defaults to the village's own (`village.laneOrder`)
 * @returns the header row, then one row per live resident (or per empty live household); STT runs
 *   1..n over the rows, "Mã hộ" 1..m over the households
 */
export function registerRows(
  village: ExportVillage,
  households: readonly ExportHousehold[],
  residents: readonly ExportResident[],
  laneOrder: readonly string[] | undefined = village.laneOrder,
): RegisterRow[] {
  return [REGISTER_COLUMNS.map((c) => c.header), ...bodyRows({ village, households, residents }, laneOrder)];
}

/**
 * The rows of a commune-wide CSV: the header with "Thôn" first, then each village's rows (in the
 * order given) with the village's name first. "Mã hộ" starts at 1 in each village; STT runs over the
 * whole file.
 */
export function communeRegisterRows(villages: readonly VillageRegister[]): RegisterRow[] {
  const rows: RegisterRow[] = [[VILLAGE_HEADER, ...REGISTER_COLUMNS.map((c) => c.header)]];
  const stt = REGISTER_COLUMNS.findIndex((c) => c.field === 'stt');
  for (const part of villages) {
    for (const row of bodyRows(part, part.village.laneOrder)) {
      if (stt >= 0) row[stt] = rows.length;
      rows.push([part.village.name, ...row]);
    }
  }
  return rows;
}

/** One sheet of an XLSX export. */
export interface RegisterSheet {
  name: string;
  rows: RegisterRow[];
}

/** One sheet per village, in the order given, named by `sheetNames`. */
export function registerSheets(villages: readonly VillageRegister[]): RegisterSheet[] {
  const names = sheetNames(villages.map((v) => v.village.name));
  return villages.map((v, i) => ({
    name: names[i] ?? `${i + 1}`,
    rows: registerRows(v.village, v.households, v.residents),
  }));
}

/** How many live households and residents an export holds (what the audit log records). */
export function registerCounts(villages: readonly VillageRegister[]): {
  households: number;
  residents: number;
} {
  let households = 0;
  let residents = 0;
  for (const v of villages) {
    const live = new Set(v.households.filter((h) => !h.deletedAt).map((h) => h.id));
    households += live.size;
    residents += v.residents.filter((r) => !r.deletedAt && live.has(r.householdId)).length;
  }
  return { households, residents };
}

function bodyRows(part: VillageRegister, laneOrder: readonly string[] | undefined): RegisterRow[] {
  const lanes = laneComparator(laneOrder);
  const houses = part.households.filter((h) => !h.deletedAt).sort((a, b) => compareWalk(lanes, a, b));
  const people = new Map<string, ExportResident[]>();
  for (const r of part.residents) {
    if (r.deletedAt) continue;
    const list = people.get(r.householdId);
    if (list) list.push(r);
    else people.set(r.householdId, [r]);
  }
  const rows: RegisterRow[] = [];
  houses.forEach((h, index) => {
    const members = (people.get(h.id) ?? []).sort(
      (a, b) =>
        a.birthYear - b.birthYear || a.createdAt.localeCompare(b.createdAt) || byName.compare(a.name, b.name),
    );
    const household: Partial<Record<ImportField, RegisterCell>> = {
      householdNumber: index + 1,
      headName: h.label,
      lane: h.lane ?? '',
      address: h.address ?? '',
      membersCount: h.membersCount,
      poor: h.poor ? TICK : '',
      notes: h.notes ?? '',
    };
    const residents = members.length > 0 ? members : [undefined];
    for (const r of residents) {
      const cells: Partial<Record<ImportField, RegisterCell>> = {
        ...household,
        stt: rows.length + 1,
        ...(r ? { name: r.name, birthYear: r.birthYear } : {}),
      };
      rows.push(REGISTER_COLUMNS.map((c) => cells[c.field] ?? ''));
    }
  });
  return rows;
}

/**
 * Sheet names Excel accepts, one per village name and in its order: the characters []:*?/\ become
 * spaces, apostrophes at either end go (Excel refuses them there), the name is cut to SHEET_NAME_MAX,
 * an empty one becomes "Thôn", and names equal but for case (Excel's rule) get " (2)", " (3)"… within
 * the limit. "History" is reserved by Excel and is numbered like a duplicate.
 */
export function sheetNames(villageNames: readonly string[]): string[] {
  const taken = new Set<string>(['history']);
  return villageNames.map((raw) => {
    const base =
      cut(
        raw
          .replace(SHEET_NAME_FORBIDDEN, ' ')
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/^'+|'+$/g, '')
          .trim(),
        SHEET_NAME_MAX,
      ).trimEnd() || VILLAGE_HEADER;
    let name = base;
    for (let n = 2; taken.has(name.toLocaleLowerCase('vi')); n += 1) {
      const suffix = ` (${n})`;
      name = `${cut(base, SHEET_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    }
    taken.add(name.toLocaleLowerCase('vi'));
    return name;
  });
}

/** The first `max` UTF-16 units of `text`, never splitting a surrogate pair. */
function cut(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

/**
 * The rows as a CSV file's text (RFC 4180): fields separated by commas, rows ended by CRLF, a field
 * quoted when it holds a comma, a quote, a line break or a leading/trailing space, its quotes doubled.
 * Starts with UTF8_BOM (so Excel reads Vietnamese right): the text is the file, the caller adds nothing.
 *
 * A text cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe, so a
 * spreadsheet opens it as text, not a formula (OWASP "CSV injection": a name typed as
 * `=HYPERLINK(…)` on a phone must not run on the officer's PC). Number cells are written as they are.
 */
export function registerCsv(rows: readonly (readonly RegisterCell[])[]): string {
  return `${UTF8_BOM}${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvField(cell: RegisterCell): string {
  if (typeof cell === 'number') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The file name of an export: `so-ho-<village-slug>-<day>.<ext>` for one village,
 * `so-ho-toan-xa-<day>.<ext>` for the commune. The slug is the name without diacritics ("đ" → "d"),
 * lower case, words joined by "-" ("Thôn Nà Pài" → "thon-na-pai"); "thon" when nothing is left.
 *
 * @param day the commune's calendar day, "YYYY-MM-DD"
 */
export function registerFileName(
  scope: { villageName: string } | 'commune',
  day: string,
  format: 'xlsx' | 'csv',
): string {
  const what = scope === 'commune' ? 'toan-xa' : slug(scope.villageName);
  return `so-ho-${what}-${day}.${format}`;
}

function slug(name: string): string {
  return (
    foldForSearch(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'thon'
  );
}
