import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import type { Visit, VisitOutcome } from '../../../core/schemas';
import { getDb } from '../../db/database';
import { visitRepository } from '../../db/visit-repository';
import { useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { useMemberName } from '../../state/member-name';
import { useToast } from '../../state/toast-store';
import { useUndoToast } from '../../state/undo-toast';
import { DraftNotice } from '../../ui/FormDraft';
import { FormStatus } from '../../ui/FormStatus';
import { useFormDraft } from '../../ui/use-form-draft';
import { VillageTitle } from '../villages/VillageTitle';
import { useRoundTrail, withRound } from './round-trail';
import { useSaveVisit } from './use-save-visit';
import { EMPTY_VISIT_DRAFT, type VisitDraft, VisitForm } from './VisitForm';
import { VisitSaved } from './VisitSaved';
import { formatDay } from './visit-format';
import './visits.css';
import { NotFound } from '../../ui/NotFound';
import { saveFailedMessage } from '../../ui/use-save-form';

/** An outcome chosen alone is no work to keep; someone ticked, a note or a day is. */
function hasDetails(v: VisitDraft): boolean {
  return v.residentIds.length > 0 || v.topics.length > 0 || v.notes.trim() !== '' || v.followUpOn !== '';
}

/** In the order of the doorway: most visits either meet someone or find nobody home. */
const OUTCOMES: readonly VisitOutcome[] = ['met', 'nobody_home', 'refused', 'come_back'];
/** Outcomes with nothing more to say: one tap saves them. */
const QUICK: ReadonlySet<VisitOutcome> = new Set(['nobody_home', 'refused']);

/**
 * "Ghé thăm hộ …": the outcome first, in four large buttons. Nobody home and refused save at once
 * (2 taps from the household page); met and come back open their few details, then Lưu.
 */
export default function VisitPage() {
  const t = useT();
  const { villageId = '', householdId = '' } = useParams<{ villageId: string; householdId: string }>();
  const [, navigate] = useLocation();
  const showToast = useToast((s) => s.show);
  const showUndo = useUndoToast();
  const memberName = useMemberName();
  const fromRound = useRoundTrail(villageId, householdId);
  const today = communeToday();
  const save = useSaveVisit(villageId, householdId);
  // The outcome chosen and everything typed after it are a draft: Back, a reload or Android closing
  // the tab brings the person back to it (issue 13, kind 9).
  const draft = useFormDraft<VisitDraft>(`visit:${householdId}`, EMPTY_VISIT_DRAFT, undefined, hasDetails);
  const outcome = draft.values.outcome;
  const setOutcome = (next: VisitDraft['outcome']) => draft.setValues((v) => ({ ...v, outcome: next }));
  const [saved, setSaved] = useState<Visit | undefined>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();

  const household = useLiveQuery(
    async () => (await getDb().households.get(householdId)) ?? null,
    [householdId],
  );
  const residents = useLiveQuery(
    async () =>
      (await getDb().residents.where('householdId').equals(householdId).toArray())
        .filter((r) => !r.deletedAt)
        .sort((a, b) => a.birthYear - b.birthYear),
    [householdId],
  );

  const householdPath = `/v/${villageId}/h/${householdId}`;
  if (household === undefined || residents === undefined) return <p>{t('app.loading')}</p>;
  if (household === null || household.deletedAt) {
    return <NotFound backHref={`/v/${villageId}`} />;
  }

  /** Removes the visit (and its steps); `leave` runs before the toast, which belongs to the next screen. */
  async function undo(visit: Visit, leave?: () => void) {
    await visitRepository.remove(visit.id);
    leave?.();
    const withSteps = visit.outcome === 'met' && visit.residentIds.length > 0 && visit.topics.length > 0;
    showToast({ message: t(withSteps ? 'visitSteps.undone' : 'visits.undone') });
  }

  function finish(visit: Visit) {
    void draft.saved();
    // Someone was helped: the next thing to do is record their skill steps, so offer that first.
    if (visit.outcome === 'met' && visit.residentIds.length > 0) {
      setSaved(visit);
      return;
    }
    navigate(fromRound ? `/v/${villageId}/round` : householdPath);
    showUndo({
      message: visit.followUpOn
        ? t('visits.savedComeBack', { day: formatDay(visit.followUpOn, today) })
        : t('visits.saved', { outcome: t(`visit.outcome.${visit.outcome}`) }),
      undo: () => undo(visit),
    });
  }

  async function choose(choice: VisitOutcome) {
    if (choice === 'met' || choice === 'come_back') {
      setOutcome(choice);
      return;
    }
    if (saving) return;
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await save({ outcome: choice, residentIds: [], topics: [] });
      if ('visit' in result) {
        finish(result.visit);
        return;
      }
      setFailure(
        t('app.saveFailed', {
          detail: Object.values(result.errors)
            .map((e) => t(e))
            .join(' '),
        }),
      );
    } catch (error) {
      setFailure(saveFailedMessage(t, error));
    }
    setSaving(false);
  }

  if (saved) {
    return (
      <VisitSaved
        villageId={villageId}
        visit={saved}
        residents={residents}
        fromRound={fromRound}
        onUndo={() => undo(saved, () => navigate(withRound(householdPath, fromRound)))}
      />
    );
  }

  return (
    <section className="visit-page">
      <VillageTitle villageId={villageId} />
      <Link href={withRound(householdPath, fromRound)} className="back-link">
        ← {t('app.back')}
      </Link>
      <h1>{t('visits.pageTitle', { label: household.label })}</h1>
      <DraftNotice draft={draft} />
      <p className="item-meta">
        {memberName ? t('visits.recordedBy', { name: memberName }) : t('visits.recordedByMissing')}
      </p>
      {outcome === undefined ? (
        <fieldset className="outcomes">
          <legend>{t('visits.outcomeLegend')}</legend>
          {OUTCOMES.map((o) => (
            <button
              key={o}
              type="button"
              className={`button outcome outcome-${o}${o === 'met' ? ' primary' : ''}`}
              disabled={saving && QUICK.has(o)}
              onClick={() => choose(o)}
            >
              {t(`visit.outcome.${o}`)}
            </button>
          ))}
          <FormStatus errors={{}} labels={{}} failure={failure} />
        </fieldset>
      ) : (
        <>
          <div className="outcome-chosen">
            <p>
              <strong>{t('visits.outcomeChosen', { outcome: t(`visit.outcome.${outcome}`) })}</strong>
            </p>
            <button type="button" className="button small" onClick={() => setOutcome(undefined)}>
              {t('visits.changeOutcome')}
            </button>
          </div>
          <VisitForm
            outcome={outcome}
            values={draft.values}
            setValues={draft.setValues}
            residents={residents}
            today={today}
            save={save}
            onSaved={finish}
          />
        </>
      )}
    </section>
  );
}
