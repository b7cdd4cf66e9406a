import { useEffect, useRef } from 'react';
import { Link, useParams, useSearch } from 'wouter';
import { reportDocument } from '../../../core/report/document';
import type { DocumentBlock, ReportDocument } from '../../../core/report/types';
import { useT } from '../../i18n/i18n';
import { NotFound } from '../../ui/NotFound';
import { recordReportExport } from './report-export';
import { useComposedReport, useReportScope, useReportVersions } from './use-report';
import './report.css';
import './a4-document.css';

function Block({ block }: { block: DocumentBlock }) {
  switch (block.kind) {
    case 'heading': {
      const Tag = block.level === 1 ? 'h2' : block.level === 2 ? 'h3' : 'h4';
      return <Tag>{block.text}</Tag>;
    }
    case 'paragraph':
      return (
        <p className={[block.bold ? 'bold' : '', block.italic ? 'italic' : ''].join(' ').trim() || undefined}>
          {block.text}
        </p>
      );
    case 'table':
      return (
        <table>
          <thead>
            <tr>
              {block.header.map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a header's columns are fixed by position.
                <th key={i} scope="col">
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a finished document never move.
              <tr key={r}>
                {row.map((cell, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are fixed by position.
                  <td key={c}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

/** The document on an A4 sheet, as the DOCX lays it out (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
export function PrintedReport({ doc }: { doc: ReportDocument }) {
  return (
    <article className="a4-document" lang="vi">
      <table className="doc-header">
        <tbody>
          <tr>
            <td>
              {doc.header.superiorBody && <p>{doc.header.superiorBody}</p>}
              <p className="bold">{doc.header.issuingBody}</p>
              <p>{doc.header.number}</p>
            </td>
            <td className="doc-motto">
              <p className="bold">{doc.header.motto}</p>
              <p className="bold motto-line">{doc.header.subMotto}</p>
              <p className="italic">{doc.header.dateLine}</p>
            </td>
          </tr>
        </tbody>
      </table>
      <h1 className="doc-kind">{doc.kind}</h1>
      <p className="doc-title bold">{doc.title}</p>
      <div className="doc-body">
        {doc.body.map((block, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the blocks of a composed document are fixed.
          <Block key={i} block={block} />
        ))}
      </div>
      <table className="doc-footer">
        <tbody>
          <tr>
            <td>
              <p className="bold italic">Nơi nhận:</p>
              {doc.recipients.map((line) => (
                <p key={line} className="recipient">
                  {line}
                </p>
              ))}
            </td>
            <td className="signature">
              {doc.signature.title.split('\n').map((line) => (
                <p key={line} className="bold">
                  {line}
                </p>
              ))}
              <p className="signature-space" />
              <p className="bold">{doc.signature.name}</p>
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}

/**
 * The print view (issue 19, item 5): `/reports/:scopeId/:period/print[?v=N]`, the report as an A4
 * administrative document; "In / Lưu PDF" opens the browser's print, and the print is recorded like
 * any export.
 */
export default function ReportPrintPage() {
  const t = useT();
  const { scopeId = '', period = '' } = useParams<{ scopeId: string; period: string }>();
  const wanted = Number(new URLSearchParams(useSearch()).get('v'));
  const scope = useReportScope(scopeId);
  const versions = useReportVersions(scopeId, period);
  const row = versions?.find((r) => r.version === wanted) ?? versions?.at(-1);
  const answer = useComposedReport(/^\d{4}-Q[1-4]$/.test(period) ? scope : null, period, row);
  const report = answer.state === 'ready' ? answer.value : undefined;
  const printed = useRef(false);
  useEffect(() => {
    if (!report) return;
    const after = () => {
      if (printed.current) return;
      printed.current = true;
      void recordReportExport(report, 'print');
    };
    window.addEventListener('afterprint', after);
    return () => window.removeEventListener('afterprint', after);
  }, [report]);

  if (scope === null || (scope && !scope.mayRead))
    return <NotFound backHref="/reports" message="report.noAccess" backLabel="report.back" />;
  const back = `/reports/${scopeId}/${period}${row ? `?v=${row.version}` : ''}`;
  return (
    <section className="report-print">
      <div className="no-print report-print-bar">
        <Link href={back}>{t('report.back')}</Link>
        <button type="button" className="button primary" disabled={!report} onClick={() => window.print()}>
          {t('report.export.print')}
        </button>
        <p className="hint">{t('report.printHint')}</p>
      </div>
      {answer.state === 'failed' ? (
        <p className="error" role="alert">
          {t('report.failed')}
        </p>
      ) : report ? (
        <PrintedReport doc={reportDocument(report)} />
      ) : (
        <p>{t('report.composing')}</p>
      )}
    </section>
  );
}
