/**
 * A village's register of households and residents as a village head keeps it, made up from a seed:
 * the test material of the register import at any size (issue 17) — the end-to-end test's
 * 2,000-household file, the benchmark's, a legacy-font copy when the caller passes an encoder.
 *
 * The layout is fixture d's (tests/fixtures/import/README.md: titles, a merged two-row header, a
 * numbering row, totals, signatures), with one row a person:
 *
 *   ỦY BAN NHÂN DÂN XÃ TÂN LẬP                                  three title rows, merged across
 *   DANH SÁCH HỘ GIA ĐÌNH VÀ NHÂN KHẨU THÔN ĐỒNG TÂM
 *   (Kèm theo Kế hoạch số 45/KH-UBND ngày 02/01/2025 …)
 *   STT | Số hộ | Họ và tên | Quan hệ với chủ hộ | Năm sinh  | Số CCCD | Địa chỉ        | Ghi chú
 *       |       |           |                   | Nam | Nữ  |         | Xóm  | Số nhà  |
 *   (1) | (2)   | (3)       | …                                                           numbering
 *   1   | 1     | Nguyễn Văn Hùng | Chủ hộ      | 1962 |    | 0010…   | Xóm 1 | 12     |
 *   2   |       | Lê Thị Lan      | Vợ          |      | 1965 | …     |       |        |
 *   Cộng Xóm 1: 250 hộ, 1000 nhân khẩu                         after each lane
 *   Tổng cộng: 2000 hộ, 8000 nhân khẩu
 *   (blank), place and date, "Người lập biểu" | "TRƯỞNG THÔN", "(Ký, ghi rõ họ tên)", two names
 *
 * The household number, lane and house number are on the head's row only; the head comes first,
 * "Chủ hộ". A household has 2 to 6 people, paired so that the file holds exactly 4 × households
 * persons (an odd last household has 4). Birth years are 1935–2024 and written under the person's
 * sex; the ID-card column holds made-up 12-digit numbers for those born in 2010 or before (it exists
 * to be refused: DESIGN §7). Lanes are "Xóm 1" … "Xóm 8" in order, shares as equal as the count allows.
 */
import * as XLSX from '@e965/xlsx';
import { cptable } from '@e965/xlsx/dist/cpexcel.full';

export interface VillageWorkbookOptions {
  households: number;
  /** Same seed, same file, byte for byte. @default 1 */
  seed?: number;
  /** @default 'xlsx' */
  bookType?: 'xlsx' | 'xls' | 'csv';
  /**
   * Applied to every text cell (titles and headers too), e.g. a TCVN3 encoder for a legacy-font file.
   * A CSV is then written one byte per character (Windows-1252 for characters above U+00FF), as the
   * legacy machines saved it; without an encoder a CSV is UTF-8 with a byte-order mark (Excel's
   * "CSV UTF-8").
   */
  encodeText?: (s: string) => string;
  /** Whether the "Số CCCD" column is there. @default true */
  idColumn?: boolean;
  /** Whether the three title rows are above the header. @default true */
  titleRows?: boolean;
}

export interface VillageResident {
  name: string;
  birthYear: number;
}

export interface VillageWorkbook {
  bytes: Uint8Array;
  households: number;
  /** Always 4 × households. */
  residents: number;
  /** The first household as the import should read it (Unicode NFC, before `encodeText`). */
  firstHousehold: { label: string; lane: string; residents: VillageResident[] };
}

const LANES = 8;
const FIRST_YEAR = 1935;
const LAST_YEAR = 2024;
/** BIFF8 sheets stop at 65,536 rows. */
const XLS_MAX_ROWS = 65_536;

const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Phan',
  'Võ',
  'Trịnh',
  'Đinh',
  'Lương',
  'Mai',
  'Tạ',
] as const;
const MIDDLE_NAMES = {
  male: ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Xuân', 'Công', 'Thanh', 'Ngọc', 'Gia'],
  female: ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Bảo', 'Khánh', 'Hồng', 'Mỹ'],
} as const;
const GIVEN_NAMES = {
  male: [
    'Hùng',
    'Dũng',
    'Tuấn',
    'Minh',
    'Nam',
    'Long',
    'Sơn',
    'Thắng',
    'Hải',
    'Phong',
    'Cường',
    'Bình',
    'Tùng',
    'Khoa',
    'Huy',
    'Quân',
    'Đạt',
    'Lâm',
    'Toàn',
    'Hiếu',
    'An',
    'Phúc',
    'Trung',
    'Kiên',
  ],
  female: [
    'Lan',
    'Hoa',
    'Mai',
    'Hương',
    'Hạnh',
    'Thảo',
    'Ngọc',
    'Linh',
    'Trang',
    'Huyền',
    'Yến',
    'Nhung',
    'Thủy',
    'Hằng',
    'Loan',
    'Dung',
    'Tâm',
    'Vân',
    'Hà',
    'Nga',
    'Anh',
    'Chi',
    'Phương',
    'Nhàn',
  ],
} as const;
const NOTES = ['Đi làm ăn xa', 'Tạm vắng', 'Đang học đại học', 'Đi làm công nhân ở Bình Dương'] as const;

