import {
  UNIT_COUNT_PAIRS,
  type UnitCountField,
  type UnitFigures,
  type UnitTargetCode,
} from '../../../core/schemas';
import { UNIT_FIGURE_INPUTS, type UnitFigureInput, type UnitFigureValues } from '../../db/unit-repository';

/** The figures form: every typed field as text; '' is "not reported", never 0. */
export type FiguresFormValues = Record<UnitFigureInput, string>;

/** A headcount pair as the form shows it: its group's name and its two fields. */
export type CountPair = (typeof UNIT_COUNT_PAIRS)[number];

/**
 * The pairs each indicator's figures take (plan III.a, b, đ): staff for a, students by level for b
 * (secondary in 2025, from primary school in 2026: plan III.1.b, III.2.b), workers for đ.
 */
const PAIRS_OF_CODE: Readonly<Record<UnitTargetCode, readonly UnitCountField[]>> = {
  a: ['staff'],
  b: ['primary', 'lowerSecondary', 'upperSecondary'],
  dd: ['workers'],
};

/**
 * The pairs a unit's form shows: those of its codes, and any other that holds a figure already (a
 * unit whose codes changed keeps its old figures in sight rather than hidden but still counted).
 */
export function pairsFor(
  codes: readonly UnitTargetCode[],
  row: Partial<UnitFigures> | undefined,
): CountPair[] {
  const wanted = new Set(codes.flatMap((c) => PAIRS_OF_CODE[c]));
  return UNIT_COUNT_PAIRS.filter(
    ([total, meeting]) => wanted.has(total) || row?.[total] !== undefined || row?.[meeting] !== undefined,
  );
}

export function figuresToForm(row: Partial<UnitFigures> | undefined): FiguresFormValues {
  const out = {} as FiguresFormValues;
  for (const field of UNIT_FIGURE_INPUTS) {
    const value = row?.[field];
    out[field] = value === undefined ? '' : String(value);
  }
  return out;
}

/**
 * A typed count → a number for the schema: digits, with "." or space as thousands separators as
 * written in Vietnam ("1.250"), or a minus sign the schema refuses as negative. Anything else is NaN,
 * which the schema refuses as "not a whole number". Empty is undefined: not reported.
 */
export function parseCount(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
  if (/^\d{1,3}([. ]\d{3})+$/.test(trimmed)) return Number(trimmed.replace(/[. ]/g, ''));
  return Number.NaN;
}

const TEXT_FIELDS: ReadonlySet<UnitFigureInput> = new Set(['results', 'difficulties']);

/** Form values → the figures the repository takes; empty fields are left out. */
export function formToFigures(values: FiguresFormValues): UnitFigureValues {
  const out: Record<string, string | number> = {};
  for (const field of UNIT_FIGURE_INPUTS) {
    const text = values[field];
    if (TEXT_FIELDS.has(field)) {
      if (text.trim() !== '') out[field] = text;
    } else {
      const n = parseCount(text);
      if (n !== undefined) out[field] = n;
    }
  }
  return out as UnitFigureValues;
}
