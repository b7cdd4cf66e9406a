import { Link, useParams, useSearch } from 'wouter';
import { mayEditLessonCards } from '../../db/lesson-repository';
import { useT } from '../../i18n/i18n';
import { NotFound } from '../../ui/NotFound';
import { LessonCardView } from './LessonCardView';
import { residentParam, TeachPanel } from './TeachPanel';
import { useLessonCard } from './use-lesson-cards';

/**
 * `/lessons/:key`: one lesson card, read aloud (issue 20, part 2). Opened for a resident
 * (`?resident=<id>`, from the profile's next step), the card's `footer` is where the "Đánh dấu đã
 * dạy" panel goes (issue 20, part 4); without it the card stands alone.
 */
export default function LessonCardPage() {
  const t = useT();
  const { key = '' } = useParams<{ key: string }>();
  const card = useLessonCard(key);
  const residentId = residentParam(useSearch());
  if (card === undefined) return <p>{t('app.loading')}</p>;
  if (card === null)
    return <NotFound backHref="/lessons" message="lessons.notFound" backLabel="lessons.back" />;
  return (
    <LessonCardView
      card={card}
      footer={
        <>
          {residentId && <TeachPanel card={card} residentId={residentId} />}
          {mayEditLessonCards() && (
            <p className="actions">
              {card.origin === 'commune' && <span className="badge">{t('lessonEdit.communeBadge')}</span>}
              <Link href={`/lessons/${card.key}/edit`} className="button">
                {t('lessonEdit.edit')}
              </Link>
            </p>
          )}
        </>
      }
    />
  );
}