type Sex = 'male' | 'female';
type Cell = string | number | null;

interface Person extends VillageResident {
  sex: Sex;
  relation: string;
  note?: string;
}

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): a few lines, well mixed for test data, and the
 * same sequence on every engine, which is all a seeded fixture needs.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Dice {
  constructor(private readonly random: () => number) {}
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
}

const clampYear = (year: number) => Math.min(LAST_YEAR, Math.max(FIRST_YEAR, year));

function personName(dice: Dice, family: string, sex: Sex): string {
  return `${family} ${dice.pick(MIDDLE_NAMES[sex])} ${dice.pick(GIVEN_NAMES[sex])}`;
}

/** Household sizes, 2 to 6, in pairs that sum to 8: exactly 4 persons a household overall. */
function householdSizes(dice: Dice, households: number): number[] {
  const sizes: number[] = [];
  while (sizes.length + 1 < households) {
    const size = dice.int(2, 6);
    sizes.push(size, 8 - size);
  }
  if (sizes.length < households) sizes.push(4);
  return sizes;
}

/** A household of `size` people, head first: spouse, children, then a grandchild or a parent. */
function makeHousehold(dice: Dice, size: number): Person[] {
  const headSex: Sex = dice.chance(0.75) ? 'male' : 'female';
  const headYear = dice.int(1940, 1995);
  const headFamily = dice.pick(FAMILY_NAMES);
  const head: Person = {
    name: personName(dice, headFamily, headSex),
    birthYear: headYear,
    sex: headSex,
    relation: 'Chủ hộ',
  };
  const people: Person[] = [head];
  let childFamily = headFamily;
  if (size >= 2) {
    const sex: Sex = headSex === 'male' ? 'female' : 'male';
    const family = dice.pick(FAMILY_NAMES);
    if (sex === 'male') childFamily = family;
    people.push({
      name: personName(dice, family, sex),
      birthYear: clampYear(headYear + dice.int(-5, 5)),
      sex,
      relation: headSex === 'male' ? 'Vợ' : 'Chồng',
    });
  }
  // A young head's household keeps a parent; an older head's keeps a grandchild.
  const lastIsParent = size >= 4 && headYear >= 1975;
  const lastIsGrandchild = size >= 5 && headYear < 1975;
  const children = size - people.length - (lastIsParent || lastIsGrandchild ? 1 : 0);
  let firstChildYear = LAST_YEAR;
  for (let i = 0; i < children; i++) {
    const sex: Sex = dice.chance(0.5) ? 'male' : 'female';
    const birthYear = clampYear(headYear + dice.int(20, 34));
    firstChildYear = Math.min(firstChildYear, birthYear);
    const note = birthYear < 2004 && dice.chance(0.08) ? dice.pick(NOTES) : undefined;
    people.push({
      name: personName(dice, childFamily, sex),
      birthYear,
      sex,
      relation: 'Con',
      ...(note ? { note } : {}),
    });
  }
  if (lastIsParent) {
    const sex: Sex = dice.chance(0.7) ? 'female' : 'male';
    people.push({
      name: personName(dice, sex === 'male' ? headFamily : dice.pick(FAMILY_NAMES), sex),
      birthYear: clampYear(headYear - dice.int(22, 32)),
      sex,
      relation: sex === 'male' ? 'Bố' : 'Mẹ',
    });
  } else if (lastIsGrandchild) {
    const sex: Sex = dice.chance(0.5) ? 'male' : 'female';
    people.push({
      name: personName(dice, childFamily, sex),
      birthYear: clampYear(firstChildYear + dice.int(20, 30)),
      sex,
      relation: 'Cháu',
    });
  }
  return people;
}

