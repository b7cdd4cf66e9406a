import type { Household } from '../../../core/schemas';

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
  };
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
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
  };
}
