import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { Link } from 'wouter';
import { localDay } from '../../../core/dates';
import { learnerOf, type NextCard, nextCards } from '../../../core/lessons/next-step';
import type { SkillStatusMap } from '../../../core/skills/status';
import { getDb, type ResidentRow } from '../../db/database';
import { type Translate, useLanguage, useT } from '../../i18n/i18n';
import { communeYear } from '../../state/commune-clock';
import { useLessonCards } from './use-lesson-cards';
import './lessons.css';

/** The day of the household's latest visit ("YYYY-MM-DD"), whatever its outcome; null when none. */
export function useLastVisitDay(householdId: string): string | null | undefined {
  return useLiveQuery(async () => {
    const visits = await getDb().visits.where('householdId').equals(householdId).toArray();
    let last: string | undefined;
    for (const v of visits)
      if (!v.deletedAt && (last === undefined || v.visitedAt > last)) last = v.visitedAt;
    return last === undefined ? null : localDay(last);
  }, [householdId]);
}

/** Why a card is suggested, in words a helper reads aloud to the resident if asked. */
export function nextReasonText(t: Translate, next: NextCard): string {
  if (next.reason === 'fix_failure') return t('next.reason.fix_failure', { reason: next.failReason ?? '' });
  if (next.reason === 'situation' && next.situation) return t(`next.situation.${next.situation}`);
  return t(`next.reason.${next.reason}`);
}

/** The link that opens a card for a resident: the card page then offers "Đã dạy thẻ này". */
export function cardForResidentHref(key: string, residentId: string): string {
  return `/lessons/${encodeURIComponent(key)}?resident=${encodeURIComponent(residentId)}`;
}

/**
 * "Bước tiếp theo: mang theo thẻ…" on a resident's profile (issue 20, part 4): the next one to three
 * cards for this person (core/lessons/next-step.ts), each with why, opening the card for them.
 */
export function NextStepCards({ resident, status }: { resident: ResidentRow; status: SkillStatusMap }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const cards = useLessonCards();
  const lastVisitOn = useLastVisitDay(resident.householdId);
  const next = useMemo(
    () =>
      cards && lastVisitOn !== undefined
        ? nextCards(learnerOf(resident, status, lastVisitOn ?? undefined), cards, { year: communeYear() })
        : undefined,
    [cards, lastVisitOn, resident, status],
  );
  // Someone who moved out or died is not taught (their register status, issue 18).
  if (resident.status === 'moved_out' || resident.status === 'deceased') return null;
  return (
    <section className="next-step" aria-labelledby="next-step-title" data-testid="next-step">
      <h2 id="next-step-title">{t('next.title')}</h2>
      {next === undefined ? (
        <p>{t('app.loading')}</p>
      ) : next.length === 0 ? (
        <p className="empty">{t('next.none')}</p>
      ) : (
        <ol className="list next-step-list">
          {next.map((n) => {
            const card = cards?.find((c) => c.key === n.key);
            if (!card) return null;
            return (
              <li key={n.key}>
                <Link href={cardForResidentHref(n.key, resident.id)} className="list-item next-step-card">
                  <span className="item-title">{language === 'en' ? card.title.en : card.title.vi}</span>
                  <span className="item-meta">{nextReasonText(t, n)}</span>
                  {n.referral && (
                    <span className="item-meta referral">{t(`next.referral.${n.referral}`)}</span>
                  )}
                </Link>
              </li>
            );
          })}
        </ol>
      )}
      <p>
        <Link href="/lessons" className="button">
          {t('next.allCards')}
        </Link>
      </p>
    </section>
  );
}
