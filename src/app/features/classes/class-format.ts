import type { ClassSession } from '../../../core/schemas';
import type { Translate } from '../../i18n/i18n';

/** "2026-11-25" → "25/11/2026", by the string itself so no time zone can shift the day. */
export function formatDay(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}/${month}/${year}`;
}

/** The day, with the start time when one was given. */
export function classWhen(t: Translate, session: Pick<ClassSession, 'date' | 'startTime'>): string {
  const date = formatDay(session.date);
  return session.startTime ? t('classes.dayAndTime', { date, time: session.startTime }) : date;
}

/** "28 người + 4 vãng lai", or just "28 người" when nobody unregistered came. */
export function attendeesLabel(t: Translate, present: number, walkIns: number): string {
  return walkIns > 0
    ? t('classes.attendees', { present, walkIns })
    : t('classes.attendeesNamed', { present });
}

/** Newest first: by day, then start time, then when it was entered. */
export function compareClassesNewestFirst(a: ClassSession, b: ClassSession): number {
  return (
    b.date.localeCompare(a.date) ||
    (b.startTime ?? '').localeCompare(a.startTime ?? '') ||
    b.createdAt.localeCompare(a.createdAt)
  );
}
