/**
 * The quarterly report's exports (issue 19, item 5): XLSX for adding up, DOCX for signing and sending,
 * CSV for any other tool. The app reaches this module only by `await import('./export')`, and this
 * module reaches each format only by a dynamic import too, so exceljs, docx and papaparse load when an
 * officer asks for that file, never with the first screen (DESIGN §9: first load ≤ 150 kB gzip).
 */
import type { QuarterReport } from '../../../../core/report/types';
import { type ReportExportFormat, reportFileName } from './file-names';

export type { ReportExportFormat } from './file-names';
export { reportFileName } from './file-names';

export const REPORT_MIME: Readonly<Record<ReportExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv;charset=utf-8',
};

export interface ReportExport {
  blob: Blob;
  fileName: string;
  mime: string;
}

async function bytesOf(report: QuarterReport, format: ReportExportFormat): Promise<BlobPart> {
  switch (format) {
    case 'xlsx':
      return (await import('./xlsx')).reportXlsx(report);
    case 'docx':
      return (await import('./docx')).reportDocx(report);
    case 'csv':
      return (await import('./csv')).reportCsv(report);
  }
}

/**
 * The file of `report` in `format`, with its name (reportFileName) and MIME type, ready for a download
 * link or the share sheet. Rejects only if the format's module cannot load (offline before the
 * service worker cached it) or the library fails.
 */
export async function exportReport(report: QuarterReport, format: ReportExportFormat): Promise<ReportExport> {
  const mime = REPORT_MIME[format];
  const blob = new Blob([await bytesOf(report, format)], { type: mime });
  return { blob, fileName: reportFileName(report, format), mime };
}
