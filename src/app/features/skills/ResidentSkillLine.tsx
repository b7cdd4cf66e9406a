import type { ResidentSummary } from '../../../core/skills/household-summary';
import { useT } from '../../i18n/i18n';
import { vneidLevelKey } from './skill-data';

/** One resident's line on the household page: VNeID level and what they still lack, in short words. */
export function ResidentSkillLine({ summary, consent }: { summary: ResidentSummary; consent: boolean }) {
  const t = useT();
  if (!consent) return <span className="item-meta skill-line">{t('skills.lineNoConsent')}</span>;
  const lacks = !summary.counted
    ? t('skills.notCountedYet')
    : summary.missing.length === 0
      ? t('skills.lacksNothing')
      : t('skills.lacks', { list: summary.missing.map((code) => t(`skills.short.${code}`)).join(', ') });
  return (
    <>
      <span className="skill-line">
        <strong>{t(vneidLevelKey(summary.vneid))}</strong>
      </span>
      <span className="skill-line">{lacks}</span>
    </>
  );
}
