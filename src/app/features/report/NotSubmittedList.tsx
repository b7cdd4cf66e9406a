import { Link } from 'wouter';
import { quarterLabel } from '../../../core/report/compose';
import { useT } from '../../i18n/i18n';
import { useQuarterReports, useVisibleReportScopes } from './ReportsPage';
import { reportState } from './report-periods';

/**
 * On the commune dashboard (issue 19, item 4): the villages and units that have not submitted their
 * report for the quarter (a submitted version counts; a correction under way does not undo it).
 */
export function NotSubmittedList({ period }: { period: string }) {
  const t = useT();
  const scopes = useVisibleReportScopes();
  const reports = useQuarterReports(period);
  if (!/^\d{4}-Q[1-4]$/.test(period) || !scopes || !reports) return null;
  const missing = scopes.filter(
    (s) => s.kind !== 'commune' && !reportState(reports.get(s.scopeId) ?? []).submitted,
  );
  const quarter = quarterLabel(period);
  return (
    <section className="not-submitted" aria-labelledby="not-submitted-title" data-testid="not-submitted">
      <h2 id="not-submitted-title">{t('report.notSubmittedTitle', { quarter })}</h2>
      {missing.length === 0 ? (
        <p>{t('report.notSubmittedNone', { quarter })}</p>
      ) : (
        <ul>
          {missing.map((s) => (
            <li key={s.scopeId}>
              <Link href={`/reports/${s.scopeId}/${period}`}>{s.name}</Link>{' '}
              <small>({t(`report.level.${s.kind}`)})</small>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href={`/reports?period=${period}`}>{t('report.notSubmittedLink')}</Link>
      </p>
    </section>
  );
}
