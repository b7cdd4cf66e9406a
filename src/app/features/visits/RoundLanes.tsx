import { Link, useLocation } from 'wouter';
import { daysBetween } from '../../../core/dates';
import type { LessonCard } from '../../../core/lessons/card';
import type { LaneGroup, PlannedHousehold, PlanReason } from '../../../core/round-planner';
import { type Language, type Translate, useLanguage, useT } from '../../i18n/i18n';
import type { DoorCards } from '../lessons/use-door-cards';
import { FROM_ROUND } from './round-trail';
import { formatDay } from './visit-format';

interface Props {
  villageId: string;
  lanes: readonly LaneGroup[];
  today: string;
  /** Rows rendered in all, across lanes: a cheap phone stays smooth with 2,000 households. */
  limit: number;
  /** The door after the one the round was last at, marked "Nhà tiếp theo". */
  nextId?: string | undefined;
  /** The lesson cards to bring to each door (issue 20), once the cards have loaded. */
  doorCards?: DoorCards | undefined;
}

/** The chosen households lane by lane, each with its count, in walking order. */
export function RoundLanes({ villageId, lanes, today, limit, nextId, doorCards }: Props) {
  const t = useT();
  let remaining = limit;
  return (
    <div data-testid="round-lanes">
      {lanes.map((group) => {
        const rows = group.entries.slice(0, Math.max(0, remaining));
        remaining -= rows.length;
        if (rows.length === 0) return null;
        const lane = group.lane || t('households.noLane');
        return (
          <section key={group.lane} className="round-lane" aria-label={lane}>
            <h3 className="lane-header">
              {lane}{' '}
              <span className="lane-count">· {t('round.laneCount', { count: group.entries.length })}</span>
            </h3>
            <ul className="list">
              {rows.map((entry) => (
                <RoundRow
                  key={entry.household.id}
                  villageId={villageId}
                  entry={entry}
                  today={today}
                  next={entry.household.id === nextId}
                  doorCards={doorCards}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/**
 * One door: the household (tap to see who lives there) and, beside it, "Ghé thăm ›" straight to the
 * visit screen, so nobody home is two taps from the list (issue 15, kind 3). The visit action is a
 * button: the row's one link to the household stays the one link naming it.
 */
function RoundRow({
  villageId,
  entry,
  today,
  next,
  doorCards,
}: {
  villageId: string;
  entry: PlannedHousehold;
  today: string;
  next: boolean;
  doorCards: DoorCards | undefined;
}) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const [, navigate] = useLocation();
  const { household, followUpOn, lastVisitDay, lastOutcome, daysSinceVisit } = entry;
  const reasons = entry.reasons.map((reason) => reasonText(t, reason, entry, today));
  const upcoming = followUpOn !== undefined && followUpOn > today;
  // Knocked on today and still not met: kept in view, greyed, rather than gone from every list.
  const triedToday = entry.reasons.includes('not_met') && lastVisitDay === today;
  const path = `/v/${villageId}/h/${household.id}`;
  const classes = ['round-entry', next && 'round-next', triedToday && 'round-tried'].filter(Boolean);
  return (
    <li className={classes.join(' ')} data-household={household.id}>
      <Link href={`${path}?${FROM_ROUND}`} className="list-item round-row">
        {next && <span className="badge round-next-badge">{t('round.nextDoor')}</span>}
        <span className="item-title">{household.label}</span>
        {household.address && <span className="item-meta">{household.address}</span>}
        {reasons.length > 0 && (
          <span
            className={entry.reasons.includes('follow_up_overdue') ? 'round-reason overdue' : 'round-reason'}
          >
            {entry.reasons.includes('follow_up_overdue') && '⚠ '}
            {reasons.join(' · ')}
          </span>
        )}
        {lastVisitDay && lastOutcome && (
          <span className="item-meta">
            {t('round.lastVisit', {
              day: formatDay(lastVisitDay, today),
              days: daysSinceVisit ?? 0,
              outcome: t(`visit.outcome.${lastOutcome}`),
            })}
          </span>
        )}
        {upcoming && (
          <span className="item-meta">{t('round.followUpOn', { day: formatDay(followUpOn, today) })}</span>
        )}
        {entry.priority.length > 0 && (
          <span className="badges">
            {entry.priority.map((g) => (
              <span key={g} className="badge">
                {t(`round.group.${g}`)}
              </span>
            ))}
          </span>
        )}
        {triedToday && <span className="item-meta">{t('round.triedToday')}</span>}
        <BringCards cards={doorCards?.(household.id, lastVisitDay)} language={language} />
      </Link>
      <button
        type="button"
        className="button round-visit"
        aria-label={t('round.visitLabel', { label: household.label })}
        onClick={() => navigate(`${path}/visit?${FROM_ROUND}`)}
      >
        {t('round.visitAction')}
      </button>
    </li>
  );
}

function reasonText(t: Translate, reason: PlanReason, entry: PlannedHousehold, today: string): string {
  const { followUpOn, daysSinceVisit } = entry;
  switch (reason) {
    case 'never_visited':
      return t('round.reason.never_visited');
    case 'stale':
      return t('round.reason.stale', { days: daysSinceVisit ?? 0 });
    case 'follow_up_due':
      return t('round.reason.follow_up_due');
    case 'follow_up_overdue':
      return t('round.reason.follow_up_overdue', {
        days: followUpOn ? daysBetween(followUpOn, today) : 0,
        day: followUpOn ? formatDay(followUpOn, today) : '',
      });
    case 'not_met':
      return t('round.reason.not_met', { count: entry.tries });
  }
}

/** "Mang theo thẻ: …" — the cards most of the household's people need next (issue 20, part 4). */
function BringCards({ cards, language }: { cards: readonly LessonCard[] | undefined; language: Language }) {
  const t = useT();
  if (!cards || cards.length === 0) return null;
  const titles = cards.map((c) => (language === 'en' ? c.title.en : c.title.vi));
  return (
    <span className="item-meta door-cards" data-testid="door-cards">
      {t('next.bring', { cards: titles.join(' · ') })}
    </span>
  );
}
