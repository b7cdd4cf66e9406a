/**
 * A report's export on the device that holds the data (issue 19, items 5–6): the file is made here,
 * offline if need be (the export libraries load lazily and are precached), downloaded, and the export
 * recorded for the server's audit log (DESIGN §7): sent now when the device is logged in, else kept and
 * sent by the next sync (sync/export-records.ts). Recording never holds a report back: it holds no
 * personal data, only counts.
 */
import type { QuarterReport } from '../../../core/report/types';
import { nowIso } from '../../state/commune-clock';
import { queueExportRecord, sendExportRecords } from '../../sync/export-records';
import { canSync, useSession } from '../../sync/session';
import { saveFile } from '../register-io/export-register';

export type ReportFormat = 'xlsx' | 'docx' | 'csv' | 'print';

/** Keeps the record of an export and, when the device may sync, sends what is kept. */
export async function recordReportExport(report: QuarterReport, format: ReportFormat): Promise<void> {
  await queueExportRecord({
    kind: 'report',
    level: report.level,
    scopeId: report.scopeId,
    period: report.period,
    version: report.version,
    format,
    exportedAt: nowIso(),
  });
  const session = useSession.getState().session;
  // Not awaited by the caller's file: a slow or absent network only delays the record.
  if (canSync(session)) void sendExportRecords(session.token).catch(() => undefined);
}

/**
 * Makes the file of `report` in `format`, saves it through the browser's download and records the
 * export. Returns the file's name.
 * @throws when the format's library cannot load or fails (nothing recorded then)
 */
export async function downloadReport(
  report: QuarterReport,
  format: Exclude<ReportFormat, 'print'>,
): Promise<string> {
  const { exportReport } = await import('./export');
  const file = await exportReport(report, format);
  saveFile(file.blob, file.fileName);
  await recordReportExport(report, format);
  return file.fileName;
}