/** A made-up CCCD number: province code, century-and-sex digit, two-digit year, six random digits. */
function fakeIdNumber(dice: Dice, province: string, person: Person): string {
  const century = (person.birthYear >= 2000 ? 2 : 0) + (person.sex === 'female' ? 1 : 0);
  const random = String(dice.int(0, 999_999)).padStart(6, '0');
  return `${province}${century}${String(person.birthYear % 100).padStart(2, '0')}${random}`;
}

type Column = 'stt' | 'number' | 'name' | 'relation' | 'male' | 'female' | 'id' | 'lane' | 'house' | 'notes';

const HEADER_TOP: Record<Column, string | null> = {
  stt: 'STT',
  number: 'Số hộ',
  name: 'Họ và tên',
  relation: 'Quan hệ với chủ hộ',
  male: 'Năm sinh',
  female: null,
  id: 'Số CCCD',
  lane: 'Địa chỉ',
  house: null,
  notes: 'Ghi chú',
};
const HEADER_BOTTOM: Partial<Record<Column, string>> = {
  male: 'Nam',
  female: 'Nữ',
  lane: 'Xóm',
  house: 'Số nhà',
};

/**
 * Builds a village register (layout above) of `households` households and 4 × `households`
 * persons, the same for the same seed.
 *
 * @throws when `households` is not a positive integer, or an XLS would pass BIFF8's 65,536 rows.
 */
export function villageWorkbook(options: VillageWorkbookOptions): VillageWorkbook {
  const { households, seed = 1, bookType = 'xlsx', encodeText, idColumn = true, titleRows = true } = options;
  if (!Number.isInteger(households) || households < 1)
    throw new Error(`households must be a positive integer, not ${households}`);
  const dice = new Dice(seededRandom(seed));
  // Most of a village was registered in its own province.
  const province = String(dice.int(1, 96)).padStart(3, '0');
  const columns: Column[] = [
    'stt',
    'number',
    'name',
    'relation',
    'male',
    'female',
    ...(idColumn ? (['id'] as const) : []),
    'lane',
    'house',
    'notes',
  ];
  const at = (column: Column) => columns.indexOf(column);
  const width = columns.length;
  const rows: Cell[][] = [];
  const merges: XLSX.Range[] = [];
  const row = (cells: Partial<Record<Column, Cell>>): Cell[] => columns.map((c) => cells[c] ?? null);
  const mergeAcross = (r: number, from: number, to: number) =>
    merges.push({ s: { r, c: from }, e: { r, c: to } });

  if (titleRows) {
    for (const title of [
      'ỦY BAN NHÂN DÂN XÃ TÂN LẬP',
      'DANH SÁCH HỘ GIA ĐÌNH VÀ NHÂN KHẨU THÔN ĐỒNG TÂM',
      '(Kèm theo Kế hoạch số 45/KH-UBND ngày 02/01/2025 của Ủy ban nhân dân xã Tân Lập)',
    ]) {
      mergeAcross(rows.length, 0, width - 1);
      rows.push([title, ...Array<Cell>(width - 1).fill(null)]);
    }
  }
  const headerRow = rows.length;
  rows.push(columns.map((c) => HEADER_TOP[c]));
  rows.push(columns.map((c) => HEADER_BOTTOM[c] ?? null));
  for (const column of columns) {
    const c = at(column);
    if (column === 'male' || column === 'lane') mergeAcross(headerRow, c, c + 1);
    else if (column !== 'female' && column !== 'house')
      merges.push({ s: { r: headerRow, c }, e: { r: headerRow + 1, c } });
  }
  rows.push(columns.map((_, i) => `(${i + 1})`));

  const sizes = householdSizes(dice, households);
  let firstHousehold: VillageWorkbook['firstHousehold'] | undefined;
  let stt = 0;
  let laneHouseholds = 0;
  let lanePersons = 0;
  for (let h = 0; h < households; h++) {
    const lane = `Xóm ${Math.floor((h * LANES) / households) + 1}`;
    const people = makeHousehold(dice, sizes[h] ?? 4);
    if (!firstHousehold)
      firstHousehold = {
        label: people[0]?.name ?? '',
        lane,
        residents: people.map(({ name, birthYear }) => ({ name, birthYear })),
      };
    const house = dice.int(1, 150);
    people.forEach((person, i) => {
      stt += 1;
      rows.push(
        row({
          stt,
          number: i === 0 ? h + 1 : null,
          name: person.name,
          relation: person.relation,
          [person.sex]: person.birthYear,
          id: person.birthYear <= 2010 ? fakeIdNumber(dice, province, person) : null,
          lane: i === 0 ? lane : null,
          house: i === 0 ? house : null,
          notes: person.note ?? null,
        }),
      );
    });
    laneHouseholds += 1;
    lanePersons += people.length;
    const nextLane = `Xóm ${Math.floor(((h + 1) * LANES) / households) + 1}`;
    if (h === households - 1 || nextLane !== lane) {
      mergeAcross(rows.length, 0, at('relation'));
      rows.push(row({ stt: `Cộng ${lane}: ${laneHouseholds} hộ, ${lanePersons} nhân khẩu` }));
      laneHouseholds = 0;
      lanePersons = 0;
    }
  }
  mergeAcross(rows.length, 0, at('relation'));
  rows.push(row({ stt: `Tổng cộng: ${households} hộ, ${4 * households} nhân khẩu` }));
  rows.push(row({}));
  rows.push(row({ lane: 'Tân Lập, ngày 15 tháng 3 năm 2025' }));
  rows.push(row({ name: 'Người lập biểu', lane: 'TRƯỞNG THÔN' }));
  rows.push(row({ name: '(Ký, ghi rõ họ tên)', lane: '(Ký, ghi rõ họ tên)' }));
  rows.push(row({}), row({}));
  rows.push(row({ name: 'Nguyễn Thị Hạnh', lane: 'Trần Văn Bình' }));

  const encoded = encodeText
    ? rows.map((cells) => cells.map((cell) => (typeof cell === 'string' ? encodeText(cell) : cell)))
    : rows;
  if (bookType === 'xls' && encoded.length > XLS_MAX_ROWS)
    throw new Error(`${encoded.length} rows do not fit an XLS sheet (${XLS_MAX_ROWS} at most)`);
  const sheet = XLSX.utils.aoa_to_sheet(encoded);
  sheet['!merges'] = merges;
  if (!firstHousehold) throw new Error('no household was made');
  return {
    bytes: sheetBytes(sheet, bookType, encodeText !== undefined),
    households,
    residents: 4 * households,
    firstHousehold,
  };
}

