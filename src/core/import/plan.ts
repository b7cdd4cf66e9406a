import { householdFieldsBase, residentFieldsBase } from '../schemas';
import { foldForSearch } from '../search';
import { groupingKey, normalizeLine } from '../text';
import { fieldErrors, type ValidationMessage } from '../validation';
import { birthYearOf, cellText, countOf, isBlank, isTicked } from './cells';
import type { ColumnMapping } from './column-mapping';
import type { SourceRow } from './layout';
import type { CellValue, ImportField } from './types';

/** Where a value came from: the preview names the sheet, the Excel row and the column. */
export interface RowRef {
  sheet: string;
  /** 1-based Excel row number. */
  row: number;
}

export type ImportMessage =
  | ValidationMessage
  | 'import.err.noName'
  | 'import.err.noVillage'
  | 'import.err.householdRefused'
  | 'import.warn.headRefused'
  | 'import.warn.membersBelowRows'
  | 'import.warn.membersUnreadable';

/** An error refuses the row (nothing of it is written); a warning says what was changed or assumed. */
export interface RowIssue extends RowRef {
  severity: 'error' | 'warning';
  message: ImportMessage;
  field?: ImportField;
  /** The column's header as written in the file. */
  column?: string;
}

export interface PlannedResident {
  /** `${sheet}!${row}`: stable within one preview. */
  key: string;
  source: RowRef;
  name: string;
  birthYear: number;
}

export interface PlannedHousehold {
  key: string;
  source: RowRef;
  villageId: string;
  label: string;
  lane?: string;
  address?: string;
  membersCount: number;
  poor: boolean;
  notes?: string;
  residents: PlannedResident[];
  /** Which household fields the file gives: an update of an existing household changes only these. */
  given: ReadonlyArray<'lane' | 'address' | 'membersCount' | 'poor' | 'notes'>;
}

/**
 * Consent-bound values the file held and the import left out (DESIGN §7: sex, phone and the
 * ethnic-minority flag are kept only with a consent recorded in person; an imported person has none).
 */
export interface DroppedValues {
  sex: number;
  phone: number;
  ethnicity: number;
  /**
   * Notes about one person in a list of people: a resident has no notes in Ngõ Số, and what such a
   * note holds (a son's phone, a disability, a date of birth) is personal data the household's
   * notes must not collect.
   */
  personNotes: number;
}

export interface SheetPlanInput {
  sheet: string;
  rows: readonly SourceRow[];
  columns: readonly ColumnMapping[];
  /** The village the sheet's households go to, unless a "Thôn" column names one per row. */
  villageId: string;
}

export interface PlanOptions {
  /** The commune's current year (date-rules.ts communeYearAt): no one is born after it. */
  currentYear: number;
  /** Villages a "Thôn" column may name, matched by name or code, diacritics and case aside. */
  villages: ReadonlyArray<{ id: string; name: string; code: string }>;
}

export interface ImportPlan {
  households: PlannedHousehold[];
  issues: RowIssue[];
  dropped: DroppedValues;
  /** Full dates of birth cut to their year (issue 17, item 3). */
  datesToYears: number;
}

const HEAD = /^(chu ho|ch|chu)$/;

/** A tick in a Nam | Nữ column ("x", "✓"), as opposed to a year written there. */
function isTickOnly(cell: CellValue): boolean {
  return typeof cell === 'boolean' || (typeof cell === 'string' && !/\d/.test(cell) && isTicked(cell));
}

function headerOf(columns: readonly ColumnMapping[], field: ImportField): string | undefined {
  return columns.find((c) => c.field === field)?.header;
}

/**
 * Turns a sheet's data rows into households and residents (issue 17, items 2–3), checked with the
 * same schemas as the forms (schemas.ts) so the import refuses what a form would:
 * - Shape: one row per person when the list names people ("Họ và tên") and groups them by a
 *   household number (an empty number continues the household above), by "Quan hệ với chủ hộ"
 *   (a "Chủ hộ" row starts a household) or by the head's name; else one row per household, whose
 *   head becomes its one resident when the row gives a birth year.
 * - Label: the "Họ tên chủ hộ" column, else the name on the "Chủ hộ" row, else the first person.
 * - Members: "Số nhân khẩu" when readable, else the number of person rows (a warning says so).
 * - Privacy: ID-card columns are never read (layout.ts); a full date of birth becomes its year;
 *   sex, phone and ethnicity are counted in `dropped` and not kept; notes holding an ID number, an
 *   OTP or a password refuse their row, as the forms do.
 * An error refuses its row: a person row, or a household row with all its people when it is the
 * household's own (label, lane, notes).
 */
export function planSheets(sheets: readonly SheetPlanInput[], options: PlanOptions): ImportPlan {
  const plan: ImportPlan = {
    households: [],
    issues: [],
    dropped: { sex: 0, phone: 0, ethnicity: 0, personNotes: 0 },
    datesToYears: 0,
  };
  for (const sheet of sheets) planSheet(sheet, options, plan);
  return plan;
}

