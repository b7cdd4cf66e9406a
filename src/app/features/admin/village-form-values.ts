import type { Village } from '../../../core/schemas';
import type { ValidationMessage } from '../../../core/validation';
import type { VillageFields } from '../../db/village-repository';

/** What the village form holds: text as typed, before the schema parses it. */
export interface VillageFormValues {
  name: string;
  code: string;
  households: string;
  residents16Plus: string;
  adults18Plus: string;
  source: string;
  asOf: string;
}

export const COUNT_FIELDS = ['households', 'residents16Plus', 'adults18Plus'] as const;

export const emptyVillageForm: VillageFormValues = {
  name: '',
  code: '',
  households: '',
  residents16Plus: '',
  adults18Plus: '',
  source: '',
  asOf: '',
};

export function villageToForm(v: Village): VillageFormValues {
  const o = v.official;
  const count = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    name: v.name,
    code: v.code,
    households: count(o?.households),
    residents16Plus: count(o?.residents16Plus),
    adults18Plus: count(o?.adults18Plus),
    source: o?.source ?? '',
    asOf: o?.asOf ?? '',
  };
}

/**
 * Vietnamese groups thousands with a dot or a space ("1.250" is one thousand two hundred and fifty),
 * and official counts are whole numbers, so a grouped number is never a decimal.
 */
function parseCount(text: string): number | undefined | 'invalid' | 'negative' {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed) || /^\d{1,3}(?:[.\s]\d{3})+$/.test(trimmed))
    return Number(trimmed.replace(/[.\s]/g, ''));
  return /^[-−]\s*\d/.test(trimmed) ? 'negative' : 'invalid';
}

/** Dates on paper are written day first; the schema wants ISO (YYYY-MM-DD). */
function normalizeDate(text: string): string {
  const trimmed = text.trim();
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!dayFirst) return trimmed;
  const [, day = '', month = '', year = ''] = dayFirst;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * Form values → the shape the schema checks, plus the count fields that are not whole numbers (the
 * schema would only call those "invalid"). Empty fields are left out, and so is an empty `official`.
 */
export function formToVillageInput(values: VillageFormValues): {
  input: VillageFields;
  countErrors: Record<string, ValidationMessage>;
} {
  const official: NonNullable<VillageFields['official']> = {};
  const countErrors: Record<string, ValidationMessage> = {};
  for (const field of COUNT_FIELDS) {
    const count = parseCount(values[field]);
    if (count === 'invalid') countErrors[`official.${field}`] = 'err.wholeNumber';
    else if (count === 'negative') countErrors[`official.${field}`] = 'err.notNegative';
    else if (count !== undefined) official[field] = count;
  }
  const source = values.source.trim();
  if (source !== '') official.source = source;
  const asOf = normalizeDate(values.asOf);
  if (asOf !== '') official.asOf = asOf;
  return {
    input: {
      name: values.name,
      code: values.code,
      ...(Object.keys(official).length > 0 ? { official } : {}),
    },
    countErrors,
  };
}
