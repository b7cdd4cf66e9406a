/**
 * What a change may say about each field of each table, derived from the record schemas: the server
 * refuses unknown fields, values of the wrong type, and clearing a required field, before anything is
 * stored. And the privacy rules that must hold after a field-level merge of concurrent edits.
 */
import { z } from 'zod';
import { type FieldValue, type SyncedTable, sameValue } from '../changes';
import { FORBIDDEN_DATA_MESSAGES, type RedactionMask, redactForbiddenDeep } from '../forbidden-data';
import { lessonCardFields } from '../lessons/card';
import {
  activityFields,
  assistFields,
  assistFieldsBase,
  attendanceFields,
  CONSENT_ONLY_FIELDS,
  type Consent,
  classFields,
  hasActiveConsent,
  householdFieldsBase,
  reportFields,
  reportingUnitFields,
  residentFieldsBase,
  targetFields,
  unitFiguresFields,
  villageFields,
  visitFields,
  visitFieldsBase,
} from '../schemas';

const isoTime = z.iso.datetime({ offset: true });
const lifecycle = { createdAt: isoTime, deletedAt: isoTime.optional() };

const FIELD_SCHEMAS: Record<SyncedTable, Record<string, z.ZodType>> = {
  villages: { ...villageFields.shape, ...lifecycle },
  households: { ...householdFieldsBase.shape, ...lifecycle },
  residents: { ...residentFieldsBase.shape, ...lifecycle },
  visits: { ...visitFieldsBase.shape, ...lifecycle },
  assists: { ...assistFieldsBase.shape, ...lifecycle },
  classes: { ...classFields.shape, ...lifecycle },
  attendance: { ...attendanceFields.shape, ...lifecycle },
  targets: { ...targetFields.shape, ...lifecycle },
  reportingUnits: { ...reportingUnitFields.shape, ...lifecycle },
  unitFigures: { ...unitFiguresFields.shape, ...lifecycle },
  activities: { ...activityFields.shape, ...lifecycle },
  reports: { ...reportFields.shape, ...lifecycle },
  lessonCards: { ...lessonCardFields.shape, ...lifecycle },
};

/**
 * The most fields one change can name: every field of the widest table. A change naming more holds
 * unknown fields whatever its table, and is refused before any of them is looked at (issue 14,
 * kind 2: work proportional to what is valid).
 */
export const MAX_FIELDS_PER_CHANGE = Math.max(
  ...Object.values(FIELD_SCHEMAS).map((fields) => Object.keys(fields).length),
);

export interface FieldIssue {
  field: string;
  code:
    | 'unknown_field'
    | 'invalid_value'
    | 'cannot_clear'
    | 'missing_field'
    | 'village_mismatch'
    | 'unknown_reference';
  message: string;
}

/** Checks a change's fields; returns the normalised values (trimmed text, digits-only phones) or issues. */
export function checkChangeFields(
  table: SyncedTable,
  fields: Readonly<Record<string, FieldValue>>,
): { ok: true; fields: Record<string, FieldValue> } | { ok: false; issues: FieldIssue[] } {
  const schemas = FIELD_SCHEMAS[table];
  const issues: FieldIssue[] = [];
  const out: Record<string, FieldValue> = {};
  for (const [field, value] of Object.entries(fields)) {
    const schema = Object.hasOwn(schemas, field) ? schemas[field] : undefined;
    if (!schema) {
      issues.push({ field, code: 'unknown_field', message: `${table} has no field "${field}"` });
      continue;
    }
    if (value === null) {
      if (schema.safeParse(undefined).success) out[field] = null;
      else
        issues.push({ field, code: 'cannot_clear', message: `"${field}" is required and cannot be cleared` });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success && parsed.data !== undefined) out[field] = parsed.data as FieldValue;
    else {
      const message = parsed.success ? 'empty value' : (parsed.error.issues[0]?.message ?? 'invalid');
      issues.push({ field, code: 'invalid_value', message: `"${field}": ${message}` });
    }
  }
  if (issues.length === 0 && out.createdAt != null) issues.push(...newRowIssues(table, out));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, fields: out };
}

/**
 * A stored row's fields in the form the schemas store today (NFC text, lower-case ids, digits-only
 * phones). Fields a schema would refuse are left as they are: this repairs spelling, it never drops
 * data. Returns the names of the fields whose value changed.
 */
export function normaliseStoredFields(
  table: SyncedTable,
  fields: Readonly<Record<string, FieldValue>>,
): { fields: Record<string, FieldValue>; changed: string[] } {
  return rewriteKnownFields(table, fields, (value, parsed) =>
    parsed.success && parsed.data !== undefined && !sameValue(parsed.data, value)
      ? (parsed.data as FieldValue)
      : value,
  );
}

