import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useParams, useSearch } from 'wouter';
import { formatCommuneTime } from '../../../core/dates';
import { parsePeriodKey, periodKey, periodOfDay } from '../../../core/indicators/period';
import { quarterLabel } from '../../../core/report/compose';
import { getDb } from '../../db/database';
import { unitRepository } from '../../db/unit-repository';
import { useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { useSession } from '../../sync/session';
import { ActivityLog } from '../activities/ActivityLog';
import { useLocalVillages } from '../admin/use-local-villages';
import { FiguresForm } from './FiguresForm';
import { QuarterPicker } from './QuarterPicker';
import { unitMeta } from './UnitsPage';
import { seesUnit } from './use-units';
import './units.css';

/** The quarter asked for in the address (`?period=2025-Q4`), else the commune's current quarter. */
function usePeriodFromAddress(): string {
  const asked = parsePeriodKey(new URLSearchParams(useSearch()).get('period') ?? '');
  return periodKey(asked?.kind === 'quarter' ? asked : periodOfDay(communeToday(), 'quarter'));
}

/**
 * One unit's quarter (issue 19 item 1), for its own account (role `unit`) and for commune officers
 * entering on its behalf: the period, the figures form with who entered last and when, and the unit's
 * activity log. Other accounts do not hold the unit's rows (scope.ts) and are told so.
 */
export default function UnitPage() {
  const t = useT();
  const { unitId = '' } = useParams<{ unitId: string }>();
  const user = useSession((s) => s.session?.user);
  const [period, setPeriod] = useState(usePeriodFromAddress());
  const villages = useLocalVillages();
  const unit = useLiveQuery(async () => (await getDb().reportingUnits.get(unitId)) ?? null, [unitId]);
  const loaded = useLiveQuery(
    async () => ({ unitId, period, row: await unitRepository.figures(unitId, period) }),
    [unitId, period],
  );
  // A query of the previous quarter can still be the last answer just after the picker changed.
  const figures = loaded?.unitId === unitId && loaded.period === period ? loaded : undefined;

  if (unit === undefined) return <p>{t('app.loading')}</p>;
  const back = (
    <Link href="/units" className="back-link">
      ← {t('units.backToList')}
    </Link>
  );
  if (unit === null || unit.deletedAt)
    return (
      <section>
        {back}
        <p>{t('units.notFound')}</p>
      </section>
    );
  const villageName = new Map(villages?.map((v) => [v.id, v.name]));
  const visible = seesUnit(user, unit.id);
  const row = figures?.row;
  const quarter = parsePeriodKey(period);

  return (
    <section className="unit-page">
      {back}
      <h1>{unit.name}</h1>
      <p className="item-meta">{unitMeta(t, unit, villageName)}</p>
      {!visible ? (
        <p className="notice">{t('units.noAccess')}</p>
      ) : (
        <>
          <QuarterPicker value={period} onChange={setPeriod} />
          <h2>
            {t('unitFigures.title', {
              quarter: quarter?.kind === 'quarter' ? quarter.quarter : 0,
              year: String(quarter?.year ?? ''),
            })}
          </h2>
          <p className="hint">{t('unitFigures.intro')}</p>
          {figures !== undefined && (
            <p className="entered-line" data-testid="entered-line">
              {!row
                ? t('unitFigures.notReported')
                : row.enteredAt && row.enteredBy
                  ? t('unitFigures.lastEntered', {
                      name: row.enteredBy,
                      time: formatCommuneTime(row.enteredAt, true),
                    })
                  : row.enteredAt
                    ? t('unitFigures.lastEnteredAt', { time: formatCommuneTime(row.enteredAt, true) })
                    : null}
            </p>
          )}
          {figures === undefined ? (
            <p>{t('app.loading')}</p>
          ) : (
            <FiguresForm key={`${unit.id}:${period}`} unit={unit} period={period} row={figures.row} />
          )}
          {quarter?.kind === 'quarter' && (
            <p className="unit-report-link">
              <Link href={`/reports/${unit.id}/${period}`}>
                {t('report.unitReportLink', { quarter: quarterLabel(period) })}
              </Link>
            </p>
          )}
          <section className="unit-activities" aria-labelledby="unit-activities">
            <h2 id="unit-activities">{t('activities.pageTitle')}</h2>
            <ActivityLog scopeId={unit.id} />
          </section>
        </>
      )}
    </section>
  );
}
