/**
 * Words for a change the server refused (issue 13, kinds 8 and 10): which record, what was typed,
 * field by field under the names the forms use, and why, in plain Vietnamese — never a raw id or
 * a code like `invalid_value: "notes": err.idNumberInText`.
 */
import type { FieldValue, SyncedTable } from '../../../core/changes';
import { hasWord, type Translate } from '../../i18n/i18n';

/** Where each table's form keeps its field names, in order of preference. */
const LABEL_PREFIXES: Record<SyncedTable, readonly string[]> = {
  villages: ['village.', 'field.'],
  households: ['field.'],
  residents: ['resident.', 'field.'],
  visits: ['visit.', 'visits.', 'field.'],
  assists: ['assist.', 'skills.', 'field.'],
  classes: ['class.', 'classes.', 'field.'],
  attendance: ['attendance.', 'classes.', 'field.'],
  targets: ['targets.', 'field.'],
  reportingUnits: ['units.', 'field.'],
  unitFigures: ['unitFigures.', 'field.'],
  activities: ['activities.', 'field.'],
  reports: ['report.', 'field.'],
  lessonCards: ['lessons.', 'field.'],
};

/** Fields a person never typed: kept out of "what was typed". */
const BOOKKEEPING = new Set([
  'createdAt',
  'deletedAt',
  'householdId',
  'residentId',
  'classId',
  'residentIds',
]);

export function fieldLabel(t: Translate, table: SyncedTable, field: string): string {
  for (const prefix of LABEL_PREFIXES[table]) {
    const key = `${prefix}${field}`;
    if (hasWord(key)) return t(key);
  }
  return field;
}

/**
 * Where the words of a field's chosen value live (issue 18: a lost "moved_out" once showed raw): a
 * code a person picked is shown as the form showed it, never as the stored code.
 */
const VALUE_WORDS: Partial<Record<SyncedTable, Readonly<Record<string, string>>>> = {
  residents: { status: 'status.resident.', sex: 'resident.sex.' },
  households: { status: 'status.household.' },
  visits: { outcome: 'visit.outcome.', topics: 'skill.' },
  assists: { kind: 'skill.', status: 'assist.status.', howKnown: 'assist.how.' },
  classes: { topic: 'skill.', audience: 'class.audience.' },
  targets: { code: 'targets.code.' },
  reportingUnits: { kind: 'units.kind.', codes: 'targets.code.' },
  activities: { kind: 'activities.kind.' },
  reports: { level: 'report.level.', status: 'report.status.' },
};

function valueWords(t: Translate, table: SyncedTable, field: string, value: FieldValue): FieldValue {
  const prefix = VALUE_WORDS[table]?.[field];
  if (!prefix) return value;
  const word = (code: string) => {
    const key = `${prefix}${code}`;
    return hasWord(key) ? t(key) : code;
  };
  if (typeof value === 'string') return word(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map(word);
  return value;
}

/** Lists of lanes (a village's walking order) name the lane-less houses with the list's own words. */
const LANE_LISTS = new Set(['laneOrder']);

function show(value: FieldValue, emptyItem = '—'): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value))
    return value.every((v) => typeof v === 'string')
      ? value.map((v) => (v === '' ? emptyItem : v)).join(', ')
      : undefined;
  return undefined;
}

/** What was typed: "Tên chủ hộ: Lò Văn Pằng", one line per field a person could have typed. */
export function typedValues(
  t: Translate,
  table: SyncedTable,
  fields: Readonly<Record<string, FieldValue>>,
): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  for (const [field, value] of Object.entries(fields)) {
    if (BOOKKEEPING.has(field)) continue;
    const text = show(
      valueWords(t, table, field, value),
      LANE_LISTS.has(field) ? t('households.noLane') : undefined,
    );
    if (text !== undefined && text !== '') out.push({ label: fieldLabel(t, table, field), value: text });
  }
  return out;
}

/**
 * Why, in words: the reason for the code, and for a refused value the field's name and the rule
 * it broke when the server named one of the app's own messages (`"notes": err.idNumberInText`).
 */
export function refusalReason(
  t: Translate,
  table: SyncedTable,
  refusal: { code: string; message: string; field?: string | undefined },
): string {
  const quoted = /^"([^"]+)": (.*)$/.exec(refusal.message);
  const field = refusal.field ?? quoted?.[1];
  const rule = quoted?.[2]?.trim();
  const reasonKey = `rejected.reason.${refusal.code}`;
  const reason =
    rule && hasWord(rule)
      ? t(rule)
      : hasWord(reasonKey)
        ? t(reasonKey)
        : t('rejected.reason.other', { code: refusal.code });
  return field ? `${fieldLabel(t, table, field)}: ${reason}` : reason;
}
