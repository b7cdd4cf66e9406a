import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { Link } from 'wouter';
import type { LessonCard } from '../../../core/lessons/card';
import { useT } from '../../i18n/i18n';
import { Bilingual } from './Bilingual';
import { CardIllustration } from './CardIllustration';
import { speechScript, stepPiece } from './lesson-pieces';
import { useLessonSettings } from './lesson-settings';
import { NowReading, SpeechBar } from './SpeechControls';
import { useReadAloud } from './use-read-aloud';
import './lessons.css';

interface Props {
  card: LessonCard;
  /**
   * Shown at the end of the card, above the links out: where the page opened for a resident
   * (`?resident=<id>`) puts its "Đánh dấu đã dạy" panel (issue 20, part 4).
   */
  footer?: ReactNode;
}

function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/**
 * One lesson card as a team member shows it in a doorway (issue 20, part 2): title, summary, its
 * illustration, the steps each with "Đọc bước này", the warnings in a marked box, the skill it
 * teaches, official links, sources, and the way to its handout. The step being read aloud is
 * highlighted and kept in view.
 */
export function LessonCardView({ card, footer }: Props) {
  const t = useT();
  const rate = useLessonSettings((s) => s.speechRate);
  const { state, read, stop } = useReadAloud(rate);
  const script = useMemo(() => speechScript(card), [card]);
  const spoken =
    state.phase === 'speaking' && state.piece !== undefined ? script.refs[state.piece] : undefined;
  const activeStep = spoken?.kind === 'step' ? spoken.index : undefined;
  const activeWarning = spoken?.kind === 'warning' ? spoken.index : undefined;
  const stepItems = useRef<Array<HTMLLIElement | null>>([]);

  useEffect(() => {
    if (activeStep === undefined) return;
    // jsdom has no scrollIntoView; a phone does.
    stepItems.current[activeStep]?.scrollIntoView?.({
      block: 'center',
      behavior: prefersReducedMotion() ? 'auto' : 'smooth',
    });
  }, [activeStep]);

  return (
    <article className="lesson-card" data-testid="lesson-card">
      <p>
        <Link href="/lessons" className="back-link">
          ← {t('lessons.back')}
        </Link>
      </p>
      <h1 className="lesson-title">
        <Bilingual text={card.title} />
      </h1>
      <p className="lesson-skill">
        {t('lessons.skill', { skill: t(`skill.${card.skill}`) })}
        {card.role === 'help' && <span className="badge">{t('lessons.helpBadge')}</span>}
      </p>
      <p className="lesson-summary">
        <Bilingual text={card.summary} />
      </p>
      <CardIllustration
        name={card.illustration}
        label={t('lessons.illustration', { title: card.title.vi })}
      />

      <SpeechBar state={state} onReadAll={() => read(script.texts, 0, false)} onStop={stop} />

      <h2>{t('lessons.steps')}</h2>
      <ol className="lesson-steps">
        {card.steps.map((step, index) => {
          const active = index === activeStep;
          const textId = `lesson-step-${index}`;
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: a card's steps are fixed by position.
              key={index}
              ref={(el) => {
                stepItems.current[index] = el;
              }}
              className={active ? 'lesson-step is-speaking' : 'lesson-step'}
              aria-current={active ? 'step' : undefined}
            >
              <p id={textId} className="lesson-step-text">
                <Bilingual text={step} />
              </p>
              <button
                type="button"
                className="button lesson-read-step"
                aria-describedby={textId}
                onClick={() => read(script.texts, stepPiece(index), true)}
              >
                <span aria-hidden="true">▶</span>
                {t('lessons.readStep')}
              </button>
            </li>
          );
        })}
      </ol>

      {card.warnings.length > 0 && (
        <section className="lesson-warnings" aria-labelledby="lesson-warnings-title">
          <h2 id="lesson-warnings-title">
            <span aria-hidden="true">⚠ </span>
            {t('lessons.warnings')}
          </h2>
          <ul>
            {card.warnings.map((warning, index) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: a card's warnings are fixed by position.
                key={index}
                className={index === activeWarning ? 'is-speaking' : undefined}
              >
                <Bilingual text={warning} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {footer}

      {card.officialLinks.length > 0 && (
        <section aria-labelledby="lesson-official-title">
          <h2 id="lesson-official-title">{t('lessons.officialLinks')}</h2>
          <ul className="lesson-links">
            {card.officialLinks.map((link) => (
              <li key={link.url}>
                <a href={link.url} target="_blank" rel="noopener noreferrer">
                  <Bilingual text={link.label} />
                </a>
                <span className="lesson-url">{link.url}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <Link href={`/lessons/${card.key}/print`} className="button wide lesson-handout-link">
        {t('lessons.openHandout')}
      </Link>

      <section aria-labelledby="lesson-sources-title" className="lesson-sources">
        <h2 id="lesson-sources-title">{t('lessons.sources')}</h2>
        <ul className="lesson-links">
          {card.sources.map((source) => (
            <li key={source.url}>
              <a href={source.url} target="_blank" rel="noopener noreferrer" lang="vi">
                {source.title}
              </a>
            </li>
          ))}
        </ul>
        <p className="hint">{t('lessons.version', { version: card.version })}</p>
      </section>

      <NowReading state={state} refs={script.refs} steps={card.steps.length} onStop={stop} />
    </article>
  );
}
