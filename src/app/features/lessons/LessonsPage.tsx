import { type ReactNode, useMemo } from 'react';
import { Link } from 'wouter';
import type { LessonCard } from '../../../core/lessons/card';
import { mayEditLessonCards } from '../../db/lesson-repository';
import { useT } from '../../i18n/i18n';
import { CardLink } from './CardLink';
import { groupLessons } from './lesson-groups';
import { QuestionBox } from './QuestionBox';
import { useLessonCards } from './use-lesson-cards';
import './lessons.css';

/**
 * The cards grouped by skill, each a big row to tap. `top` is shown above the list: the place of the
 * question box (issue 20, part 3).
 */
export function LessonIndex({
  cards,
  top,
  includeHidden = false,
}: {
  cards: readonly LessonCard[];
  top?: ReactNode;
  /** Officers see the cards hidden from the teams too, marked, to show them again. */
  includeHidden?: boolean;
}) {
  const t = useT();
  const groups = useMemo(() => groupLessons(cards, includeHidden), [cards, includeHidden]);
  return (
    <section className="lessons-page">
      <h1>{t('lessons.title')}</h1>
      <p className="hint">{t('lessons.intro')}</p>
      {top}
      {groups.length === 0 && <p className="empty">{t('lessons.empty')}</p>}
      {groups.map((group) => (
        <section key={group.title} aria-labelledby={`lessons-${group.title}`}>
          <h2 id={`lessons-${group.title}`}>{t(group.title)}</h2>
          <ul className="list">
            {group.cards.map((card) => (
              <li key={card.key} className={card.role === 'help' ? 'lesson-row is-help' : 'lesson-row'}>
                <CardLink
                  card={card}
                  href={`/lessons/${card.key}`}
                  badges={
                    <>
                      {card.role === 'help' && <span className="badge">{t('lessons.helpBadge')}</span>}
                      {card.hidden && <span className="badge">{t('lessonEdit.hiddenBadge')}</span>}
                    </>
                  }
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/** `/lessons`: every card this phone has (issue 20). */
export default function LessonsPage() {
  const t = useT();
  const cards = useLessonCards();
  // One array per change of the cards: the question box's index is built once for it.
  const shown = useMemo(() => cards?.filter((c) => !c.hidden), [cards]);
  if (!shown) return <p>{t('app.loading')}</p>;
  return (
    <LessonIndex
      cards={mayEditLessonCards() ? (cards ?? shown) : shown}
      includeHidden={mayEditLessonCards()}
      top={
        <>
          <QuestionBox cards={shown} />
          {mayEditLessonCards() && (
            <p className="actions">
              <Link href="/lessons/new" className="button">
                {t('lessonEdit.add')}
              </Link>
            </p>
          )}
        </>
      }
    />
  );
}
