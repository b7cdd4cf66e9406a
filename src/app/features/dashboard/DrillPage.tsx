import { Fragment, useMemo, useState } from 'react';
import { Link, useParams } from 'wouter';
import { isDrillKey } from '../../../core/indicators/drill';
import type { DrillKey, DrillList, DrillRow } from '../../../core/indicators/types';
import type { LessonCard } from '../../../core/lessons/card';
import type { TargetCode } from '../../../core/schemas';
import { type MessageKey, useLanguage, useT } from '../../i18n/i18n';
import { communeToday, nowIso } from '../../state/commune-clock';
import { NotFound } from '../../ui/NotFound';
import { useLessonCards } from '../lessons/use-lesson-cards';
import { VillageTitle } from '../villages/VillageTitle';
import { saveRoundList } from '../visits/round-list';
import { drillTitle } from './drill-keys';
import { periodLabel } from './PeriodPicker';
import { useCommuneVillages, useDashboardPeriod, useWorkerAnswer } from './use-dashboard';
import './dashboard.css';

/** Rows rendered at once; "Xem thêm" adds as many again. */
const PAGE = 200;

/**
 * The people or households behind a number (issue 18, item 4), lane by lane in walking order, each
 * opening its household; a village's list can become tomorrow's round.
 */
export default function DrillPage() {
  const { villageId, key = '' } = useParams<{ villageId?: string; key: string }>();
  if (!isDrillKey(key)) return <NotFound backHref="/" message="app.notFound" backLabel="app.goHome" />;
  return villageId ? <VillageDrill villageId={villageId} drill={key} /> : <CommuneDrill drill={key} />;
}

function VillageDrill({ villageId, drill }: { villageId: string; drill: DrillKey }) {
  return <DrillView villageIds={[villageId]} villageId={villageId} drill={drill} />;
}

function CommuneDrill({ drill }: { drill: DrillKey }) {
  const t = useT();
  const villages = useCommuneVillages();
  if (!villages) return <p>{t('app.loading')}</p>;
  return (
    <DrillView
      villageIds={villages.map((v) => v.id)}
      villageId={undefined}
      drill={drill}
      names={new Map(villages.map((v) => [v.id, v.name]))}
    />
  );
}

