import { useMemo } from 'react';
import type { LessonCard } from '../../../core/lessons/card';
import { householdCards, learnerOf } from '../../../core/lessons/next-step';
import { type AssistLike, currentStatus } from '../../../core/skills/status';
import { mayRecordSkills } from '../../../core/skills/visit-steps';
import { toAssistLike } from '../../db/assist-repository';
import { communeYear } from '../../state/commune-clock';
import { useVillageRows } from '../villages/use-village-rows';
import { useLessonCards } from './use-lesson-cards';

/** The cards to bring to one household's door, given the day of its last visit. */
export type DoorCards = (householdId: string, lastVisitOn?: string) => readonly LessonCard[];

/**
 * "Mang theo thẻ…" for the round planner (issue 20, part 4): per household, the cards most of its
 * people need next (core householdCards), among those at home with consent for skills support (steps
 * are used only with it; DESIGN §7). Asked per row shown and remembered, so a village of 2,000
 * households costs only the rows on screen. Undefined while the rows and cards load.
 */
export function useDoorCards(villageId: string): DoorCards | undefined {
  const cards = useLessonCards();
  const residents = useVillageRows('residents', villageId);
  const assists = useVillageRows('assists', villageId);
  return useMemo(() => {
    if (!cards || !residents || !assists) return undefined;
    const year = communeYear();
    const people = new Map<string, typeof residents>();
    for (const r of residents) {
      if (r.deletedAt || (r.status !== undefined && r.status !== 'present') || !mayRecordSkills(r)) continue;
      const list = people.get(r.householdId);
      if (list) list.push(r);
      else people.set(r.householdId, [r]);
    }
    const steps = new Map<string, AssistLike[]>();
    for (const a of assists) {
      if (a.deletedAt) continue;
      const list = steps.get(a.residentId);
      if (list) list.push(toAssistLike(a));
      else steps.set(a.residentId, [toAssistLike(a)]);
    }
    const byKey = new Map(cards.map((c) => [c.key, c]));
    const cache = new Map<string, readonly LessonCard[]>();
    return (householdId, lastVisitOn) => {
      const id = `${householdId} ${lastVisitOn ?? ''}`;
      const held = cache.get(id);
      if (held) return held;
      const profiles = (people.get(householdId) ?? []).map((r) =>
        learnerOf(r, currentStatus(steps.get(r.id) ?? []), lastVisitOn),
      );
      const out = householdCards(profiles, cards, { year }).flatMap((key) => byKey.get(key) ?? []);
      cache.set(id, out);
      return out;
    };
  }, [cards, residents, assists]);
}
