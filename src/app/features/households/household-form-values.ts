import type { Household, HouseholdStatus } from '../../../core/schemas';
import type { ValidationMessage } from '../../../core/validation';

/** What the household form holds: strings and booleans as typed, before the schema parses them. */
export interface HouseholdFormValues {
  label: string;
  lane: string;
  address: string;
  membersCount: string;
  phone: string;
  poor: boolean;
  ethnicConsent: boolean;
  ethnicMinority: boolean;
  notes: string;
  /** Register status (issue 18). */
  status: HouseholdStatus;
  /** The day the status was learned, "YYYY-MM-DD"; '' while none (and always for `active`). */
  statusOn: string;
  /** The household it merged into (same village); '' unless `merged`. */
  mergedInto: string;
}

export const emptyHouseholdForm: HouseholdFormValues = {
  label: '',
  lane: '',
  address: '',
  membersCount: '',
  phone: '',
  poor: false,
  ethnicConsent: false,
  ethnicMinority: false,
  notes: '',
  status: 'active',
  statusOn: '',
  mergedInto: '',
};

export function householdToForm(h: Household): HouseholdFormValues {
  return {
    label: h.label,
    lane: h.lane ?? '',
    address: h.address ?? '',
    membersCount: String(h.membersCount),
    phone: h.phone ?? '',
    poor: h.poor,
    ethnicConsent: h.ethnicMinorityConsentAt !== undefined,
    ethnicMinority: h.ethnicMinority ?? false,
    notes: h.notes ?? '',
    status: h.status ?? 'active',
    statusOn: h.statusOn ?? '',
    mergedInto: h.mergedInto ?? '',
  };
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The register status to store (issue 18): a status that is not `active` with its day (left out when
 * empty, so the schema says err.statusDayNeeded) and, for `merged`, the household merged into;
 * `active` is written only to undo an earlier status, and otherwise left absent (the same meaning).
 */
export function householdStatusFromForm(
  values: Pick<HouseholdFormValues, 'status' | 'statusOn' | 'mergedInto'>,
  previous: Pick<Household, 'status'> | undefined,
): { status?: HouseholdStatus; statusOn?: string; mergedInto?: string } {
  // A draft kept before the status existed has none of these fields.
  const status = values.status ?? 'active';
  if (status === 'active') return previous?.status !== undefined ? { status } : {};
  const day = (values.statusOn ?? '').trim();
  const into = status === 'merged' ? (values.mergedInto ?? '') : '';
  return { status, ...(day === '' ? {} : { statusOn: day }), ...(into === '' ? {} : { mergedInto: into }) };
}

/**
 * What the schema cannot know: a merged household names the household it joined, and that is not
 * itself. The server checks the target exists in the same village (core/sync/references.ts).
 */
export function householdStatusErrors(
  input: { status?: HouseholdStatus | undefined; mergedInto?: string | undefined },
  selfId: string | undefined,
): Record<string, ValidationMessage> {
  if (input.status !== 'merged') return {};
  if (input.mergedInto === undefined) return { mergedInto: 'err.required' };
  if (input.mergedInto === selfId) return { mergedInto: 'err.invalid' };
  return {};
}

/** Form values → the shape the schema checks; empty optional fields are left out, not stored as "". */
export function formToHouseholdInput(
  values: HouseholdFormValues,
  previous: Household | undefined,
  now: Date,
) {
  const count = values.membersCount.trim();
  return {
    label: values.label,
    lane: optional(values.lane),
    address: optional(values.address),
    membersCount: count === '' ? undefined : /^\d+$/.test(count) ? Number(count) : Number.NaN,
    phone: optional(values.phone),
    poor: values.poor,
    ...(values.ethnicConsent
      ? {
          ethnicMinority: values.ethnicMinority,
          ethnicMinorityConsentAt: previous?.ethnicMinorityConsentAt ?? now.toISOString(),
        }
      : {}),
    notes: optional(values.notes),
    ...householdStatusFromForm(values, previous),
  };
}
