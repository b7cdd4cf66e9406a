import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { nextDoor } from '../../../core/round-planner';
import type { Visit } from '../../../core/schemas';
import type { ResidentRow } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { canRecordSkills } from '../skills/skill-data';
import { VillageTitle } from '../villages/VillageTitle';
import { FROM_ROUND, withRound } from './round-trail';
import { useRound } from './use-round';
import { useVisitSteps, VisitStepLines } from './VisitStepLines';

interface Props {
  villageId: string;
  visit: Visit;
  residents: readonly ResidentRow[];
  /** Saved on a round: the next door and the round are offered too (issue 15, kind 3). */
  fromRound: boolean;
  onUndo: () => Promise<void>;
}

/**
 * After a met visit that helped someone: the visit is saved with the steps it recorded on each
 * person's profile, read back from those profiles (so it shows what is stored, not what was meant),
 * and who could not be recorded for lack of consent is named. Each person's profile is one tap away
 * for anything more (a reason a step failed); the link carries the visit so a step recorded there
 * says which visit it came from.
 */
export function VisitSaved({ villageId, visit, residents, fromRound, onUndo }: Props) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const [undoing, setUndoing] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const helped = residents.filter((r) => visit.residentIds.includes(r.id));
  const steps = useVisitSteps(visit.householdId)?.get(visit.id) ?? [];
  const names = new Map(helped.map((r) => [r.id, r.name]));
  const withoutConsent = visit.topics.length > 0 ? helped.filter((r) => !canRecordSkills(r)) : [];
  // A profile link only where a step can be recorded: the screen has just said who cannot.
  const recordable = helped.filter(canRecordSkills);
  const householdPath = `/v/${villageId}/h/${visit.householdId}`;
  return (
    <section className="visit-page">
      <VillageTitle villageId={villageId} />
      <h1 ref={heading} tabIndex={-1}>
        ✓ {t('visits.savedMet')}
      </h1>
      <div role="status" data-testid="visit-saved-steps">
        {steps.length > 0 ? (
          <>
            <p>{t('visitSteps.recordedTitle')}</p>
            <p className="visit-entry">
              <VisitStepLines
                visit={{ residentIds: visit.residentIds, topics: [] }}
                steps={steps}
                names={(id) => names.get(id)}
              />
            </p>
          </>
        ) : (
          visit.topics.length > 0 && <p>{t('visitSteps.nothingRecorded')}</p>
        )}
        {withoutConsent.length > 0 && (
          <p className="notice">
            {t('visitSteps.noConsentSaved', { names: withoutConsent.map((r) => r.name).join(', ') })}
          </p>
        )}
      </div>
      {recordable.length > 0 && <p>{t('visits.nextSkills')}</p>}
      <ul className="list next-skills">
        {recordable.map((r) => (
          <li key={r.id}>
            <Link href={`${householdPath}/r/${r.id}/skills?visit=${visit.id}`} className="button wide">
              {t('visits.openProfile', { name: r.name })}
            </Link>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={undoing}
          onClick={async () => {
            setUndoing(true);
            await onUndo();
          }}
        >
          {t('app.undo')}
        </button>
        <Link href={withRound(householdPath, fromRound)} className={fromRound ? 'button' : 'button primary'}>
          {t('visits.backToHousehold')}
        </Link>
      </div>
      {fromRound && <RoundNext villageId={villageId} householdId={visit.householdId} />}
    </section>
  );
}

/** On a round: the door after this one in the round's list, and the list itself. */
function RoundNext({ villageId, householdId }: { villageId: string; householdId: string }) {
  const t = useT();
  const round = useRound(villageId);
  const next = round && nextDoor(round.lanes, round.village, householdId);
  return (
    <div className="round-next-links">
      {next && (
        <Link href={`/v/${villageId}/h/${next.household.id}?${FROM_ROUND}`} className="button primary wide">
          {t('visits.nextDoor', { label: next.household.label })}
        </Link>
      )}
      <Link href={`/v/${villageId}/round`} className="button wide">
        {t('households.backToRound')}
      </Link>
    </div>
  );
}
