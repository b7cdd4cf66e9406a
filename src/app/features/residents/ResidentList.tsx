import { Link } from 'wouter';
import { ageInYear, hasActiveConsent, isElderly } from '../../../core/schemas';
import { useT } from '../../i18n/i18n';
import { communeYear } from '../../state/commune-clock';
import { goneLast, residentGone } from '../households/register-status';
import { ResidentSkillLine } from '../skills/ResidentSkillLine';
import { canRecordSkills, useHouseholdSkills } from '../skills/skill-data';
import { UnsyncedMark } from '../sync-status/UnsyncedMark';
import { ResidentStatusBadge } from './ResidentStatusBadge';
import '../skills/skills.css';

interface Props {
  villageId: string;
  householdId: string;
  pendingIds?: Set<string> | undefined;
}

/**
 * The household's people. A row opens the person's digital-skills profile (what a helper does most at
 * the door); editing their details is the button beside it. Each row says their VNeID level and what
 * they still lack, live as steps are recorded. People who moved out or died stay listed, greyed and
 * last (issue 18): nothing is deleted, and a status set by mistake is undone from the same form.
 */
export function ResidentList({ villageId, householdId, pendingIds }: Props) {
  const t = useT();
  const skills = useHouseholdSkills(householdId);
  if (!skills) return <p>{t('app.loading')}</p>;
  const { residents, summary } = skills;
  if (residents.length === 0) return <p className="empty">{t('households.noResidents')}</p>;
  const byId = new Map(summary.residents.map((s) => [s.resident.id, s]));
  const year = communeYear();
  return (
    <ul className="list" data-testid="resident-list">
      {goneLast(residents, residentGone).map((r) => {
        const path = `/v/${villageId}/h/${householdId}/r/${r.id}`;
        const skillSummary = byId.get(r.id);
        return (
          <li key={r.id} className={residentGone(r) ? 'resident-row gone' : 'resident-row'}>
            <Link href={`${path}/skills`} className="list-item">
              <span className="item-title">{r.name}</span>
              <span className="item-meta">
                {r.birthYear} · {t('resident.age', { age: ageInYear(r.birthYear, year) })}
              </span>
              {skillSummary && <ResidentSkillLine summary={skillSummary} consent={canRecordSkills(r)} />}
              <span className="badges">
                <ResidentStatusBadge resident={r} />
                {isElderly(r.birthYear, year) && <span className="badge">{t('resident.elderly')}</span>}
                {r.groups.map((g) => (
                  <span key={g} className="badge">
                    {t(`resident.group.${g}`)}
                  </span>
                ))}
                {!hasActiveConsent(r) && <span className="badge warn">{t('resident.noConsentBadge')}</span>}
                {pendingIds?.has(r.id) && <UnsyncedMark />}
              </span>
            </Link>
            <Link
              href={path}
              className="button resident-edit"
              aria-label={t('skills.editResidentLabel', { name: r.name })}
            >
              {t('app.edit')}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