function sheetBytes(sheet: XLSX.WorkSheet, bookType: 'xlsx' | 'xls' | 'csv', legacy: boolean): Uint8Array {
  if (bookType === 'csv') {
    // Excel on Windows ends lines with CR LF.
    const text = XLSX.utils.sheet_to_csv(sheet, { RS: '\r\n' });
    return legacy ? singleByteText(text) : new TextEncoder().encode(`\uFEFF${text}`);
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Danh sách');
  const written: ArrayBuffer = XLSX.write(book, {
    type: 'array',
    bookType: bookType === 'xls' ? 'biff8' : 'xlsx',
    // As Excel saves: deflated, with a shared-string table.
    compression: true,
    bookSST: true,
  });
  return new Uint8Array(written);
}

/**
 * Text as an 8-bit legacy file holds it: a character up to U+00FF is its own byte (a TCVN3 or VNI
 * encoder hands back one such character a byte); above, its Windows-1252 byte (where a Western
 * Windows shows bytes 0x80–0x9F).
 *
 * @throws when a character has no single byte.
 */
function singleByteText(text: string): Uint8Array {
  const windows1252 = cptable[1252]?.enc;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = code <= 0xff ? code : windows1252?.[text.charAt(i)];
    if (byte === undefined) throw new Error(`U+${code.toString(16).toUpperCase()} has no single byte`);
    bytes[i] = byte;
  }
  return bytes;
}

/**
 * Households in the ten-megabyte file: with the default seed their CSV is 10,227,197 bytes
 * (44,000 make 9,996,724); tests/core/import-fixtures.test.ts checks it passes 10,000,000.
 */
export const TEN_MEGABYTE_HOUSEHOLDS = 45_000;

/**
 * A file of at least 10,000,000 bytes (the size issue 17 asks the import to take) with known counts:
 * the village register above as a UTF-8 CSV, whose size is its text. An XLSX's size depends on its
 * zip: SheetJS deflates its sheet XML to about half, Excel much further, so bytes would say
 * little about rows. Takes about six seconds.
 */
export function tenMegabyteFixture(): { bytes: Uint8Array; households: number; residents: number } {
  const { bytes, households, residents } = villageWorkbook({
    households: TEN_MEGABYTE_HOUSEHOLDS,
    bookType: 'csv',
  });
  return { bytes, households, residents };
}
