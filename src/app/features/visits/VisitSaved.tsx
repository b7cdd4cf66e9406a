import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { Visit } from '../../../core/schemas';
import type { ResidentRow } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { VillageTitle } from '../villages/VillageTitle';

interface Props {
  villageId: string;
  visit: Visit;
  residents: readonly ResidentRow[];
  onUndo: () => Promise<void>;
}

/**
 * After a met visit that helped someone: the visit is saved; the next step is each helped resident's
 * skill profile. The link carries the visit so a step recorded there can say which visit it came from.
 */
export function VisitSaved({ villageId, visit, residents, onUndo }: Props) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const [undoing, setUndoing] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const helped = residents.filter((r) => visit.residentIds.includes(r.id));
  const householdPath = `/v/${villageId}/h/${visit.householdId}`;
  return (
    <section className="visit-page">
      <VillageTitle villageId={villageId} />
      <h1 ref={heading} tabIndex={-1}>
        ✓ {t('visits.savedMet')}
      </h1>
      <p>{t('visits.nextSkills')}</p>
      <ul className="list next-skills">
        {helped.map((r) => (
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
        <Link href={householdPath} className="button primary">
          {t('visits.backToHousehold')}
        </Link>
      </div>
    </section>
  );
}
