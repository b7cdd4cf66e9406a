import { useMemo, useState } from 'react';
import { useParams } from 'wouter';
import { groupByLane, type PlanFilter, planRound, selectEntries } from '../../../core/round-planner';
import { useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { Field } from '../../ui/fields';
import { useVillageRows } from '../villages/use-village-rows';
import { VillageTabs } from '../villages/VillageTabs';
import { VillageTitle } from '../villages/VillageTitle';
import { RoundCounts } from './RoundCounts';
import { RoundLanes } from './RoundLanes';
import { defaultFilter, filterCount, filterLabel, isRoundFilter, ROUND_FILTERS } from './round-filters';
import { STALE_DAY_CHOICES, useRoundSettings } from './round-settings';
import './visits.css';

/** Rows rendered at once; "Xem thêm" adds as many again. */
const PAGE = 200;

/** "Đi từng ngõ, gõ từng nhà": which households of the village to knock on next, and why. */
export default function RoundPlannerPage() {
  const t = useT();
  const { villageId = '' } = useParams<{ villageId: string }>();
  const staleDays = useRoundSettings((s) => s.staleDays);
  const setStaleDays = useRoundSettings((s) => s.setStaleDays);
  const chosen = useRoundSettings((s) => s.chosen[villageId]);
  const choose = useRoundSettings((s) => s.choose);
  const [limit, setLimit] = useState(PAGE);
  const today = communeToday();

  const households = useVillageRows('households', villageId);
  const residents = useVillageRows('residents', villageId);
  const visits = useVillageRows('visits', villageId);

  // Once per change of the village's rows (or of the day or threshold), never per render.
  const plan = useMemo(
    () =>
      households && residents && visits
        ? planRound({ households, residents, visits, today, staleDays })
        : undefined,
    [households, residents, visits, today, staleDays],
  );
  const filter = chosen ?? (plan ? defaultFilter(plan.counts) : 'follow_up');
  const selected = useMemo(() => (plan ? selectEntries(plan, filter) : []), [plan, filter]);
  const lanes = useMemo(() => groupByLane(selected), [selected]);

  function select(next: PlanFilter) {
    choose(villageId, next);
    setLimit(PAGE);
  }

  return (
    <section className="round-page">
      <VillageTitle villageId={villageId} />
      <VillageTabs villageId={villageId} />
      <h1>{t('round.title')}</h1>
      {!plan ? (
        <p>{t('app.loading')}</p>
      ) : plan.counts.households === 0 ? (
        <p className="empty">{t('round.noHouseholds')}</p>
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
          </div>
          <h2 id="round-list">{filterLabel(t, filter, staleDays)}</h2>
          <p className="count" aria-live="polite" data-testid="round-count">
            {t('round.listCount', { count: selected.length })}
          </p>
          {selected.length === 0 ? (
            <p className="empty">{t('round.empty')}</p>
          ) : (
            <RoundLanes villageId={villageId} lanes={lanes} today={today} limit={limit} />
          )}
          {selected.length > limit && (
            <button type="button" className="button wide" onClick={() => setLimit(limit + PAGE)}>
              {t('round.showMore', { count: selected.length - limit })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
