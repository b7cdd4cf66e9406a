import { Fragment, useDeferredValue, useMemo, useState } from 'react';
import { Link, useParams } from 'wouter';
import type { HouseholdRow } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { HeadingWithAdd } from '../../ui/HeadingWithAdd';
import { UnsyncedMark } from '../sync-status/UnsyncedMark';
import { usePendingRowIds } from '../sync-status/use-pending';
import { useVillage } from '../villages/use-village';
import { useVillageRows } from '../villages/use-village-rows';
import { VillageTabs } from '../villages/VillageTabs';
import { VillageTitle } from '../villages/VillageTitle';
import { HouseholdBadges } from './HouseholdBadges';
import { buildHouseholdIndex, sameLane, searchHouseholds } from './household-search';
import { householdGone } from './register-status';

/** Rows rendered at once: a cheap phone stays smooth, and a search narrows long before this. */
const PAGE = 60;

export function HouseholdList() {
  const t = useT();
  const { villageId = '' } = useParams<{ villageId: string }>();
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const deferredQuery = useDeferredValue(query);
  const role = useSession((s) => s.session?.user.role);

  const households = useVillageRows('households', villageId);
  const residents = useVillageRows('residents', villageId);
  const laneOrder = useVillage(villageId)?.laneOrder;
  const index = useMemo(
    () => (households && residents ? buildHouseholdIndex(households, residents, laneOrder) : undefined),
    [households, residents, laneOrder],
  );
  const pendingIds = usePendingRowIds(villageId);
  const matches = useMemo(
    () => (index ? searchHouseholds(index, deferredQuery) : []),
    [index, deferredQuery],
  );
  const shown = matches.slice(0, limit);

  return (
    <section>
      <VillageTitle villageId={villageId} />
      <VillageTabs villageId={villageId} />
      <HeadingWithAdd
        title={t('households.title')}
        addLabel={t('households.add')}
        href={`/v/${villageId}/h/new`}
      />
      <p className="header-links">
        <Link href={`/v/${villageId}/dashboard`}>{t('households.dashboardLink')}</Link>
        {' · '}
        <Link href="/lessons">{t('lessons.title')}</Link>
        {(role === 'lead' || role === 'commune') && (
          <>
            {' · '}
            <Link href={`/v/${villageId}/import`}>{t('households.importExport')}</Link>
          </>
        )}
      </p>
      <div className="search">
        <label htmlFor="household-search">{t('households.search')}</label>
        <input
          id="household-search"
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby="household-search-hint"
          onChange={(e) => {
            setQuery(e.target.value);
            setLimit(PAGE);
          }}
        />
        <p id="household-search-hint" className="hint">
          {t('households.searchHint')}
        </p>
      </div>
      {!index ? (
        <p>{t('app.loading')}</p>
      ) : index.length === 0 ? (
        <p className="empty">{t('households.empty')}</p>
      ) : matches.length === 0 ? (
        <p className="empty">{t('households.noResults', { query: deferredQuery })}</p>
      ) : (
        <>
          <p className="count" aria-live="polite">
            {t('households.count', { shown: matches.length, total: index.length })}
          </p>
          <ul className="list" data-testid="household-list">
            {shown.map((h, i) => {
              const previous = shown[i - 1];
              const gone = householdGone(h);
              // The households that left come last (household-search.ts), under a heading of their own.
              const firstGone = gone && (previous === undefined || !householdGone(previous));
              return (
                <Fragment key={h.id}>
                  {firstGone && (
                    <li className="lane-header gone-header" aria-hidden="true">
                      {t('households.gone')}
                    </li>
                  )}
                  {(firstGone || previous === undefined || !sameLane(previous as HouseholdRow, h)) && (
                    <li className="lane-header" aria-hidden="true">
                      {h.lane || t('households.noLane')}
                    </li>
                  )}
                  <li className={gone ? 'gone' : undefined}>
                    <Link href={`/v/${villageId}/h/${h.id}`} className="list-item">
                      <span className="item-title">{h.label}</span>
                      <span className="item-meta">
                        {[h.lane, h.address, t('households.members', { count: h.membersCount })]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                      <HouseholdBadges household={h} />
                      {pendingIds?.has(h.id) && <UnsyncedMark />}
                    </Link>
                  </li>
                </Fragment>
              );
            })}
          </ul>
          {matches.length > limit && (
            <button type="button" className="button wide" onClick={() => setLimit(limit + PAGE)}>
              {t('households.showMore', { count: matches.length - limit })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