function DrillView({
  villageIds,
  villageId,
  drill,
  names,
}: {
  villageIds: readonly string[];
  villageId: string | undefined;
  drill: DrillKey;
  names?: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const period = useDashboardPeriod();
  const today = communeToday();
  const [limit, setLimit] = useState(PAGE);
  const [saved, setSaved] = useState(false);
  const lessonCards = useLessonCards();
  const cards = useMemo(() => lessonCards?.filter((c) => !c.hidden), [lessonCards]);
  // Asked once the cards are here (a local chunk, at once): each person then names the card to bring.
  const answer = useWorkerAnswer(
    `drill ${villageIds.join(',')} ${period} ${today} ${drill} ${cards ? cardsKey(cards) : '-'}`,
    (api) => (cards ? api.drill(villageIds, period, today, drill, cards) : new Promise<never>(() => {})),
  );
  const title = drillTitle(t, drill);
  // Below 100 % a target needs fewer people than the list holds ("còn 18 người" of 19): say both.
  const missingOf = /^target\.([a-z]+)\.missing$/.exec(drill)?.[1] as TargetCode | undefined;
  const figures = useWorkerAnswer(`figures ${villageIds.join(',')} ${period} ${today}`, (api) =>
    api.figures(villageIds, period, today),
  );
  const gap = missingOf && figures.state === 'ready' ? figures.value.targets[missingOf].gap : undefined;
  const back = villageId ? `/v/${villageId}/dashboard` : '/dashboard';
  return (
    <section className="dashboard drill">
      {villageId && <VillageTitle villageId={villageId} />}
      <p>
        <Link href={back}>{t('dashboard.backToFigures')}</Link>
      </p>
      <h1>{title}</h1>
      <p className="hint">{periodLabel(t, period)}</p>
      {answer.state === 'loading' ? (
        <p>{t('app.loading')}</p>
      ) : answer.state === 'failed' ? (
        <p className="error" role="alert">
          {t('dashboard.failed')}
        </p>
      ) : (
        <>
          <p className="count" data-testid="drill-count">
            {t(
              answer.value.kind === 'residents'
                ? 'dashboard.drill.countPeople'
                : 'dashboard.drill.countHouseholds',
              {
                count: answer.value.rows.length,
              },
            )}
          </p>
          {gap !== undefined && gap !== answer.value.rows.length && (
            <p className="hint" data-testid="drill-gap">
              {t(
                gap < answer.value.rows.length
                  ? 'dashboard.drill.gapOfList'
                  : 'dashboard.drill.gapBeyondList',
                {
                  gap,
                  count: answer.value.rows.length,
                },
              )}
            </p>
          )}
          {villageId && answer.value.rows.length > 0 && (
            <p>
              <button
                type="button"
                className="button wide"
                onClick={() => {
                  saveRoundList(villageId, {
                    label: title,
                    // A person listed without a household (drill.ts: deleted, no trace) adds no stop.
                    householdIds: [...new Set(answer.value.rows.map((r) => r.householdId).filter(Boolean))],
                    createdAt: nowIso(),
                  });
                  setSaved(true);
                }}
              >
                {t('dashboard.useForRound')}
              </button>
            </p>
          )}
          {saved && villageId && (
            <p className="notice" role="status">
              {t('dashboard.roundSaved')}{' '}
              <Link href={`/v/${villageId}/round`}>{t('dashboard.openRound')}</Link>
            </p>
          )}
          <DrillRows list={answer.value} limit={limit} names={names} cards={cards} />
          {answer.value.rows.length > limit && (
            <button type="button" className="button wide" onClick={() => setLimit(limit + PAGE)}>
              {t('dashboard.showMore', { count: answer.value.rows.length - limit })}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** The cards' identity for the worker's question: another card set (an officer's edit) asks again. */
function cardsKey(cards: readonly LessonCard[]): string {
  return cards.map((c) => `${c.key}@${c.version}`).join(',');
}

function DrillRows({
  list,
  limit,
  names,
  cards,
}: {
  list: DrillList;
  limit: number;
  names: ReadonlyMap<string, string> | undefined;
  cards: readonly LessonCard[] | undefined;
}) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const titleOf = (key: string) => {
    const card = cards?.find((c) => c.key === key);
    return card ? (language === 'en' ? card.title.en : card.title.vi) : undefined;
  };
  if (list.rows.length === 0) return <p className="empty">{t('dashboard.drill.empty')}</p>;
  const shown = list.rows.slice(0, limit);
  const laneOf = (r: DrillRow) => `${names ? (names.get(r.villageId) ?? '') : ''}\n${r.lane ?? ''}`;
  // A person counted in two villages' activity (a class next door) is listed under each: the
  // second listing of an id gets its own key.
  const seen = new Map<string, number>();
  return (
    <ul className="list drill-list" data-testid="drill-list" aria-label={t('dashboard.drill.listLabel')}>
      {shown.map((row, i) => {
        const repeat = seen.get(row.id) ?? 0;
        seen.set(row.id, repeat + 1);
        const previous = shown[i - 1];
        const newLane = !previous || laneOf(previous) !== laneOf(row);
        const content = (
          <>
            <span className="item-title">
              {row.name ?? (row.householdLabel || t('dashboard.drill.unknownPerson'))}
            </span>
            <span className="item-meta">
              {[
                row.age === undefined ? undefined : t('dashboard.drill.age', { age: row.age }),
                row.name === undefined
                  ? row.lane
                  : t('dashboard.drill.household', { label: row.householdLabel }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {row.nextStep && (
              <span className="item-meta next-step">
                {t('dashboard.drill.next', { step: t(`skill.${row.nextStep}` as MessageKey) })}
              </span>
            )}
            {row.nextCard && titleOf(row.nextCard) && (
              <span className="item-meta door-cards" data-testid="drill-card">
                {t('next.bring', { cards: titleOf(row.nextCard) ?? '' })}
              </span>
            )}
          </>
        );
        return (
          <Fragment key={repeat === 0 ? row.id : `${row.id} ${repeat}`}>
            {newLane && (
              <li className="lane-header" aria-hidden="true">
                {[names?.get(row.villageId), row.lane || t('households.noLane')].filter(Boolean).join(' · ')}
              </li>
            )}
            <li data-testid="drill-row">
              {row.householdId ? (
                <Link href={`/v/${row.villageId}/h/${row.householdId}`} className="list-item">
                  {content}
                </Link>
              ) : (
                <span className="list-item">{content}</span>
              )}
            </li>
          </Fragment>
        );
      })}
    </ul>
  );
}
