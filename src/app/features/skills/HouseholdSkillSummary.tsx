import { useId } from 'react';
import { BASIC_FIVE } from '../../../core/skills/catalogue';
import { useT } from '../../i18n/i18n';
import { canRecordSkills, useHouseholdSkills } from './skill-data';
import './skills.css';

/**
 * For the household page: whether someone in the house can do each of the five basics (every
 * household should have one fluent person) and how many people aged 16+ still lack something.
 * Live: a step recorded on any phone or screen shows here at once.
 */
export function HouseholdSkillSummary({ householdId }: { householdId: string }) {
  const t = useT();
  const titleId = useId();
  const skills = useHouseholdSkills(householdId);
  if (!skills || skills.residents.length === 0) return null;
  const { summary, residents } = skills;
  const covered = BASIC_FIVE.filter((k) => summary.basicFiveCovered[k]).length;
  const withConsent = new Set(residents.filter(canRecordSkills).map((r) => r.id));
  const lacking = summary.residents.filter(
    (r) => withConsent.has(r.resident.id) && r.missing.length > 0,
  ).length;
  const counted = summary.residents.filter((r) => r.counted);
  const withoutConsent = counted.filter((r) => !withConsent.has(r.resident.id)).length;
  // "Everyone is done" only when everyone counted could be recorded at all.
  const allDone = lacking === 0 && withoutConsent === 0 && counted.length > 0;
  return (
    <section className="skill-summary" aria-labelledby={titleId} data-testid="household-skill-summary">
      <h2 id={titleId}>{t('skills.summaryTitle')}</h2>
      <p>
        <strong>{t('skills.summaryCovered', { covered, total: BASIC_FIVE.length })}</strong>
      </p>
      <ul>
        {BASIC_FIVE.map((k) => (
          <li key={k}>
            <span aria-hidden="true" className="status-icon">
              {summary.basicFiveCovered[k] ? '✓' : '✗'}
            </span>{' '}
            {t(`skill.${k}`)}:{' '}
            <strong>{t(summary.basicFiveCovered[k] ? 'skills.summaryHas' : 'skills.summaryNobody')}</strong>
          </li>
        ))}
      </ul>
      {lacking > 0 && <p>{t('skills.summaryLacking', { count: lacking })}</p>}
      {allDone && <p>{t('skills.summaryAllDone')}</p>}
      {withoutConsent > 0 && <p>{t('skills.summaryNoConsent', { count: withoutConsent })}</p>}
    </section>
  );
}
