import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { dayOfInstant } from '../../../core/indicators/period';
import { quarterLabel } from '../../../core/report/compose';
import type { QuarterReport } from '../../../core/report/types';
import { MAX_TARGET_YEAR } from '../../../core/schemas';
import type { ReportRow } from '../../db/database';
import {
  REPORT_TEXT_FIELDS,
  type ReportTextField,
  ReportWriteError,
  reportRepository,
} from '../../db/report-repository';
import { ValidationError } from '../../db/repository-errors';
import { useT } from '../../i18n/i18n';
import { NotFound } from '../../ui/NotFound';
import { formatDay } from '../classes/class-format';
import { ReportView } from './ReportView';
import { downloadReport } from './report-export';
import { FIRST_REPORT_QUARTER } from './report-periods';
import { useComposedReport, useReportScope, useReportVersions } from './use-report';
import './report.css';

const QUARTER = /^\d{4}-Q[1-4]$/;

/** A quarter a report can be for: from the plan's first (Quý III/2025) to the last year a target can have. */
function reportable(period: string): boolean {
  return (
    QUARTER.test(period) && period >= FIRST_REPORT_QUARTER && Number(period.slice(0, 4)) <= MAX_TARGET_YEAR
  );
}

/** Two texts the same once stored: the schema keeps a text trimmed, its spaces single, in NFC. */
function sameText(a: string, b: string): boolean {
  const norm = (x: string) =>
    x
      .normalize('NFC')
      .replace(/[ \t]+/g, ' ')
      .replace(/\s*\n\s*/g, '\n')
      .trim();
  return norm(a) === norm(b);
}

function textsOf(row: ReportRow | undefined): Partial<Record<ReportTextField, string>> {
  const out: Partial<Record<ReportTextField, string>> = {};
  if (!row) return out;
  const values = row as unknown as Record<string, unknown>;
  for (const field of REPORT_TEXT_FIELDS) {
    const value = values[field];
    if (typeof value === 'string') out[field] = value;
  }
  return out;
}

/**
 * One scope's quarterly report (issue 19, items 3–5): `/reports/:scopeId/:period[?v=N]`. A draft is
 * composed live from the data and its texts are typed here (each saved when its field is left); the
 * report is submitted once, frozen, and read-only after; a correction is the next version. Exports:
 * XLSX, DOCX, CSV and the print view.
 */
