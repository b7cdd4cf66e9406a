import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { type DrillKey, type Figures, PRIORITY_KEYS, REGISTER_KEYS } from '../../../core/indicators/types';
import { AUDIENCES, VISIT_OUTCOMES } from '../../../core/schemas';
import { BASIC_FIVE, VNEID_STEPS } from '../../../core/skills/catalogue';
import { useT } from '../../i18n/i18n';
import { StepBar } from './charts';
import { drillHref } from './drill-keys';

type Unit = 'people' | 'households' | 'times' | 'classes';

/**
 * One labelled number: a link to its list of people or households (`drill`), or for counts of class
 * sessions, to the village's classes (`href`); plain otherwise (say why where it is used).
 */
function FigureRow({
  label,
  value,
  unit,
  drill,
  href,
  villageId,
  bar,
  sub,
}: {
  label: string;
  value: number;
  unit: Unit;
  drill?: DrillKey | undefined;
  href?: string | undefined;
  villageId: string | undefined;
  bar?: ReactNode;
  /** A second number under the label (a group's total beside its not-yet-reached). */
  sub?: ReactNode;
}) {
  const t = useT();
  const text = t(`dashboard.unit.${unit}`, { count: value });
  const target = drill ? drillHref(villageId, drill) : href;
  return (
    <li className="figure-row">
      <span className="figure-label">
        {label}
        {sub}
      </span>
      {bar}
      {target ? (
        <Link href={target} className="figure-value" {...(drill ? { 'data-testid': `drill-${drill}` } : {})}>
          {text}
        </Link>
      ) : (
        <span className="figure-value">{text}</span>
      )}
    </li>
  );
}

/** The village's class list, where class sessions are (a commune's sessions have no one list). */
function classesHref(villageId: string | undefined): string | undefined {
  return villageId ? `/v/${villageId}/classes` : undefined;
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
      <p className="hint">{t('dashboard.funnel.hint')}</p>
      <ul className="figure-list funnel">
        <FigureRow
          label={t('dashboard.funnel.population')}
          value={funnel.population}
          unit="people"
          drill="funnel.population"
          villageId={villageId}
        />
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
    <Section id="households" title={t('dashboard.households.title')}>
      {share !== undefined && <p className="hint">{t('dashboard.households.share', { percent: share })}</p>}
      <ul className="figure-list">
        <FigureRow
          label={t('dashboard.households.total')}
          value={h.total}
          unit="households"
          drill="households.total"
          villageId={villageId}
        />
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
        {/* Visits are events, not houses: the houses behind them are the rows by outcome below. */}
        <FigureRow
          label={t('dashboard.households.visits')}
          value={h.visits}
          unit="times"
          villageId={villageId}
        />
      </ul>
      <h3>{t('dashboard.households.byOutcomeTitle')}</h3>
      <ul className="figure-list">
        {VISIT_OUTCOMES.map((outcome) => (
          <FigureRow
            key={outcome}
            label={t(`visit.outcome.${outcome}`)}
            value={h.visitedByOutcome[outcome]}
            unit="households"
            drill={`households.outcome.${outcome}`}
            villageId={villageId}
          />
        ))}
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
        {/* Counts of assists (times) are events, not people: their people are the rows above and below. */}
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
          drill="assists.helpedCumulative"
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
  // Sessions and attendances count classes, not people: they open the village's class list.
  const classes = classesHref(villageId);
  return (
    <Section id="classes" title={t('dashboard.classes.title')}>
      <ul className="figure-list">
        <FigureRow
          label={t('dashboard.classes.held')}
          value={c.held}
          unit="classes"
          href={classes}
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.classes.attendances')}
          value={c.attendances}
          unit="times"
          href={classes}
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.classes.distinct')}
          value={c.distinctAttendees}
          unit="people"
          drill="classes.attendees"
          villageId={villageId}
        />
        <FigureRow
          label={t('dashboard.classes.distinctCumulative')}
          value={figures.classes.cumulative.distinctAttendees}
          unit="people"
          drill="classes.attendeesCumulative"
          villageId={villageId}
        />
        {/* Walk-ins are counted at the door without names: there is no list to show. */}
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
            href={classes}
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
        {PRIORITY_KEYS.map((k) => {
          const unit = k === 'elderly' || k === 'disability' ? 'people' : 'households';
          return (
            <FigureRow
              key={k}
              label={t(`dashboard.priority.${k}`)}
              sub={
                <Link
                  href={drillHref(villageId, `priority.${k}.all`)}
                  className="figure-sub"
                  data-testid={`drill-priority.${k}.all`}
                >
                  {t('dashboard.priority.total', {
                    total: t(`dashboard.unit.${unit}`, { count: p.total[k] }),
                  })}
                </Link>
              }
              value={p.notReached[k]}
              unit={unit}
              drill={`priority.${k}`}
              villageId={villageId}
            />
          );
        })}
      </ul>
    </Section>
  );
}

/** The data-quality counts, each a list: people, except the households with nobody in them. */
const QUALITY_KEYS = ['noConsent', 'consentWithdrawn', 'stale', 'householdsWithoutResidents'] as const;

export function QualitySection({ figures, villageId }: SectionProps) {
  const t = useT();
  const q = figures.quality;
  return (
    <Section id="quality" title={t('dashboard.quality.title')}>
      <ul className="figure-list">
        {QUALITY_KEYS.map((key) => (
          <FigureRow
            key={key}
            label={t(`dashboard.quality.${key}`)}
            value={q[key]}
            unit={key === 'householdsWithoutResidents' ? 'households' : 'people'}
            drill={`quality.${key}`}
            villageId={villageId}
          />
        ))}
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
        {REGISTER_KEYS.map((key) => (
          <FigureRow
            key={key}
            label={t(`dashboard.register.${key}`)}
            value={r[key]}
            unit="people"
            drill={`register.${key}`}
            villageId={villageId}
          />
        ))}
        {/* The same households as the household section's total (both are the counted ones). */}
        <FigureRow
          label={t('dashboard.register.households')}
          value={r.households}
          unit="households"
          drill="households.total"
          villageId={villageId}
        />
      </ul>
    </Section>
  );
}
