import { type ReactNode, useId } from 'react';
import { CATALOGUE, type SkillCode } from '../../../core/skills/catalogue';
import type { VneidProgress } from '../../../core/skills/status';
import { useT } from '../../i18n/i18n';
import { AssistMeta } from './AssistMeta';
import { RecordCue, StatusMark } from './StatusMark';
import { StepWarnings } from './StepWarnings';

export type PanelPlace = 'next' | 'list';

interface Props {
  progress: VneidProgress;
  open: { kind: SkillCode; place: PanelPlace } | undefined;
  panel: ReactNode;
  onToggle: (kind: SkillCode, place: PanelPlace) => void;
}

function warningsOf(kind: SkillCode) {
  return CATALOGUE.find((i) => i.code === kind)?.warnings ?? [];
}

/** The VNeID journey as numbered steps, with the next one suggested on a card above them. */
export function VneidJourney({ progress, open, panel, onToggle }: Props) {
  const t = useT();
  const titleId = useId();
  const nextId = useId();
  const { next } = progress;
  const nextOpen = next !== undefined && open?.kind === next && open.place === 'next';
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{t('skills.journeyTitle')}</h2>
      <section className="next-step" aria-labelledby={nextId}>
        <h3 id={nextId}>
          <span aria-hidden="true">➜ </span>
          {t('skills.nextTitle')}
        </h3>
        <p className="next-text">{t(next ? `skill.next.${next}` : 'skill.next.done')}</p>
        {next && !nextOpen && (
          <>
            <StepWarnings warnings={warningsOf(next)} />
            <button type="button" className="button primary wide" onClick={() => onToggle(next, 'next')}>
              {t('skills.recordThisStep')}
            </button>
          </>
        )}
        {nextOpen && panel}
      </section>
      <ol className="journey">
        {progress.steps.map((step, index) => {
          const isOpen = open?.kind === step.code && open.place === 'list';
          return (
            <li key={step.code} className={step.done ? 'journey-step done' : 'journey-step'}>
              <button
                type="button"
                className="skill-toggle"
                aria-expanded={isOpen}
                onClick={() => onToggle(step.code, 'list')}
              >
                <span className="skill-toggle-text">
                  <span className="step-number">{t('skills.stepNumber', { n: index + 1 })}</span>
                  <span className="skill-label">{t(`skill.${step.code}`)}</span>
                  <span className="step-state">
                    <span aria-hidden="true" className="status-icon">
                      {step.done ? '✓' : '○'}
                    </span>{' '}
                    {step.done
                      ? t(step.assist ? 'skills.stepDone' : 'skills.stepImplied')
                      : t('skills.stepNotDone')}
                  </span>
                  {step.assist && (
                    <span className="step-assist">
                      {/* "Done" already says "done"; any other status (sent on, learning) adds to it. */}
                      {!(step.done && step.assist.status === 'done') && (
                        <StatusMark kind={step.code} status={step.assist.status} />
                      )}
                      <AssistMeta assist={step.assist} />
                    </span>
                  )}
                </span>
                <RecordCue />
              </button>
              {isOpen && panel}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