interface PersonRow {
  source: SourceRow;
  name: string;
  birthYear?: number;
  ok: boolean;
}

function planSheet(input: SheetPlanInput, options: PlanOptions, plan: ImportPlan): void {
  const { columns } = input;
  const has = (field: ImportField) => columns.some((c) => c.field === field);
  const perPerson = has('name') && (has('relation') || has('householdNumber') || has('headName'));
  const issue = (
    src: SourceRow,
    severity: RowIssue['severity'],
    message: ImportMessage,
    field?: ImportField,
  ) => {
    const column = field ? headerOf(columns, field) : undefined;
    plan.issues.push({
      sheet: src.sheet,
      row: src.row,
      severity,
      message,
      ...(field ? { field } : {}),
      ...(column ? { column } : {}),
    });
  };

  const villageOf = (src: SourceRow): string | undefined => {
    const named = src.values.village;
    if (named === undefined || isBlank(named)) return input.villageId;
    const key = foldForSearch(cellText(named));
    const bare = key.replace(/^(thon|ban|lang|ap|khom)\s+/, '');
    const found = options.villages.find((v) => {
      const name = foldForSearch(v.name);
      return (
        name === key ||
        foldForSearch(v.code) === key ||
        name.replace(/^(thon|ban|lang|ap|khom)\s+/, '') === bare
      );
    });
    return found?.id;
  };

  const countDropped = (src: SourceRow) => {
    if (src.values.sex !== undefined || src.values.male !== undefined || src.values.female !== undefined)
      plan.dropped.sex++;
    if (src.values.phone !== undefined) plan.dropped.phone++;
    if (src.values.ethnicity !== undefined) plan.dropped.ethnicity++;
  };

  /** A person's name and birth year, checked as the resident form checks them; issues recorded. */
  const readPerson = (src: SourceRow, nameField: 'name' | 'headName', yearRequired: boolean): PersonRow => {
    const name = normalizeLine(cellText(src.values[nameField]));
    let ok = true;
    let birthYear: number | undefined;
    // Under "Năm sinh / Nam | Nữ" the year sits in the column of the person's sex; a tick ("x")
    // there gives the sex only.
    const yearIn = (cell: CellValue | undefined) => cell !== undefined && !isBlank(cell) && !isTickOnly(cell);
    const yearField: ImportField =
      src.values.birthYear !== undefined
        ? 'birthYear'
        : src.values.birthDate !== undefined
          ? 'birthDate'
          : yearIn(src.values.male)
            ? 'male'
            : 'female';
    const yearCell = src.values[yearField];
    const year = birthYearOf(yearCell, yearField === 'birthDate');
    if (year && 'error' in year) {
      issue(src, 'error', 'err.birthYear', yearField);
      ok = false;
    } else if (year) {
      birthYear = year.year;
      if (year.fromDate) plan.datesToYears++;
    } else if (yearRequired) {
      issue(src, 'error', 'err.birthYear', yearField);
      ok = false;
    }
    const probe = residentFieldsBase.pick({ name: true, birthYear: true }).safeParse({
      name,
      birthYear: birthYear ?? 2000,
    });
    if (!probe.success) {
      const errors = fieldErrors(probe.error);
      if (errors.name) issue(src, 'error', name === '' ? 'import.err.noName' : errors.name, nameField);
      if (errors.birthYear && birthYear !== undefined) issue(src, 'error', 'err.birthYear', yearField);
      ok = false;
    } else if (birthYear !== undefined && birthYear > options.currentYear) {
      issue(src, 'error', 'err.birthYear', yearField);
      ok = false;
    }
    return { source: src, name, ...(birthYear !== undefined ? { birthYear } : {}), ok };
  };

  /** Household fields from its rows (the head's first, then the others), checked by the schema. */
  const makeHousehold = (rows: readonly SourceRow[], label: string, persons: PersonRow[]): void => {
    const head = rows[0] as SourceRow;
    const villageId = villageOf(head);
    if (!villageId) {
      issue(head, 'error', 'import.err.noVillage', 'village');
      return;
    }
    const first = (field: ImportField) => rows.map((r) => r.values[field]).find((v) => !isBlank(v));
    const text = (field: ImportField) => {
      const v = first(field);
      return v === undefined ? undefined : normalizeLine(cellText(v)) || undefined;
    };
    const lane = text('lane') ?? head.section;
    const address = text('address');
    // Only a list of households has household notes (see DroppedValues.personNotes).
    const notes = perPerson ? undefined : text('notes');
    const valid = persons.filter((p) => p.ok && p.birthYear !== undefined);
    let membersCount: number;
    const counted = countOf(first('membersCount'));
    if (counted === undefined || !Number.isInteger(counted) || counted < 1 || counted > 999) {
      membersCount = Math.max(1, perPerson ? rows.length : 1);
      if (counted !== undefined) issue(head, 'warning', 'import.warn.membersUnreadable', 'membersCount');
    } else {
      membersCount = counted;
      if (perPerson && counted < rows.length)
        issue(head, 'warning', 'import.warn.membersBelowRows', 'membersCount');
    }
    const poor = rows.some((r) => r.values.poor !== undefined && isTicked(r.values.poor));
    const fields = {
      label,
      ...(lane ? { lane } : {}),
      ...(address ? { address } : {}),
      membersCount,
      poor,
      ...(notes ? { notes } : {}),
    };
    const parsed = householdFieldsBase.safeParse(fields);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      for (const [path, message] of Object.entries(errors)) {
        const field: ImportField =
          path === 'label' ? (has('headName') ? 'headName' : 'name') : (path as ImportField);
        const at = path === 'notes' ? (rows.find((r) => !isBlank(r.values.notes)) ?? head) : head;
        issue(at, 'error', message, field);
      }
      // Its people are refused with it, and each row says so: nobody leaves without a word.
      for (const r of rows) {
        if (
          r !== head &&
          !plan.issues.some((i) => i.sheet === r.sheet && i.row === r.row && i.severity === 'error')
        )
          issue(r, 'error', 'import.err.householdRefused');
      }
      return;
    }
    // What an update may change: only values the file really gives. A blank cell, a count made up
    // from the rows, or a poor-household column left empty never overwrite what the team entered.
    const countGiven = counted !== undefined && membersCount === counted;
    const given: PlannedHousehold['given'] = (
      ['lane', 'address', 'membersCount', 'poor', 'notes'] as const
    ).filter((f) =>
      f === 'lane'
        ? lane !== undefined
        : f === 'address'
          ? address !== undefined
          : f === 'membersCount'
            ? countGiven
            : f === 'poor'
              ? poor
              : notes !== undefined,
    );
    plan.households.push({
      key: `${head.sheet}!${head.row}`,
      source: { sheet: head.sheet, row: head.row },
      villageId,
      ...parsed.data,
      ...(parsed.data.notes === undefined ? {} : { notes: parsed.data.notes }),
      poor: parsed.data.poor,
      membersCount: parsed.data.membersCount,
      residents: valid.map((p) => ({
        key: `${p.source.sheet}!${p.source.row}`,
        source: { sheet: p.source.sheet, row: p.source.row },
        name: p.name,
        birthYear: p.birthYear as number,
      })),
      given,
    });
  };

  if (!perPerson) {
    const nameField: 'name' | 'headName' = has('headName') ? 'headName' : 'name';
    for (const src of input.rows) {
      countDropped(src);
      // A bad name or year on a household row refuses the row, as a form would refuse the person.
      const head = readPerson(src, nameField, false);
      if (!head.ok) continue;
      makeHousehold([src], head.name, head.birthYear === undefined ? [] : [head]);
    }
    return;
  }

  // One row per person: cut the rows into households.
  const groups: SourceRow[][] = [];
  let current: SourceRow[] | undefined;
  let lastNumber: string | undefined;
  let lastHead: string | undefined;
  for (const src of input.rows) {
    const number = cellText(src.values.householdNumber);
    const relation = foldForSearch(cellText(src.values.relation));
    const headName = groupingKey(cellText(src.values.headName));
    let starts: boolean;
    if (has('householdNumber')) starts = number !== '' && number !== lastNumber;
    else if (has('relation')) starts = HEAD.test(relation);
    else starts = headName !== '' && headName !== lastHead;
    if (starts || !current) {
      current = [];
      groups.push(current);
    }
    current.push(src);
    if (number !== '') lastNumber = number;
    if (headName !== '') lastHead = headName;
  }
  const notesSchema = householdFieldsBase.shape.notes;
  for (const group of groups) {
    for (const r of group) {
      countDropped(r);
      if (!isBlank(r.values.notes)) plan.dropped.personNotes++;
    }
    // A person's note that a form would refuse (an ID number in it) refuses that person's row.
    const rows = group.filter((r) => {
      if (isBlank(r.values.notes) || notesSchema.safeParse(cellText(r.values.notes)).success) return true;
      const parsed = notesSchema.safeParse(cellText(r.values.notes));
      const message = parsed.success ? 'err.invalid' : (fieldErrors(parsed.error)._ ?? 'err.invalid');
      issue(r, 'error', message, 'notes');
      return false;
    });
    if (rows.length === 0) continue;
    const persons = rows.map((r) => readPerson(r, 'name', true));
    const headRow = rows.findIndex((r) => HEAD.test(foldForSearch(cellText(r.values.relation))));
    const headPerson = persons[Math.max(headRow, 0)];
    // The head's name, when the head's row was read; else the first person read, and a warning.
    const named = normalizeLine(cellText(rows.map((r) => r.values.headName).find((v) => !isBlank(v))));
    const firstValid = persons.find((p) => p.ok);
    const label = named || (headPerson?.ok ? headPerson.name : (firstValid?.name ?? ''));
    if (label === '') continue;
    if (!named && headPerson && !headPerson.ok && firstValid)
      issue(firstValid.source, 'warning', 'import.warn.headRefused', 'name');
    makeHousehold(rows, label, persons);
  }
}
