import { Link } from 'wouter';
import type { TargetFigure } from '../../../core/indicators/types';
import { type MessageKey, type Translate, useT } from '../../i18n/i18n';
import { MeterBar } from './charts';
import { drillHref } from './drill-keys';

/** "2025-06-30" → "30/06/2025", as dates are written in Vietnam. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return y && m && d ? `${d}/${m}/${y}` : day;
}

export function percentText(percent: number | undefined): string {
  return percent === undefined ? '–' : `${Math.round(percent)}%`;
}

/** "Chỉ tiêu: 95%" or "Chỉ tiêu: trên 80%". */
export function targetText(t: Translate, figure: TargetFigure): string | undefined {
  const target = figure.target;
  if (!target) return undefined;
  return t(target.above ? 'dashboard.targetAbove' : 'dashboard.targetAtLeast', { percent: target.percent });
}

/** The denominators written out: which count the share uses, and the other one when both exist. */
export function basisLines(t: Translate, figure: TargetFigure): string[] {
  const { official, register } = figure.denominator;
  const registerLine = t('dashboard.basis.register', { count: register });
  if (!official) return [registerLine];
  const source = official.sources.join(', ');
  const officialLine = t(
    source && official.asOf
      ? 'dashboard.basis.officialFull'
      : source
        ? 'dashboard.basis.officialSource'
        : official.asOf
          ? 'dashboard.basis.officialDate'
          : 'dashboard.basis.official',
    { count: official.count, source, date: official.asOf ? formatDay(official.asOf) : '' },
  );
  return [
    officialLine,
    `${registerLine}${figure.registerPercent === undefined ? '' : ` (${percentText(figure.registerPercent)})`}`,
  ];
}

/** One indicator against its target: the share, people still needed, the count, the denominators. */
export function TargetCard({ figure, villageId }: { figure: TargetFigure; villageId: string | undefined }) {
  const t = useT();
  const code = figure.code;
  const basisCount =
    figure.basis === 'official' && figure.denominator.official
      ? figure.denominator.official.count
      : figure.denominator.register;
  const missing = Math.max(0, figure.denominator.register - figure.count);
  const target = targetText(t, figure);
  return (
    <article className="target-card" data-testid={`target-${code}`} aria-labelledby={`target-${code}-title`}>
      <h3 id={`target-${code}-title`}>{t(`dashboard.target.${code}.title` as MessageKey)}</h3>
      <p className="big-figure">
        <span className="big-number">{percentText(figure.percent)}</span>
        {figure.gap !== undefined && figure.gap > 0 ? (
          <Link className="gap" href={drillHref(villageId, `target.${code}.missing`)}>
            {t('dashboard.gap', { count: figure.gap })}
          </Link>
        ) : figure.met ? (
          <span className="met">{t('dashboard.met')}</span>
        ) : null}
      </p>
      <MeterBar
        percent={figure.percent}
        target={figure.target?.percent}
        label={[percentText(figure.percent), target].filter(Boolean).join(', ')}
      />
      {target && <p className="target-line">{target}</p>}
      <p>
        <Link href={drillHref(villageId, `target.${code}.met`)} className="count-link">
          {t('dashboard.countOf', { count: figure.count, total: basisCount })}
        </Link>
        {figure.met && missing > 0 && (
          <>
            {' · '}
            <Link href={drillHref(villageId, `target.${code}.missing`)}>
              {t('dashboard.notYet', { count: missing })}
            </Link>
          </>
        )}
      </p>
      <ul className="basis">
        {basisLines(t, figure).map((line, i, lines) => (
          <li key={line}>
            {/* The register's line (always the last) names people; an official count names nobody. */}
            {i === lines.length - 1 ? (
              <Link href={drillHref(villageId, `target.${code}.all`)}>{line}</Link>
            ) : (
              line
            )}
          </li>
        ))}
      </ul>
    </article>
  );
}
