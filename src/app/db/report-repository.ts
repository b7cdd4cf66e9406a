/**
 * Quarterly reports on the phone (issue 19, item 4): one row per scope (a village, a unit, or the
 * commune office), quarter and version, id derived from the three (reportId), written through the
 * record writer like every other row. A draft's texts are saved field by field, so two officers
 * editing one draft merge by field (DESIGN §4.2). Submitting writes the frozen composition with
 * `status`, `submittedAt` and `submittedBy` in one change (core/report/submission.ts); a submitted
 * version is never written again, and a correction is the next version, which starts from its texts.
 */
import { reportId } from '../../core/ids';
import { REPORT_TEXT_FIELDS } from '../../core/report/submission';
import type { QuarterReport } from '../../core/report/types';
import { type ReportFields, type ReportLevel, reportSchema } from '../../core/schemas';
import { nowIso } from '../state/commune-clock';
import { useSession } from '../sync/session';
import { getDb, type ReportRow } from './database';
import { writeRow } from './record-writer';
import { mayWriteReport } from './reporting-access';
import { parseOrThrow } from './repository-errors';

export { REPORT_TEXT_FIELDS };
export type ReportTextField = (typeof REPORT_TEXT_FIELDS)[number];

/** The header's fields a new quarter's report takes from the scope's latest earlier one. */
const CARRIED: readonly ReportTextField[] = [
  'issuingBody',
  'superiorBody',
  'place',
  'signerTitle',
  'signerName',
  'recipients',
];

/** Thrown for a write the account may not make, or to a submitted version: nothing is written. */
export class ReportWriteError extends Error {
  constructor(readonly reason: 'forbidden' | 'submitted') {
    super(reason === 'submitted' ? 'A submitted report is read-only' : 'Not allowed to write this report');
    this.name = 'ReportWriteError';
  }
}

function requireWritable(row: ReportRow | undefined, scopeId: string): void {
  if (!mayWriteReport(scopeId)) throw new ReportWriteError('forbidden');
  if (row?.status === 'submitted') throw new ReportWriteError('submitted');
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * Report writes one after another. Each builds the next row from the stored one and the record
 * writer queues what differs from the row it finds: two saves read side by side (a field left while
 * the last one's save still runs, as the report page saves each text when it is left) would each
 * send the other's field back to its old value, and a typed header was lost that way.
 */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export const reportRepository = {
  /** Every version of a scope's report for a quarter, oldest first (tombstones left out). */
  async versions(scopeId: string, period: string): Promise<ReportRow[]> {
    const rows = await getDb().reports.where('period').equals(period).toArray();
    return rows.filter((r) => r.villageId === scopeId && !r.deletedAt).sort((a, b) => a.version - b.version);
  },

  /**
   * The draft of version `version` (1 for a first report), created if the phone has none: its header
   * carried from the scope's latest earlier report, and, for a correction, every text of the version
   * it corrects.
   * @throws ReportWriteError 'forbidden' when the account may not write this scope's report
   */
  openDraft(scopeId: string, level: ReportLevel, period: string, version: number): Promise<ReportRow> {
    return oneAtATime(() => openDraftNow(scopeId, level, period, version));
  },

  /**
   * Saves typed texts of a draft; only fields that changed are queued, and an emptied field is cleared.
   * @throws ValidationError for a text the schema refuses (too long, an ID number…): nothing is written
   * @throws ReportWriteError when the row is submitted or the account may not write it
   */
  saveTexts(id: string, texts: Partial<Record<ReportTextField, string>>): Promise<void> {
    return oneAtATime(() => saveTextsNow(id, texts));
  },

  /**
   * Submits a draft: freezes `snapshot` (the composition the person saw, with its texts) and who and
   * when, in one change. From then on the row is read-only here and on the server.
   * @throws ReportWriteError when already submitted or not the account's to submit
   */
  submit(id: string, snapshot: QuarterReport): Promise<ReportRow> {
    return oneAtATime(() => submitNow(id, snapshot));
  },
};

async function openDraftNow(
  scopeId: string,
  level: ReportLevel,
  period: string,
  version: number,
): Promise<ReportRow> {
  const db = getDb();
  const id = reportId(scopeId, period, version);
  const current = await db.reports.get(id);
  if (current && !current.deletedAt) return current;
  requireWritable(undefined, scopeId);
  const earlier = (await db.reports.where('villageId').equals(scopeId).toArray())
    .filter((r) => !r.deletedAt && (r.period < period || (r.period === period && r.version < version)))
    .sort((a, b) => (a.period === b.period ? a.version - b.version : a.period.localeCompare(b.period)))
    .at(-1);
  const texts: Partial<Record<ReportTextField, string>> = {};
  if (earlier) {
    const fields = earlier.period === period ? REPORT_TEXT_FIELDS : CARRIED;
    for (const field of fields) {
      const value = (earlier as unknown as Record<string, unknown>)[field];
      if (isText(value)) texts[field] = value;
    }
  }
  const now = nowIso();
  const row = parseOrThrow(reportSchema, {
    ...texts,
    id,
    villageId: scopeId,
    level,
    period,
    version,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
  });
  await writeRow('reports', row);
  return (await db.reports.get(id)) as ReportRow;
}

async function saveTextsNow(id: string, texts: Partial<Record<ReportTextField, string>>): Promise<void> {
  const db = getDb();
  const current = await db.reports.get(id);
  if (!current) throw new ReportWriteError('forbidden');
  requireWritable(current, current.villageId);
  const next: Record<string, unknown> = { ...current, updatedAt: nowIso() };
  for (const [field, value] of Object.entries(texts)) {
    if (value === undefined || value.trim() === '') delete next[field];
    else next[field] = value;
  }
  await writeRow('reports', parseOrThrow(reportSchema, next));
}

async function submitNow(id: string, snapshot: QuarterReport): Promise<ReportRow> {
  const db = getDb();
  const current = await db.reports.get(id);
  if (!current) throw new ReportWriteError('forbidden');
  requireWritable(current, current.villageId);
  const user = useSession.getState().session?.user;
  const now = nowIso();
  const by = user?.displayName ?? '';
  const frozen: QuarterReport = { ...snapshot, status: 'submitted', submittedAt: now, submittedBy: by };
  const fields: Partial<ReportFields> = {
    status: 'submitted',
    submittedAt: now,
    submittedBy: by,
    snapshot: frozen as unknown as Record<string, unknown>,
  };
  await writeRow('reports', parseOrThrow(reportSchema, { ...current, ...fields, updatedAt: now }));
  return (await db.reports.get(id)) as ReportRow;
}