/**
 * Runs `rewrite` on every non-null field its table's schema knows, with the schema's verdict on the
 * value; a field whose returned value is not the same object counts as changed.
 */
function rewriteKnownFields(
  table: SyncedTable,
  fields: Readonly<Record<string, FieldValue>>,
  rewrite: (value: FieldValue, parsed: ReturnType<z.ZodType['safeParse']>) => FieldValue,
): { fields: Record<string, FieldValue>; changed: string[] } {
  const schemas = FIELD_SCHEMAS[table];
  const out: Record<string, FieldValue> = { ...fields };
  const changed: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const schema = Object.hasOwn(schemas, field) ? schemas[field] : undefined;
    if (!schema || value === null) continue;
    const next = rewrite(value, schema.safeParse(value));
    if (next !== value) {
      out[field] = next;
      changed.push(field);
    }
  }
  return { fields: out, changed };
}

const FORBIDDEN_MESSAGES: ReadonlySet<string> = new Set(Object.values(FORBIDDEN_DATA_MESSAGES));

/**
 * A stored row's (or a logged change's, or a conflict's) fields with every ID number, OTP or password
 * in a text field replaced by `mask(kind)` (DESIGN §7, issue 14 kind 6): data stored before the check
 * refused it. Only fields the schema refuses for forbidden data are touched, so ids and clocks never
 * are; unknown fields are left alone. Returns the names of the fields whose value changed.
 */
export function redactStoredFields(
  table: SyncedTable,
  fields: Readonly<Record<string, FieldValue>>,
  mask: RedactionMask,
): { fields: Record<string, FieldValue>; changed: string[] } {
  return rewriteKnownFields(table, fields, (value, parsed) =>
    !parsed.success && parsed.error.issues.some((i) => FORBIDDEN_MESSAGES.has(i.message))
      ? redactForbiddenDeep(value, mask)
      : value,
  );
}

/**
 * Field-work rows are created whole by one phone and rules across their fields hold from the start
 * (come back needs a day; "not yet" needs a reason), so a change creating one must carry every
 * required field and keep those rules. Later edits are checked field by field: two phones' edits
 * merge per field, and refusing one for the other's value would lose it.
 */
const NEW_ROW_SCHEMAS: Partial<Record<SyncedTable, z.ZodType>> = {
  visits: visitFields,
  assists: assistFields,
  classes: classFields,
  attendance: attendanceFields,
  targets: targetFields,
  reportingUnits: reportingUnitFields,
  activities: activityFields,
  // A unit's figures and a report are created by naming what identifies them (their ids derive from
  // it); every other field may come later, field by field, from whoever fills it in.
  unitFigures: unitFiguresFields.pick({ unitId: true, period: true }),
  reports: reportFields.pick({ level: true, period: true, version: true }),
  // A commune's card is created by naming its key (its id derives from it); an edit of a bundled card
  // carries only what changed, a card of the commune's own every field (core/lessons/card.ts).
  lessonCards: lessonCardFields.pick({ key: true }),
};

function newRowIssues(table: SyncedTable, fields: Readonly<Record<string, FieldValue>>): FieldIssue[] {
  const schema = NEW_ROW_SCHEMAS[table];
  if (!schema) return [];
  const parsed = schema.safeParse(fields);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '_');
    return fields[field] === undefined && issue.code === 'invalid_type'
      ? { field, code: 'missing_field' as const, message: `"${field}" is required for a new ${table} row` }
      : { field, code: 'invalid_value' as const, message: `"${field}": ${issue.message}` };
  });
}

/**
 * Fields that must be cleared for a merged row to respect consent (DESIGN §7). Two phones can each make
 * a valid edit — one withdraws consent, the other adds a phone number — whose field-level merge is not
 * valid; privacy wins, and the server clears the field with a newer clock so every phone converges.
 */
export function privacyViolations(
  table: SyncedTable,
  values: Readonly<Record<string, FieldValue>>,
): string[] {
  if (table === 'residents') {
    const consent = (values.consent ?? undefined) as Consent | undefined;
    const active = hasActiveConsent({ consent });
    const out: string[] = [];
    if (!active) {
      for (const field of CONSENT_ONLY_FIELDS) if (values[field] != null) out.push(field);
      if (Array.isArray(values.groups) && values.groups.length > 0) out.push('groups');
    } else if (values.phone != null && !consent?.purposes.includes('phone_contact')) {
      out.push('phone');
    }
    return out;
  }
  if (table === 'households') {
    return values.ethnicMinority != null && values.ethnicMinorityConsentAt == null ? ['ethnicMinority'] : [];
  }
  return [];
}

/** The value a cleared field takes: groups is a required list, so it empties rather than nulls. */
export function clearedValue(field: string): FieldValue {
  return field === 'groups' ? [] : null;
}
