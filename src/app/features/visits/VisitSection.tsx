import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { localDay } from '../../../core/dates';
import { type PlannedHousehold, planRound } from '../../../core/round-planner';
import type { Household } from '../../../core/schemas';
import { type AssistRow, getDb, type ResidentRow, type VisitRow } from '../../db/database';
import { type Translate, useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { UnsyncedMark } from '../sync-status/UnsyncedMark';
import { useRoundTrail, withRound } from './round-trail';
import { useVisitSteps, VisitStepLines } from './VisitStepLines';
import { formatDay } from './visit-format';
import './visits.css';

/** Visits shown before "Xem thêm": a household visited every week for a year stays a short page. */
const HISTORY_PAGE = 10;

/** Household page: the one-tap "Ghé thăm", where things stand, and what earlier visits did. */
export function VisitSection({
  household,
  pendingIds,
}: {
  household: Household;
  /** The village's unsynced row ids, which the household page already reads. */
  pendingIds: ReadonlySet<string> | undefined;
}) {
  const t = useT();
  const fromRound = useRoundTrail(household.villageId, household.id);
  const [limit, setLimit] = useState(HISTORY_PAGE);
  const visits = useLiveQuery(
    async () =>
      (await getDb().visits.where('householdId').equals(household.id).toArray())
        .filter((v) => !v.deletedAt)
        .sort((a, b) => b.visitedAt.localeCompare(a.visitedAt)),
    [household.id],
  );
  // Deleted residents stay in the map: a visit that helped them still says who it was.
  const residents = useLiveQuery(
    async () =>
      new Map(
        (await getDb().residents.where('householdId').equals(household.id).toArray()).map((r) => [r.id, r]),
      ),
    [household.id],
  );
  const steps = useVisitSteps(household.id);
  const today = communeToday();
  // The planner's own rules decide "last visit" and "follow-up overdue", so this line and the round agree.
  const status = useMemo(
    () =>
      visits &&
      planRound({
        households: [household],
        residents: [],
        visits,
        today,
        staleDays: Number.POSITIVE_INFINITY,
      }).entries[0],
    [household, visits, today],
  );

  return (
    <section className="visit-section">
      <Link
        href={withRound(`/v/${household.villageId}/h/${household.id}/visit`, fromRound)}
        className="button primary wide visit-button"
      >
        {t('visits.visitButton')}
      </Link>
      {status && (
        <p className="visit-status" data-testid="visit-status">
          {statusText(t, status, today)}
        </p>
      )}
      {visits === undefined ? (
        <p>{t('app.loading')}</p>
      ) : (
        // Nothing to list before the first visit: the status line already says "Chưa ghé lần nào".
        visits.length > 0 && (
          <>
            <h2 id="visit-history-title">{t('visits.history')}</h2>
            <ol
              className="list visit-history"
              data-testid="visit-history"
              aria-labelledby="visit-history-title"
            >
              {visits.slice(0, limit).map((v) => (
                <VisitEntry
                  key={v.id}
                  visit={v}
                  residents={residents}
                  steps={steps?.get(v.id) ?? NO_STEPS}
                  today={today}
                  pending={pendingIds?.has(v.id) ?? false}
                />
              ))}
            </ol>
            {visits.length > limit && (
              <button type="button" className="button wide" onClick={() => setLimit(limit + HISTORY_PAGE)}>
                {t('visits.historyMore', { count: visits.length - limit })}
              </button>
            )}
          </>
        )
      )}
    </section>
  );
}

function statusText(t: Translate, status: PlannedHousehold, today: string): string {
  if (!status.lastVisitDay || !status.lastOutcome) return t('visits.never');
  const parts = [
    t('visits.last', {
      day: formatDay(status.lastVisitDay, today),
      outcome: t(`visit.outcome.${status.lastOutcome}`),
    }),
  ];
  if (status.followUpOn) {
    const day = formatDay(status.followUpOn, today);
    if (status.reasons.includes('follow_up_overdue')) parts.push(t('visits.followUpOverdue', { day }));
    else if (status.reasons.includes('follow_up_due')) parts.push(t('visits.followUpToday', { day }));
    else parts.push(t('visits.followUp', { day }));
  }
  return parts.join(' · ');
}

const NO_STEPS: readonly AssistRow[] = [];

interface EntryProps {
  visit: VisitRow;
  residents: Map<string, ResidentRow> | undefined;
  /** The live skill steps recorded at this visit. */
  steps: readonly AssistRow[];
  today: string;
  pending: boolean;
}

function VisitEntry({ visit, residents, steps, today, pending }: EntryProps) {
  const t = useT();
  const helped = visit.residentIds.flatMap((id) => {
    const r = residents?.get(id);
    // An erased resident has no name left to show (issue 14, kind 8).
    if (!r || typeof r.name !== 'string') return [];
    return [r.deletedAt ? `${r.name} ${t('visits.resident.removed')}` : r.name];
  });
  const shownName = (r: ResidentRow | undefined) =>
    r && typeof r.name === 'string' && !r.deletedAt ? r.name : undefined;
  return (
    <li className="visit-entry">
      <span className="item-title">
        {formatDay(localDay(visit.visitedAt), today)} · {t(`visit.outcome.${visit.outcome}`)}
      </span>
      <span className="item-meta">{t('visits.by', { names: visit.members.join(', ') })}</span>
      {helped.length > 0 && <span>{t('visits.helped', { names: helped.join(', ') })}</span>}
      <VisitStepLines visit={visit} steps={steps} names={(id) => shownName(residents?.get(id))} />
      {visit.followUpOn && <span>{t('visits.followUp', { day: formatDay(visit.followUpOn, today) })}</span>}
      {visit.notes && <span className="notes">{visit.notes}</span>}
      {pending && <UnsyncedMark />}
    </li>
  );
}
