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

/** The fields only a submission writes, all together. */
export const SUBMISSION_FIELDS = ['status', 'submittedAt', 'submittedBy', 'snapshot'] as const;

export interface ReportIssue {
  field: string;
  code: 'report_submitted' | 'missing_field' | 'invalid_value';
  message: string;
}

/**
 * What is wrong with a change to a report row.
 * @param fields the change's fields (already checked one by one against the schema)
 * @param storedStatus the row's status on the server before this change (undefined: a draft or new)
 * @returns `report_submitted` when the row is already submitted (any change, a delete too); else the
 *   submission's own rules: status only ever "submitted", and with the other three fields.
 */
export function reportChangeIssues(
  fields: Readonly<Record<string, FieldValue>>,
  storedStatus: FieldValue | undefined,
): ReportIssue[] {
  if (storedStatus === 'submitted') {
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
  return [];
}
