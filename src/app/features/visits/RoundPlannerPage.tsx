import { useEffect, useRef, useState } from 'react';
import { useParams } from 'wouter';
import type { PlanFilter } from '../../../core/round-planner';
import { useT } from '../../i18n/i18n';
import { Field } from '../../ui/fields';
import { useDoorCards } from '../lessons/use-door-cards';
import { VillageTabs } from '../villages/VillageTabs';
import { VillageTitle } from '../villages/VillageTitle';
import { RoundCounts } from './RoundCounts';
import { RoundLanes } from './RoundLanes';
import { RoundOrder } from './RoundOrder';
import { filterCount, filterLabel, isRoundFilter, ROUND_FILTERS } from './round-filters';
import { clearRoundList } from './round-list';
import { STALE_DAY_CHOICES, useRoundSettings } from './round-settings';
import { useNextDoor, useRound } from './use-round';
import './visits.css';

/** Rows rendered at once; "Xem thêm" adds as many again. */
const PAGE = 200;

/**
 * Shows the next door (issue 15, kind 3): once per opening of the planner, the door after the
 * round's place is rendered (past "Xem thêm" if need be), scrolled to the middle of the screen and
 * focused, so the walker returning from a visit finds it under the thumb, not 1,300 px down.
 */
function useShowNextDoor(
  nextId: string | undefined,
  position: number,
  limit: number,
  setLimit: (n: number) => void,
) {
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current || nextId === undefined) return;
    if (position >= limit) {
      setLimit(Math.ceil((position + 1) / PAGE) * PAGE);
      return;
    }
    shown.current = true;
    const row = document.querySelector<HTMLElement>(`[data-household="${nextId}"]`);
    const link = row?.querySelector<HTMLElement>('a');
    link?.focus({ preventScroll: true });
    // jsdom has no layout, and no scrollIntoView.
    row?.scrollIntoView?.({ block: 'center' });
  }, [nextId, position, limit, setLimit]);
}

/** "Đi từng ngõ, gõ từng nhà": which households of the village to knock on next, and why. */
export default function RoundPlannerPage() {
  const t = useT();
  const { villageId = '' } = useParams<{ villageId: string }>();
  const setStaleDays = useRoundSettings((s) => s.setStaleDays);
  const choose = useRoundSettings((s) => s.choose);
  const [limit, setLimit] = useState(PAGE);
  const [arranging, setArranging] = useState(false);
  const round = useRound(villageId);
  const doorCards = useDoorCards(villageId);
  const next = useNextDoor(villageId, round);
  const nextId = next?.household.id;
  const position = round?.lanes.flatMap((g) => g.entries).findIndex((e) => e.household.id === nextId) ?? -1;
  useShowNextDoor(arranging ? undefined : nextId, position, limit, setLimit);

  function select(filter: PlanFilter) {
    choose(villageId, filter);
    setLimit(PAGE);
  }

  if (!round) {
    return (
      <section className="round-page">
        <VillageTitle villageId={villageId} />
        <VillageTabs villageId={villageId} />
        <h1>{t('round.title')}</h1>
        <p>{t('app.loading')}</p>
      </section>
    );
  }
  const { plan, filter, lanes, list, staleDays, today } = round;
  const listed = lanes.reduce((n, g) => n + g.entries.length, 0);

  return (
    <section className="round-page">
      <VillageTitle villageId={villageId} />
      <VillageTabs villageId={villageId} />
      <h1>{t('round.title')}</h1>
      {plan.counts.households === 0 ? (
        <p className="empty">{t('round.noHouseholds')}</p>
      ) : arranging ? (
        <RoundOrder villageId={villageId} round={round} onDone={() => setArranging(false)} />
      ) : (
        <>
          <RoundCounts counts={plan.counts} staleDays={staleDays} selected={filter} onSelect={select} />
          <div className="round-controls">
            <Field label={t('round.filter')}>
              {({ id }) => (
                <select
                  id={id}
                  value={filter}
                  onChange={(e) => isRoundFilter(e.target.value) && select(e.target.value)}
                >
                  {ROUND_FILTERS.map((f) => (
                    <option key={f} value={f}>
                      {t('round.filterOption', {
                        label: filterLabel(t, f, staleDays),
                        count: filterCount(plan.counts, f),
                      })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('round.staleDays')}>
              {({ id }) => (
                <select
                  id={id}
                  value={staleDays}
                  onChange={(e) => {
                    const days = STALE_DAY_CHOICES.find((d) => d === Number(e.target.value));
                    if (days) setStaleDays(days);
                  }}
                >
                  {STALE_DAY_CHOICES.map((d) => (
                    <option key={d} value={d}>
                      {t('round.staleOption', { days: d })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="button" className="button wide" onClick={() => setArranging(true)}>
              {t('round.arrange')}
            </button>
          </div>
          {list && (
            <p className="chip round-list-chip" data-testid="round-list-chip">
              <span>{t('round.fromFigures', { label: list.label, count: list.householdIds.length })}</span>
              <button type="button" className="button" onClick={() => clearRoundList(villageId)}>
                {t('round.fromFigures.clear')}
              </button>
            </p>
          )}
          <h2 id="round-list">{list ? list.label : filterLabel(t, filter, staleDays)}</h2>
          <p className="count" aria-live="polite" data-testid="round-count">
            {t('round.listCount', { count: listed })}
          </p>
          {listed === 0 ? (
            <p className="empty">{t('round.empty')}</p>
          ) : (
            <RoundLanes
              villageId={villageId}
              lanes={lanes}
              today={today}
              limit={limit}
              nextId={nextId}
              doorCards={doorCards}
            />
          )}
          {listed > limit && (
            <button type="button" className="button wide" onClick={() => setLimit(limit + PAGE)}>
              {t('round.showMore', { count: listed - limit })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
