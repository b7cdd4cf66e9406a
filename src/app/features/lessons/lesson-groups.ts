import type { LessonCard } from '../../../core/lessons/card';
import { BASIC_SKILLS_SET, CATALOGUE, type SkillCode, VNEID_STEPS } from '../../../core/skills/catalogue';
import type { MessageKey } from '../../i18n/i18n';

export interface LessonGroup {
  title: MessageKey;
  /** Cards in catalogue order of their skill; a skill's main card first, then its help cards. */
  cards: LessonCard[];
}

const VNEID = new Set<SkillCode>(VNEID_STEPS);
// Device basics opens the basic set, as in the resident's checklist (SkillChecklist) and in "has
// basic digital skills" (DESIGN §2).
const BASIC = new Set<SkillCode>(BASIC_SKILLS_SET);
const ORDER = new Map<SkillCode, number>(CATALOGUE.map((item, i) => [item.code, i]));

function groupOf(skill: SkillCode): MessageKey {
  if (VNEID.has(skill)) return 'skill.group.vneid';
  if (BASIC.has(skill)) return 'skill.group.basic';
  return 'skill.group.other';
}

const collator = new Intl.Collator('vi');

/**
 * The cards a team sees in the list, grouped as the skill catalogue is (the VNeID journey, the basic
 * skills, the rest), each skill's main card before its help cards; hidden cards left out (but for
 * the officers who keep them, `includeHidden`), empty groups too.
 */
export function groupLessons(cards: readonly LessonCard[], includeHidden = false): LessonGroup[] {
  const shown = cards
    .filter((c) => includeHidden || !c.hidden)
    .sort(
      (a, b) =>
        (ORDER.get(a.skill) ?? 0) - (ORDER.get(b.skill) ?? 0) ||
        Number(a.role === 'help') - Number(b.role === 'help') ||
        collator.compare(a.title.vi, b.title.vi),
    );
  const groups: LessonGroup[] = (
    ['skill.group.vneid', 'skill.group.basic', 'skill.group.other'] as const
  ).map((title) => ({ title, cards: [] }));
  for (const card of shown) groups.find((g) => g.title === groupOf(card.skill))?.cards.push(card);
  return groups.filter((g) => g.cards.length > 0);
}
