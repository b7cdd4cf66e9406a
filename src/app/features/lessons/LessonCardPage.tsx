import { useParams } from 'wouter';
import { useT } from '../../i18n/i18n';
import { NotFound } from '../../ui/NotFound';
import { LessonCardView } from './LessonCardView';
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
  if (card === undefined) return <p>{t('app.loading')}</p>;
  if (card === null)
    return <NotFound backHref="/lessons" message="lessons.notFound" backLabel="lessons.back" />;
  // The resident's "Đánh dấu đã dạy" panel goes in `footer` (read `?resident=` with useSearch).
  return <LessonCardView card={card} footer={null} />;
}
