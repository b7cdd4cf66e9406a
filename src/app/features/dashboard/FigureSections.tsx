import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { type DrillKey, type Figures, PRIORITY_KEYS } from '../../../core/indicators/types';
import { AUDIENCES } from '../../../core/schemas';
import { BASIC_FIVE, VNEID_STEPS } from '../../../core/skills/catalogue';
import { useT } from '../../i18n/i18n';
import { StepBar } from './charts';
import { drillHref } from './drill-keys';

type Unit = 'people' | 'households' | 'times' | 'classes';

/** One labelled number; a link to its list when one stands behind it. */
function FigureRow({
  label,
  value,
  unit,
  drill,
  villageId,
  bar,
}: {
  label: string;
  value: number;
  unit: Unit;
  drill?: DrillKey | undefined;
  villageId: string | undefined;
  bar?: ReactNode;
}) {
  const t = useT();
  const text = t(`dashboard.unit.${unit}`, { count: value });
  return (
    <li className="figure-row">
      <span className="figure-label">{label}</span>
      {bar}
      {drill ? (
        <Link href={drillHref(villageId, drill)} className="figure-value" data-testid={`drill-${drill}`}>
          {text}
        </Link>
      ) : (
        <span className="figure-value">{text}</span>
      )}
    </li>
  );
}

