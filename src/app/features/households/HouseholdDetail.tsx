import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { maskPhone } from '../../../core/format';
import { getDb } from '../../db/database';
import { householdRepository } from '../../db/household-repository';
import { useT } from '../../i18n/i18n';
import { useUndoToast } from '../../state/undo-toast';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { NotFound } from '../../ui/NotFound';
import { ResidentList } from '../residents/ResidentList';
import { HouseholdSkillSummary } from '../skills/HouseholdSkillSummary';
import { UnsyncedMark } from '../sync-status/UnsyncedMark';
import { usePendingRowIds } from '../sync-status/use-pending';
import { VillageTitle } from '../villages/VillageTitle';
import { useRoundTrail } from '../visits/round-trail';
import { VisitSection } from '../visits/VisitSection';
import { HouseholdBadges } from './HouseholdBadges';
import { HouseholdStatusLine } from './HouseholdStatusLine';

export default function HouseholdDetail() {
  const t = useT();
  const { villageId = '', householdId = '' } = useParams<{ villageId: string; householdId: string }>();
  const [, navigate] = useLocation();
  const showUndo = useUndoToast();
  const [confirming, setConfirming] = useState(false);
  const fromRound = useRoundTrail(villageId, householdId);
  const household = useLiveQuery(
    async () => (await getDb().households.get(householdId)) ?? null,
    [householdId],
  );
  const pendingIds = usePendingRowIds(villageId);

  if (household === undefined) return <p>{t('app.loading')}</p>;
  if (household === null || household.deletedAt) {
    return <NotFound backHref={`/v/${villageId}`} />;
  }

  async function remove() {
    if (!household) return;
    setConfirming(false);
    await householdRepository.remove(household.id);
    navigate(`/v/${villageId}`);
    showUndo({
      message: t('households.deleted', { label: household.label }),
      undo: () => householdRepository.restore(household.id),
      undone: t('households.restored', { label: household.label }),
    });
  }

  return (
    <section>
      <VillageTitle villageId={villageId} />
      <Link href={fromRound ? `/v/${villageId}/round` : `/v/${villageId}`} className="back-link">
        ← {t(fromRound ? 'households.backToRound' : 'app.back')}
      </Link>
      <h1>{household.label}</h1>
      <p className="item-meta">
        {[household.lane, household.address].filter(Boolean).join(' · ')} ·{' '}
        {t('households.members', { count: household.membersCount })}
      </p>
      <HouseholdBadges household={household} />
      <HouseholdStatusLine household={household} />
      {pendingIds?.has(household.id) && <UnsyncedMark />}
      {household.phone && <p>{t('households.phone', { phone: maskPhone(household.phone) })}</p>}
      {household.notes && <p className="notes">{household.notes}</p>}
      <div className="actions">
        <Link href={`/v/${villageId}/h/${household.id}/edit`} className="button">
          {t('app.edit')}
        </Link>
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          {t('app.delete')}
        </button>
      </div>

      <VisitSection household={household} pendingIds={pendingIds} />

      <HouseholdSkillSummary householdId={household.id} />

      <h2>{t('households.residents')}</h2>
      <ResidentList villageId={villageId} householdId={household.id} pendingIds={pendingIds} />
      <Link href={`/v/${villageId}/h/${household.id}/r/new`} className="button primary wide">
        + {t('households.addResident')}
      </Link>
      {household.lane && (
        <Link
          href={`/v/${villageId}/h/new?${new URLSearchParams({ lane: household.lane })}`}
          className="button wide"
        >
          + {t('fill.householdInLane', { lane: household.lane })}
        </Link>
      )}

      <ConfirmDialog
        open={confirming}
        danger
        title={t('households.deleteTitle', { label: household.label })}
        body={t('households.deleteBody')}
        confirmLabel={t('app.delete')}
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
