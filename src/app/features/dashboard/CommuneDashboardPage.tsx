import { useState } from 'react';
import { Link } from 'wouter';
import type { DrillKey, Figures } from '../../../core/indicators/types';
import { COMMUNE_OFFICE_ID } from '../../../core/sync/scope';
import { type MessageKey, useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { useSession } from '../../sync/session';
import { NotFound } from '../../ui/NotFound';
import { NotSubmittedList } from '../report/NotSubmittedList';
import { FigureCards } from './DashboardPage';
import { drillHref } from './drill-keys';
import { PeriodPicker, periodLabel } from './PeriodPicker';
import { percentText } from './TargetCard';
import { useCommuneVillages, useDashboardPeriod, useWorkerAnswer } from './use-dashboard';
import './dashboard.css';

/** A column of the villages' table: what it shows and sorts by, and the list behind its number. */
interface Column {
  key: string;
  header: MessageKey;
  value: (f: Figures) => number | undefined;
  text: (f: Figures) => string;
  drill?: DrillKey;
}

const visitedShare = (f: Figures) =>
  f.households.total > 0 ? (f.households.visitedEver / f.households.total) * 100 : undefined;

const COLUMNS: readonly Column[] = [
  ...(['id', 'c', 'd'] as const).flatMap((code): Column[] => [
    {
      key: `${code}.percent`,
      header: `dashboard.col.${code}`,
      value: (f) => f.targets[code].percent,
      text: (f) => percentText(f.targets[code].percent),
      drill: `target.${code}.met`,
    },
    {
      key: `${code}.gap`,
      header: 'dashboard.col.gap',
      value: (f) => f.targets[code].gap,
      text: (f) => String(f.targets[code].gap ?? '–'),
      drill: `target.${code}.missing`,
    },
  ]),
  {
    key: 'visited',
    header: 'dashboard.col.visited',
    value: visitedShare,
    text: (f) => percentText(visitedShare(f)),
    drill: 'households.visitedEver',
  },
  {
    key: 'stuck',
    header: 'dashboard.col.stuck',
    value: (f) => f.funnel.stuck,
    text: (f) => String(f.funnel.stuck),
    drill: 'funnel.stuck',
  },
  {
    key: 'elderly',
    header: 'dashboard.col.notReached',
    value: (f) => f.priority.notReached.elderly,
    text: (f) => String(f.priority.notReached.elderly),
    drill: 'priority.elderly',
  },
];

type Sort = { column: string; descending: boolean };
/** Furthest behind first: the lowest share of people with VNeID level 2. */
const DEFAULT_SORT: Sort = { column: 'id.percent', descending: false };

/** The commune officer's view (issue 18, item 4): every village side by side, and the commune. */
export default function CommuneDashboardPage() {
  const t = useT();
  const role = useSession((s) => s.session?.user.role);
  const period = useDashboardPeriod();
  const today = communeToday();
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const shown = useCommuneVillages();
  const ids = shown?.map((v) => v.id) ?? [];
  const answer = useWorkerAnswer(`commune ${ids.join(',')} ${period} ${today}`, (api) =>
    ids.length > 0 ? api.commune(ids, period, today) : Promise.resolve(undefined),
  );

  if (role !== 'commune')
    return <NotFound backHref="/" message="dashboard.communeOnly" backLabel="app.goHome" />;
  const column = COLUMNS.find((c) => c.key === sort.column) ?? COLUMNS[0];
  const commune = answer.state === 'ready' ? answer.value : undefined;
  const rows =
    commune && shown
      ? shown
          .map((v) => ({ village: v, figures: commune.villages[v.id] }))
          .filter((r): r is { village: (typeof shown)[number]; figures: Figures } => r.figures !== undefined)
      : [];
  if (column) {
    rows.sort((a, b) => {
      const x = column.value(a.figures);
      const y = column.value(b.figures);
      // Villages without the number (no one counted) go last either way.
      if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
      return sort.descending ? y - x : x - y;
    });
  }
  return (
    <section className="dashboard commune-dashboard">
      <h1>{t('dashboard.communeTitle')}</h1>
      <PeriodPicker period={period} />
      <p className="dashboard-links">
        <Link href="/dashboard/targets">{t('dashboard.targetsLink')}</Link>
        {' · '}
        <Link href="/units">{t('units.title')}</Link>
        {' · '}
        <Link href={`/activities/${COMMUNE_OFFICE_ID}`}>{t('units.officeActivities')}</Link>
        {' · '}
        <Link href={`/reports${/-Q[1-4]$/.test(period) ? `?period=${period}` : ''}`}>
          {t('report.listTitle')}
        </Link>
      </p>
      <NotSubmittedList period={period} />
      {!shown || answer.state === 'loading' ? (
        <p>{t('app.loading')}</p>
      ) : answer.state === 'failed' ? (
        <p className="error" role="alert">
          {t('dashboard.failed')}
        </p>
      ) : !commune ? (
        <p className="empty">{t('dashboard.noVillages')}</p>
      ) : (
        <>
          <h2 className="period-heading">{periodLabel(t, period)}</h2>
          <div className="table-scroll">
            <table className="village-table" data-testid="village-table">
              <caption>{t('dashboard.villagesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.col.village')}</th>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={
                        sort.column === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined
                      }
                    >
                      <button
                        type="button"
                        className="sort"
                        onClick={() =>
                          setSort((s) =>
                            s.column === c.key
                              ? { column: c.key, descending: !s.descending }
                              : { column: c.key, descending: false },
                          )
                        }
                      >
                        {t(c.header, { code: c.key.split('.')[0] ?? '' })}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ village, figures }) => (
                  <tr key={village.id} data-testid="village-row">
                    <th scope="row">
                      <Link href={`/v/${village.id}/dashboard`}>{village.name}</Link>
                    </th>
                    {COLUMNS.map((c) => (
                      <td key={c.key}>
                        {c.drill ? (
                          <Link href={drillHref(village.id, c.drill)}>{c.text(figures)}</Link>
                        ) : (
                          c.text(figures)
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="commune-total">
                  <th scope="row">{t('dashboard.communeTotal')}</th>
                  {COLUMNS.map((c) => (
                    <td key={c.key}>
                      {c.drill ? (
                        <Link href={drillHref(undefined, c.drill)}>{c.text(commune.total)}</Link>
                      ) : (
                        c.text(commune.total)
                      )}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
          <h2>{t('dashboard.communeTargets')}</h2>
          <FigureCards figures={commune.total} villageId={undefined} />
        </>
      )}
    </section>
  );
}
