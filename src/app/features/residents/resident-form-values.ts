import {
  type Consent,
  type ConsentPurpose,
  hasActiveConsent,
  type Resident,
  type ResidentGroup,
  type ResidentStatus,
  type SEXES,
} from '../../../core/schemas';
import { WITHDRAWN_LABEL } from '../../../core/sync/erasure';

type Sex = (typeof SEXES)[number];

/** What the resident form holds before the schema parses it. Consent starts empty: never pre-ticked. */
export interface ResidentFormValues {
  purposes: ConsentPurpose[];
  collectedBy: string;
  name: string;
  birthYear: string;
  sex: Sex | '';
  groups: ResidentGroup[];
  hasChipId: boolean;
  hasSmartphone: boolean;
  simOwnName: boolean;
  phone: string;
  /** Register status (issue 18); not consent-bound. */
  status: ResidentStatus;
  /** The day the status was learned, "YYYY-MM-DD"; '' while none (and always for `present`). */
  statusOn: string;
}

export function emptyResidentForm(collectedBy: string): ResidentFormValues {
  return {
    purposes: [],
    collectedBy,
    name: '',
    birthYear: '',
    sex: '',
    groups: [],
    hasChipId: false,
    hasSmartphone: false,
    simOwnName: false,
    phone: '',
    status: 'present',
    statusOn: '',
  };
}

export function residentToForm(r: Resident, collectedBy: string): ResidentFormValues {
  const active = hasActiveConsent(r);
  return {
    purposes: active ? [...(r.consent?.purposes ?? [])] : [],
    collectedBy: active ? (r.consent?.collectedBy ?? collectedBy) : collectedBy,
    name: r.name,
    birthYear: String(r.birthYear),
    sex: r.sex ?? '',
    groups: [...r.groups],
    hasChipId: r.hasChipId ?? false,
    hasSmartphone: r.hasSmartphone ?? false,
    simOwnName: r.simOwnName ?? false,
    phone: r.phone ?? '',
    status: r.status ?? 'present',
    statusOn: r.statusOn ?? '',
  };
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * The consent to store. Ticking purposes records consent now (or keeps the earlier record when the
 * purposes and collector are unchanged). Unticking all of them on a resident who had consented records
 * the withdrawal, and every field that needed consent is dropped with it.
 */
export function consentFromForm(values: ResidentFormValues, previous: Consent | undefined, now: Date) {
  if (values.purposes.length === 0) {
    if (previous && previous.withdrawnAt === undefined)
      return { ...previous, withdrawnAt: now.toISOString() };
    return previous;
  }
  if (
    previous &&
    previous.withdrawnAt === undefined &&
    sameSet(previous.purposes, values.purposes) &&
    previous.collectedBy === values.collectedBy.trim()
  ) {
    return previous;
  }
  return { purposes: values.purposes, collectedBy: values.collectedBy, collectedAt: now.toISOString() };
}

/**
 * The register status to store (issue 18): a non-present status with its day (left out when empty,
 * so the schema says err.statusDayNeeded); `present` is written only to undo an earlier status —
 * the day goes with it — and otherwise left absent, which means the same.
 */
export function statusFromForm(
  values: Pick<ResidentFormValues, 'status' | 'statusOn'>,
  previous: Pick<Resident, 'status'> | undefined,
): { status?: ResidentStatus; statusOn?: string } {
  // A draft kept before the status existed has neither field.
  const status = values.status ?? 'present';
  if (status === 'present') return previous?.status !== undefined ? { status } : {};
  const day = (values.statusOn ?? '').trim();
  return day === '' ? { status } : { status, statusOn: day };
}

export function formToResidentInput(
  values: ResidentFormValues,
  householdId: string,
  previous: Resident | undefined,
  now: Date,
) {
  const year = values.birthYear.trim();
  const consent = consentFromForm(values, previous?.consent, now);
  const active = consent !== undefined && consent.withdrawnAt === undefined;
  const phone = values.phone.trim();
  // Without consent only a label is kept (issue 14, kind 8): a withdrawal that leaves the full name
  // as it was replaces it, as the server would.
  const withdrawing = previous !== undefined && hasActiveConsent(previous) && !active;
  const keptName = withdrawing && values.name.trim() === previous.name;
  return {
    householdId,
    name: keptName ? WITHDRAWN_LABEL : values.name,
    birthYear: /^\d{4}$/.test(year) ? Number(year) : Number.NaN,
    ...(consent ? { consent } : {}),
    groups: active ? values.groups : [],
    ...statusFromForm(values, previous),
    ...(active
      ? {
          sex: values.sex === '' ? undefined : values.sex,
          hasChipId: values.hasChipId,
          hasSmartphone: values.hasSmartphone,
          simOwnName: values.simOwnName,
          phone: phone === '' ? undefined : phone,
        }
      : {}),
  };
}
