import type { ReportingUnit, UnitKind, UnitTargetCode } from '../../../core/schemas';
import { UNIT_TARGET_CODES } from '../../../core/schemas';

/** What the unit form holds, as chosen and typed, before the schema parses it. */
export interface UnitFormValues {
  name: string;
  kind: UnitKind | '';
  codes: UnitTargetCode[];
  /** The thôn a village-kind unit is; '' while none is chosen. */
  linkedVillageId: string;
  notes: string;
}

export const emptyUnitForm: UnitFormValues = {
  name: '',
  kind: '',
  codes: [],
  linkedVillageId: '',
  notes: '',
};

/**
 * The indicators a kind of unit usually feeds (plan III: a civil servants, b students, đ workers in
 * enterprises and cooperatives), ticked for the officer when a kind is picked; they can be changed.
 */
export const DEFAULT_CODES: Readonly<Record<UnitKind, readonly UnitTargetCode[]>> = {
  agency: ['a'],
  school: ['b'],
  enterprise: ['dd'],
  cooperative: ['dd'],
  mass_org: [],
  village: [],
};

export function unitToForm(u: ReportingUnit): UnitFormValues {
  return {
    name: u.name,
    kind: u.kind,
    codes: [...u.codes],
    linkedVillageId: u.linkedVillageId ?? '',
    notes: u.notes ?? '',
  };
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

/**
 * A new kind: its usual codes replace the codes unless the officer had ticked others than the
 * previous kind's usual ones (their choice stays).
 */
export function withKind(values: UnitFormValues, kind: UnitKind): UnitFormValues {
  const untouched =
    values.kind === '' ? values.codes.length === 0 : sameCodes(values.codes, DEFAULT_CODES[values.kind]);
  return {
    ...values,
    kind,
    codes: untouched ? [...DEFAULT_CODES[kind]] : values.codes,
    linkedVillageId: kind === 'village' ? values.linkedVillageId : '',
  };
}

export function withCode(values: UnitFormValues, code: UnitTargetCode, on: boolean): UnitFormValues {
  const codes = on ? [...values.codes, code] : values.codes.filter((c) => c !== code);
  return { ...values, codes: UNIT_TARGET_CODES.filter((c) => codes.includes(c)) };
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Form values → the shape reportingUnitFields checks. */
export function formToUnitInput(values: UnitFormValues) {
  return {
    name: values.name,
    kind: values.kind === '' ? undefined : values.kind,
    codes: values.codes,
    linkedVillageId: values.kind === 'village' ? optional(values.linkedVillageId) : undefined,
    notes: optional(values.notes),
  };
}