export default function ReportPage() {
  const t = useT();
  const { scopeId = '', period = '' } = useParams<{ scopeId: string; period: string }>();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const scope = useReportScope(scopeId);
  const versions = useReportVersions(scopeId, period);
  const wanted = Number(search.get('v'));
  const row = versions?.find((r) => r.version === wanted) ?? versions?.at(-1);
  const latest = versions?.at(-1);
  const answer = useComposedReport(reportable(period) ? scope : null, period, row);
  const [texts, setTexts] = useState<Partial<Record<ReportTextField, string>>>({});
  const [message, setMessage] = useState<{ text: string; error?: boolean } | undefined>();
  const [busy, setBusy] = useState(false);
  // What the person typed and the phone has not yet stored, by field. A typed field shows its typed
  // value until the stored row holds it: an older copy of the row (a live query a save behind, a
  // teammate's edit of another field) never puts back a value under the person's fingers, and a
  // save never sends a field the person did not touch.
  const typed = useRef(new Map<ReportTextField, string>());
  const rowKey = `${row?.id}@${row?.updatedAt}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rowKey stands for the row's content.
  useEffect(() => {
    const stored = textsOf(row);
    for (const [field, value] of typed.current) {
      if (sameText(stored[field] ?? '', value)) typed.current.delete(field);
    }
    setTexts({ ...stored, ...Object.fromEntries(typed.current) });
  }, [rowKey]);

  if (!reportable(period) || scope === null)
    return <NotFound backHref="/reports" message="report.noAccess" backLabel="report.back" />;
  if (scope === undefined || versions === undefined) return <p>{t('app.loading')}</p>;
  if (!scope.mayRead) return <NotFound backHref="/" message="report.noAccess" backLabel="app.goHome" />;

  const submitted = row?.status === 'submitted';
  const editable = scope.mayWrite && row !== undefined && !submitted;
  const report: QuarterReport | undefined = answer.state === 'ready' ? answer.value : undefined;

  const fail = (error: unknown) => {
    const reason =
      error instanceof ReportWriteError
        ? t(`report.writeError.${error.reason}`)
        : error instanceof ValidationError
          ? Object.values(error.fields)
              .map((m) => t(m))
              .join('; ')
          : String(error);
    setMessage({ text: t('report.saveFailed', { reason }), error: true });
  };

  const commit = async (field: ReportTextField) => {
    const value = typed.current.get(field);
    if (!row || !editable || value === undefined) return;
    try {
      await reportRepository.saveTexts(row.id, { [field]: value });
      setMessage({ text: t('report.saved') });
    } catch (error) {
      fail(error);
    }
  };

  const saveAll = async () => {
    if (!row || !editable || typed.current.size === 0) return;
    await reportRepository.saveTexts(row.id, Object.fromEntries(typed.current));
  };

  const start = async (version: number) => {
    setBusy(true);
    try {
      await reportRepository.openDraft(scopeId, scope.level, period, version);
      navigate(`/reports/${scopeId}/${period}?v=${version}`, { replace: true });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!row || !report) return;
    if (!window.confirm(t('report.submitConfirm', { quarter: quarterLabel(period) }))) return;
    setBusy(true);
    try {
      await saveAll();
      // The composition the person sees, with the texts just saved: what is frozen is what was read.
      const withTexts: QuarterReport = {
        ...report,
        tasks: report.tasks.map((task) => ({ ...task, result: texts[`task${task.no}`]?.trim() ?? '' })),
        difficulties: texts.difficulties?.trim() ?? '',
        proposals: texts.proposals?.trim() ?? '',
      };
      await reportRepository.submit(row.id, withTexts);
      setMessage({ text: t('report.submitted') });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const exportAs = async (format: 'xlsx' | 'docx' | 'csv') => {
    if (!report) return;
    setBusy(true);
    setMessage({ text: t('report.exporting') });
    try {
      await saveAll();
      const file = await downloadReport(report, format);
      setMessage({ text: t('report.exported', { file }) });
    } catch {
      setMessage({ text: t('report.exportFailed'), error: true });
    } finally {
      setBusy(false);
    }
  };

  const title = `${t('report.navTitle')} – ${quarterLabel(period)}`;
  return (
    <section className="report-page" aria-busy={busy || answer.state === 'loading'}>
      <p className="report-crumbs">
        <Link href={`/reports?period=${period}`}>{t('report.listTitle')}</Link>
      </p>
      <h1>{title}</h1>
      <p className="report-scope">
        {scope.level === 'commune' ? (
          <strong>{t('report.scope.commune')}</strong>
        ) : (
          <>
            {t(`report.level.${scope.level}`)}: <strong>{scope.name}</strong>
          </>
        )}
      </p>

      {versions.length > 1 && (
        <nav className="report-versions" aria-label={t('report.versionPick')}>
          {versions.map((v) => (
            <Link
              key={v.version}
              href={`/reports/${scopeId}/${period}?v=${v.version}`}
              aria-current={v.version === row?.version ? 'page' : undefined}
            >
              {t('report.version', { version: v.version })}
              {v.status === 'submitted' ? ` (${t('report.status.submitted')})` : ''}
            </Link>
          ))}
        </nav>
      )}

      {row && submitted ? (
        <p className="report-badge submitted" role="status">
          {t('report.submittedBadge', {
            day: row.submittedAt ? formatDay(dayOfInstant(row.submittedAt)) : '',
            who: row.submittedBy ?? '',
          })}
        </p>
      ) : row ? (
        <p className="report-badge draft">{t('report.draftBadge')}</p>
      ) : null}

      {!row && scope.mayWrite && (
        <button type="button" className="button primary" disabled={busy} onClick={() => start(1)}>
          {t('report.start')}
        </button>
      )}
      {!scope.mayWrite && <p className="hint">{t('report.readOnlyMember')}</p>}

      <div className="report-actions no-print">
        <span className="report-actions-label">{t('report.exports')}:</span>
        {(['xlsx', 'docx', 'csv'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            disabled={!report || busy}
            onClick={() => exportAs(format)}
          >
            {t(`report.export.${format}`)}
          </button>
        ))}
        <Link
          className="button"
          href={`/reports/${scopeId}/${period}/print${row ? `?v=${row.version}` : ''}`}
          aria-disabled={!report}
        >
          {t('report.export.print')}
        </Link>
        {editable && (
          <button type="button" className="button primary" disabled={!report || busy} onClick={submit}>
            {t('report.submit')}
          </button>
        )}
        {submitted && scope.mayWrite && latest?.id === row?.id && latest && (
          <button type="button" className="button" disabled={busy} onClick={() => start(latest.version + 1)}>
            {t('report.correction', { version: latest.version + 1 })}
          </button>
        )}
      </div>
      {submitted && scope.mayWrite && latest?.id === row?.id && (
        <p className="hint">{t('report.correctionHint')}</p>
      )}
      <p className={message?.error ? 'error' : 'report-message'} role={message?.error ? 'alert' : 'status'}>
        {message?.text ?? ''}
      </p>

      {answer.state === 'failed' ? (
        <p className="error" role="alert">
          {t('report.failed')}
        </p>
      ) : !report ? (
        <p>{t('report.composing')}</p>
      ) : (
        <ReportView
          report={report}
          {...(editable
            ? {
                editing: {
                  texts,
                  onChange: (field, value) => {
                    typed.current.set(field, value);
                    setTexts((current) => ({ ...current, [field]: value }));
                  },
                  onCommit: (field) => void commit(field),
                },
              }
            : {})}
        />
      )}
    </section>
  );
}
