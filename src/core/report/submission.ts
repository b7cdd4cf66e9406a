/**
 * A submitted report is frozen (issue 19 item 4): submitting sets `status: 'submitted'` with the
 * frozen `snapshot`, `submittedAt` and `submittedBy` in one change, and nothing changes the row after
 * it; a correction is a new version (reportId(scope, quarter, version + 1)) that keeps the old one.
 *
 * `status` is written once, by the submission: a draft is a row without it. Were drafts to write
 * `status: 'draft'`, a phone that opened the draft later than another submitted it would carry a newer
 * clock on `status`, and the field-level merge (DESIGN §4.2) would quietly turn the submitted report
 * back into a draft.
 */
import type { FieldValue } from '../changes';
import { normalizeLine } from '../text';
import { readSnapshot } from './snapshot-schema';

/** The fields only a submission writes, all together. */
export const SUBMISSION_FIELDS = ['status', 'submittedAt', 'submittedBy', 'snapshot'] as const;

export interface ReportIssue {
  field: string;
  code: 'report_submitted' | 'report_stale' | 'missing_field' | 'invalid_value';
  message: string;
}

/** A report row as the server holds it before the change (values and their clocks). */
export interface StoredReport {
  values: Readonly<Record<string, FieldValue>>;
  clocks: Readonly<Record<string, string>>;
}

/** The texts a person types into a report (the 20 tasks, difficulties, proposals, the header). */
export const REPORT_TEXT_FIELDS = [
  ...Array.from({ length: 20 }, (_, i) => `task${i + 1}` as const),
  'difficulties',
  'proposals',
  'issuingBody',
  'superiorBody',
  'docNumber',
  'place',
  'signerTitle',
  'signerName',
  'recipients',
] as const;

/**
 * What is wrong with a change to a report row.
 * @param change the change (its fields already checked one by one against the schema); a submission
 *   carries in `base` the clock of every text the submitter's copy held (record-writer `basedOn`)
 * @param stored the row on the server before this change, or undefined for a new row
 * @param submitter the display name of the account pushing: a submission is signed by who sends it
 * @returns `report_submitted` when the row is already submitted (any change, a delete too);
 *   `report_stale` when a text changed on the server since the submitter's copy (a teammate's edit
 *   that the frozen report would silently leave out); else the submission's own rules: status only
 *   ever "submitted", with submittedAt, submittedBy (the submitter) and a snapshot that is a report
 *   of this very row (its scope, level, quarter and version; snapshot-schema.ts).
 */
export function reportChangeIssues(
  change: {
    villageId: string;
    fields: Readonly<Record<string, FieldValue>>;
    base?: Readonly<Record<string, string | null>> | undefined;
  },
  stored: StoredReport | undefined,
  submitter: string,
): ReportIssue[] {
  const { fields } = change;
  if (stored?.values.status === 'submitted') {
    return [
      {
        field: Object.keys(fields)[0] ?? 'status',
        code: 'report_submitted',
        message: 'This report was submitted and is read-only; a correction is a new version',
      },
    ];
  }
  const named = SUBMISSION_FIELDS.filter((f) => fields[f] !== undefined);
  if (named.length === 0) return [];
  if (fields.status !== 'submitted') {
    return [
      {
        field: 'status',
        code: 'invalid_value',
        message: 'A report is a draft until submitted; status is only ever set to "submitted"',
      },
    ];
  }
  const missing = SUBMISSION_FIELDS.find((f) => fields[f] === undefined || fields[f] === null);
  if (missing) {
    return [
      {
        field: missing,
        code: 'missing_field',
        message: 'A submission carries status, submittedAt, submittedBy and snapshot together',
      },
    ];
  }
  // Both as stored: one line, single spaces, NFC (text.ts), as the schema keeps a typed name.
  if (
    typeof fields.submittedBy !== 'string' ||
    normalizeLine(fields.submittedBy) !== normalizeLine(submitter)
  ) {
    return [
      {
        field: 'submittedBy',
        code: 'invalid_value',
        message: 'A report is submitted in the name of the account that sends it',
      },
    ];
  }
  const value = (f: string) => fields[f] ?? stored?.values[f];
  const snapshot = readSnapshot(fields.snapshot);
  if (
    !snapshot ||
    snapshot.scopeId.toLowerCase() !== change.villageId.toLowerCase() ||
    snapshot.level !== value('level') ||
    snapshot.period !== value('period') ||
    snapshot.version !== value('version')
  ) {
    return [
      {
        field: 'snapshot',
        code: 'invalid_value',
        message:
          "The snapshot is not this report's: a composed report of its scope, level, quarter and version",
      },
    ];
  }
  const stale = Object.entries(change.base ?? {}).find(
    ([f, seen]) =>
      (REPORT_TEXT_FIELDS as readonly string[]).includes(f) &&
      fields[f] === undefined &&
      (stored?.clocks[f] ?? null) !== (seen ?? null),
  );
  if (stale) {
    return [
      {
        field: stale[0],
        code: 'report_stale',
        message:
          'The report changed since this copy was composed (another person edited it): open it again, then submit',
      },
    ];
  }
  return [];
}
