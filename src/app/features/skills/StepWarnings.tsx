import type { SkillWarning } from '../../../core/skills/catalogue';
import { useT } from '../../i18n/i18n';

/** The police's and the plan's warnings for a step, where the step is taken or recorded. */
export function StepWarnings({ warnings }: { warnings: readonly SkillWarning[] }) {
  const t = useT();
  if (warnings.length === 0) return null;
  return (
    <ul className="step-warnings" aria-label={t('skills.warningsLabel')}>
      {warnings.map((w) => (
        <li key={w}>
          <span aria-hidden="true">⚠ </span>
          {t(`skill.warn.${w}`)}
        </li>
      ))}
    </ul>
  );
}
