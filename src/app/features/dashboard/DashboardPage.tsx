import { Link, useParams } from 'wouter';
import type { Figures, TargetFigure } from '../../../core/indicators/types';
import { quarterLabel } from '../../../core/report/compose';
import type { TargetCode } from '../../../core/schemas';
import { useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { useSession } from '../../sync/session';
import { defaultReportQuarter } from '../report/report-periods';
import { VillageTabs } from '../villages/VillageTabs';
import { VillageTitle } from '../villages/VillageTitle';
import { TrendChart } from './charts';
import type { TrendPoint } from './dashboard-api';
import {
  AssistSection,
  ClassSection,
  FunnelSection,
  HouseholdSection,
  PrioritySection,
  QualitySection,
  RegisterSection,
} from './FigureSections';
import { PeriodPicker, periodLabel } from './PeriodPicker';
import { TargetCard } from './TargetCard';
import { useDashboardPeriod, useWorkerAnswer } from './use-dashboard';
import './dashboard.css';

/** Every village has people for c, d and id; a, b and đ count groups a register may not record. */
const ALWAYS: readonly TargetCode[] = ['id', 'c', 'd'];
const WHEN_RECORDED: readonly TargetCode[] = ['a', 'b', 'dd'];
/** Quarters in the trend chart. */
const TREND_QUARTERS = 4;

/** The figure cards of a set of villages (one village here; the commune page reuses the parts). */
export function FigureCards({ figures, villageId }: { figures: Figures; villageId: string | undefined }) {
  const codes = [...ALWAYS, ...WHEN_RECORDED.filter((c) => figures.targets[c].denominator.register > 0)];
  return (
    <div className="target-cards">
      {codes.map((code) => (
        <TargetCard key={code} figure={figures.targets[code]} villageId={villageId} />
      ))}
    </div>
  );
}

export function TrendSection({ points }: { points: readonly TrendPoint[] }) {
  const t = useT();
  const last = points.at(-1);
  const chart = (code: 'c' | 'd' | 'id') => {
    const columns = points.map((p) => {
      const [year, quarter] = p.period.split('-Q');
      const figure: TargetFigure = p[code];
      return {
        label: `Q${quarter}/${year?.slice(2)}`,
        ...(figure.percent === undefined ? {} : { percent: figure.percent }),
      };
    });
    const title = t(`dashboard.target.${code}.short`);
    const target = last?.[code].target?.percent;
    return (
      <TrendChart
        key={code}
        title={title}
        columns={columns}
        {...(target === undefined ? {} : { target })}
        summary={t('dashboard.trend.summary', {
          title,
          values: columns
            .map((c) => `${c.label}: ${c.percent === undefined ? '–' : `${Math.round(c.percent)}%`}`)
            .join(', '),
        })}
      />
    );
  };
  return (
    <section className="figure-section" aria-labelledby="fig-trend">
      <h2 id="fig-trend">{t('dashboard.trend.title')}</h2>
      <div className="trends">{(['id', 'c', 'd'] as const).map(chart)}</div>
    </section>
  );
}

/** A village's figures against the plan's targets (issue 18, item 4): members, leads, commune. */
export default function DashboardPage() {
  const t = useT();
  const { villageId = '' } = useParams<{ villageId: string }>();
  const period = useDashboardPeriod();
  const role = useSession((s) => s.session?.user.role);
  const today = communeToday();
  const ids = [villageId];
  const figures = useWorkerAnswer(`figures ${villageId} ${period} ${today}`, (api) =>
    api.figures(ids, period, today),
  );
  const trend = useWorkerAnswer(`trend ${villageId} ${period} ${today}`, (api) =>
    api.trend(ids, period, TREND_QUARTERS, today),
  );
  // The report of the quarter on screen, or of the quarter to report on when a year is shown.
  const reportQuarter = /-Q[1-4]$/.test(period) ? period : defaultReportQuarter(today);
  return (
    <section className="dashboard">
      <VillageTitle villageId={villageId} />
      <VillageTabs villageId={villageId} />
      <h1>{t('dashboard.title')}</h1>
      <PeriodPicker period={period} />
      <p className="dashboard-links">
        <Link href={`/reports/${villageId}/${reportQuarter}`}>
          {t('report.villageReportLink', { quarter: quarterLabel(reportQuarter) })}
        </Link>
      </p>
      {role === 'commune' && (
        <p className="dashboard-links">
          <Link href="/dashboard">{t('dashboard.communeLink')}</Link>
          {' · '}
          <Link href="/dashboard/targets">{t('dashboard.targetsLink')}</Link>
        </p>
      )}
      {figures.state === 'loading' ? (
        <p>{t('app.loading')}</p>
      ) : figures.state === 'failed' ? (
        <p className="error" role="alert">
          {t('dashboard.failed')}
        </p>
      ) : (
        <>
          <h2 className="period-heading">{periodLabel(t, period)}</h2>
          <FigureCards figures={figures.value} villageId={villageId} />
          {trend.state === 'ready' && <TrendSection points={trend.value} />}
          <FunnelSection figures={figures.value} villageId={villageId} />
          <HouseholdSection figures={figures.value} villageId={villageId} />
          <PrioritySection figures={figures.value} villageId={villageId} />
          <AssistSection figures={figures.value} villageId={villageId} />
          <ClassSection figures={figures.value} villageId={villageId} />
          <RegisterSection figures={figures.value} villageId={villageId} />
          <QualitySection figures={figures.value} villageId={villageId} />
        </>
      )}
    </section>
  );
}