interface SectionProps {
  figures: Figures;
  villageId: string | undefined;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="figure-section" aria-labelledby={`fig-${id}`}>
      <h2 id={`fig-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

/** The VNeID journey: who is at each step, who never started, who waits at the police too long. */
export function FunnelSection({ figures, villageId }: SectionProps) {
  const t = useT();
  const { funnel } = figures;
  const max = Math.max(funnel.notStarted, ...VNEID_STEPS.map((s) => funnel.atStep[s]));
  return (
    <Section id="funnel" title={t('dashboard.funnel.title')}>
      <p className="hint">{t('dashboard.funnel.population', { count: funnel.population })}</p>
      <ul className="figure-list funnel">
        <FigureRow
          label={t('dashboard.funnel.notStarted')}
          value={funnel.notStarted}
          unit="people"
          drill="funnel.notStarted"
          villageId={villageId}
          bar={<StepBar value={funnel.notStarted} max={max} />}
        />
        {VNEID_STEPS.map((step) => (
          <FigureRow
            key={step}
            label={t(`skill.${step}`)}
            value={funnel.atStep[step]}
            unit="people"
            drill={`funnel.at.${step}`}
            villageId={villageId}
            bar={<StepBar value={funnel.atStep[step]} max={max} />}
          />
        ))}
        <FigureRow
          label={t('dashboard.funnel.stuck')}
          value={funnel.stuck}
          unit="people"
          drill="funnel.stuck"
          villageId={villageId}
        />
      </ul>
    </Section>
  );
}

export function HouseholdSection({ figures, villageId }: SectionProps) {
  const t = useT();
  const h = figures.households;
  const share = h.total > 0 ? Math.round((h.visitedEver / h.total) * 100) : undefined;
  return (
    <Section id="households" title={t('dashboard.households.title', { count: h.total })}>
      {share !== undefined && <p className="hint">{t('dashboard.households.share', { percent: share })}</p>}
      <ul className="figure-list">
        <FigureRow
          label={t('dashboard.households.visitedEver')}
          value={h.visitedEver}
          unit="households"
          drill="households.visitedEver"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.households.visitedInPeriod')}
          value={h.visitedInPeriod}
          unit="households"
          drill="households.visitedInPeriod"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.households.neverVisited')}
          value={h.neverVisited}
          unit="households"
          drill="households.neverVisited"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.households.visits')}
          value={h.visits}
          unit="times"
          villageId={villageId}
        />
      </ul>
      <h3>{t('dashboard.households.fluentTitle')}</h3>
      <ul className="figure-list">
        {BASIC_FIVE.map((skill) => (
          <FigureRow
            key={skill}
            label={t('dashboard.households.notFluent', { skill: t(`skill.${skill}`) })}
            value={h.total - h.fluent[skill]}
            unit="households"
            drill={`households.notFluent.${skill}`}
            villageId={villageId}
          />
        ))}
        <FigureRow
          label={t('dashboard.households.notFluentAllFive')}
          value={h.total - h.fluentAllFive}
          unit="households"
          drill="households.notFluentAllFive"
          villageId={villageId}
        />
      </ul>
    </Section>
  );
}

export function AssistSection({ figures, villageId }: SectionProps) {
  const t = useT();
  const { period, cumulative } = figures.assists;
  return (
    <Section id="assists" title={t('dashboard.assists.title')}>
      <ul className="figure-list">
        <FigureRow
          label={t('dashboard.assists.helpedPeriod')}
          value={period.residentsHelped}
          unit="people"
          drill="assists.helped"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.assists.countPeriod')}
          value={period.assists}
          unit="times"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.assists.helpedCumulative')}
          value={cumulative.residentsHelped}
          unit="people"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.assists.countCumulative')}
          value={cumulative.assists}
          unit="times"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.assists.selfReported')}
          value={period.selfReported}
          unit="times"
          villageId={villageId}
        />
      </ul>
    </Section>
  );
}

export function ClassSection({ figures, villageId }: SectionProps) {
  const t = useT();
  const c = figures.classes.period;
  return (
    <Section id="classes" title={t('dashboard.classes.title')}>
      <ul className="figure-list">
        <FigureRow label={t('dashboard.classes.held')} value={c.held} unit="classes" villageId={villageId} />
        <FigureRow
          label={t('dashboard.classes.attendances')}
          value={c.attendances}
          unit="times"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.classes.distinct')}
          value={c.distinctAttendees}
          unit="people"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.classes.walkIns')}
          value={c.walkIns}
          unit="people"
          villageId={villageId}
        />
        {AUDIENCES.filter((a) => c.byAudience[a].held > 0).map((a) => (
          <FigureRow
            key={a}
            label={t('dashboard.classes.audience', { audience: t(`class.audience.${a}`) })}
            value={c.byAudience[a].held}
            unit="classes"
            villageId={villageId}
          />
        ))}
      </ul>
    </Section>
  );
}

export function PrioritySection({ figures, villageId }: SectionProps) {
  const t = useT();
  const p = figures.priority;
  return (
    <Section id="priority" title={t('dashboard.priority.title')}>
      <ul className="figure-list">
        {PRIORITY_KEYS.map((k) => (
          <FigureRow
            key={k}
            label={t('dashboard.priority.of', { group: t(`dashboard.priority.${k}`), total: p.total[k] })}
            value={p.notReached[k]}
            unit={k === 'elderly' || k === 'disability' ? 'people' : 'households'}
            drill={`priority.${k}`}
            villageId={villageId}
          />
        ))}
      </ul>
    </Section>
  );
}

export function QualitySection({ figures, villageId }: SectionProps) {
  const t = useT();
  const q = figures.quality;
  return (
    <Section id="quality" title={t('dashboard.quality.title')}>
      <ul className="figure-list">
        <FigureRow
          label={t('dashboard.quality.noConsent')}
          value={q.noConsent}
          unit="people"
          drill="quality.noConsent"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.quality.consentWithdrawn')}
          value={q.consentWithdrawn}
          unit="people"
          drill="quality.consentWithdrawn"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.quality.stale')}
          value={q.stale}
          unit="people"
          drill="quality.stale"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.quality.householdsWithoutResidents')}
          value={q.householdsWithoutResidents}
          unit="households"
          drill="quality.householdsWithoutResidents"
          villageId={villageId}
        />
      </ul>
    </Section>
  );
}

export function RegisterSection({ figures, villageId }: SectionProps) {
  const t = useT();
  const r = figures.register;
  return (
    <Section id="register" title={t('dashboard.register.title')}>
      <ul className="figure-list">
        <FigureRow
          label={t('dashboard.register.present')}
          value={r.present}
          unit="people"
          villageId={villageId}
        />
        <FigureRow label={t('dashboard.register.away')} value={r.away} unit="people" villageId={villageId} />
        <FigureRow
          label={t('dashboard.register.movedOut')}
          value={r.movedOut}
          unit="people"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.register.deceased')}
          value={r.deceased}
          unit="people"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.register.households')}
          value={r.households}
          unit="households"
          villageId={villageId}
        />
      </ul>
    </Section>
  );
}
