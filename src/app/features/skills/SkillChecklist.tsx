import type { ReactNode } from 'react';
import { BASIC_SKILLS_SET, CATALOGUE, type SkillCode } from '../../../core/skills/catalogue';
import type { SkillStatusMap } from '../../../core/skills/status';
import { type MessageKey, useT } from '../../i18n/i18n';
import { AssistMeta } from './AssistMeta';
import { RecordCue, StatusMark } from './StatusMark';

const BASIC = new Set<SkillCode>(BASIC_SKILLS_SET);
const SECTIONS: ReadonlyArray<{ title: MessageKey; codes: SkillCode[] }> = [
  // Device basics is framework group 0: it opens the basic set, as it does in "has basic skills".
  { title: 'skill.group.basic', codes: CATALOGUE.filter((i) => BASIC.has(i.code)).map((i) => i.code) },
  {
    title: 'skill.group.other',
    codes: CATALOGUE.filter((i) => i.group !== 'vneid' && !BASIC.has(i.code)).map((i) => i.code),
  },
];

interface Props {
  status: SkillStatusMap;
  hasBasicSkills: boolean;
  /** The item whose recording panel is open, and the panel itself. */
  open: SkillCode | undefined;
  panel: ReactNode;
  onToggle: (kind: SkillCode) => void;
}

/** Everything but the VNeID journey, as a checklist: tap an item to record a step for it. */
export function SkillChecklist({ status, hasBasicSkills, open, panel, onToggle }: Props) {
  const t = useT();
  return (
    <>
      {SECTIONS.map((section) => (
        <section key={section.title} className="skill-section">
          <h2>
            {t(section.title)}
            {section.title === 'skill.group.basic' && hasBasicSkills && (
              <span className="badge basic-badge">✓ {t('skills.basicBadge')}</span>
            )}
          </h2>
          <ul className="skill-list">
            {section.codes.map((code) => {
              const assist = status.get(code);
              return (
                <li key={code} className="skill-item">
                  <button
                    type="button"
                    className="skill-toggle"
                    aria-expanded={open === code}
                    onClick={() => onToggle(code)}
                  >
                    <span className="skill-toggle-text">
                      <span className="skill-label">{t(`skill.${code}`)}</span>
                      <StatusMark kind={code} status={assist?.status} />
                      {assist && <AssistMeta assist={assist} />}
                    </span>
                    <RecordCue />
                  </button>
                  {open === code && panel}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
