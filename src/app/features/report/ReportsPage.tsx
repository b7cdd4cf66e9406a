import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation, useSearch } from 'wouter';
import { dayOfInstant } from '../../../core/indicators/period';
import { quarterLabel } from '../../../core/report/compose';
import { COMMUNE_OFFICE_ID } from '../../../core/sync/scope';
import { getDb, type ReportRow } from '../../db/database';
import { type Translate, useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { useSession } from '../../sync/session';
import { Field } from '../../ui/fields';
import { formatDay } from '../classes/class-format';
import { useCommuneVillages } from '../dashboard/use-dashboard';
import { defaultReportQuarter, type ReportState, reportQuarters, reportState } from './report-periods';
import './report.css';

export interface ReportScopeRow {
  scopeId: string;
  name: string;
  kind: 'commune' | 'village' | 'unit';
}

/** The scopes whose reports this account sees: the commune's, then villages, then units, by name. */
export function useVisibleReportScopes(): ReportScopeRow[] | undefined {
  const user = useSession((s) => s.session?.user);
  const villages = useCommuneVillages();
  const units = useLiveQuery(
    async () => (await getDb().reportingUnits.toArray()).filter((u) => !u.deletedAt),
    [],
  );
  if (!villages || !units) return undefined;
  const sees = (id: string) => user?.role === 'commune' || (user?.villageIds.includes(id) ?? false);
  const collator = new Intl.Collator('vi', { numeric: true });
  return [
    ...(user?.role === 'commune'
      ? [{ scopeId: COMMUNE_OFFICE_ID, name: 'xã', kind: 'commune' as const }]
      : []),
    ...villages
      .filter((v) => sees(v.id))
      .map((v) => ({ scopeId: v.id, name: v.name, kind: 'village' as const })),
    ...units
      .filter((u) => sees(u.id))
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((u) => ({ scopeId: u.id, name: u.name, kind: 'unit' as const })),
  ];
}

/** Every report row of a quarter, grouped by scope. */
export function useQuarterReports(period: string): Map<string, ReportRow[]> | undefined {
  return useLiveQuery(async () => {
    const rows = await getDb().reports.where('period').equals(period).toArray();
    const out = new Map<string, ReportRow[]>();
    for (const row of rows) out.set(row.villageId, [...(out.get(row.villageId) ?? []), row]);
    return out;
  }, [period]);
}

export function stateText(t: Translate, state: ReportState): string {
  const parts: string[] = [];
  if (state.submitted)
    parts.push(
      t('report.state.submitted', {
        version: state.submitted.version,
        day: state.submitted.submittedAt ? formatDay(dayOfInstant(state.submitted.submittedAt)) : '',
      }),
    );
  if (state.draft) parts.push(t('report.state.draft', { version: state.draft.version }));
  return parts.length > 0 ? parts.join(' · ') : t('report.state.none');
}

/**
 * The quarter's reports (issue 19): the commune's, each village's and each unit's, with where each
 * stands (not started, draft, submitted) — `/reports?period=2025-Q4`.
 */
export default function ReportsPage() {
  const t = useT();
  const [, navigate] = useLocation();
  const today = communeToday();
  const quarters = reportQuarters(today);
  const asked = new URLSearchParams(useSearch()).get('period');
  const period = asked && quarters.includes(asked) ? asked : defaultReportQuarter(today);
  const scopes = useVisibleReportScopes();
  const reports = useQuarterReports(period);

  return (
    <section className="report-page reports-list">
      <h1>{t('report.listTitle')}</h1>
      <p className="hint">{t('report.listIntro')}</p>
      <Field label={t('report.quarter')}>
        {({ id }) => (
          <select id={id} value={period} onChange={(e) => navigate(`/reports?period=${e.target.value}`)}>
            {quarters.map((q) => (
              <option key={q} value={q}>
                {quarterLabel(q)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!scopes || !reports ? (
        <p>{t('app.loading')}</p>
      ) : (
        <ul className="report-scopes" data-testid="report-scopes">
          {scopes.map((scope) => {
            const state = reportState(reports.get(scope.scopeId) ?? []);
            return (
              <li key={scope.scopeId} className={state.submitted ? 'submitted' : 'pending'}>
                <Link href={`/reports/${scope.scopeId}/${period}`}>
                  <span className="scope-name">
                    {scope.kind === 'commune' ? t('report.scope.commune') : scope.name}
                  </span>
                  <span className="scope-kind">{t(`report.level.${scope.kind}`)}</span>
                  <span className="scope-state">{stateText(t, state)}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
