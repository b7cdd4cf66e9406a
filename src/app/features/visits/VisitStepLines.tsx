import { useLiveQuery } from 'dexie-react-hooks';
import type { Visit } from '../../../core/schemas';
import { type AssistRow, getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { resultWords } from '../skills/step-words';

/**
 * The household's live skill steps by the visit they were recorded at: one read of the household's
 * index for its whole visit history.
 */
export function useVisitSteps(householdId: string): ReadonlyMap<string, AssistRow[]> | undefined {
  return useLiveQuery(async () => {
    const byVisit = new Map<string, AssistRow[]>();
    for (const a of await getDb().assists.where('householdId').equals(householdId).toArray()) {
      if (a.deletedAt || !a.visitId) continue;
      const list = byVisit.get(a.visitId);
      if (list) list.push(a);
      else byVisit.set(a.visitId, [a]);
    }
    return byVisit;
  }, [householdId]);
}

interface Props {
  visit: Pick<Visit, 'residentIds' | 'topics'>;
  /** The live steps linked to this visit. */
  steps: readonly AssistRow[];
  /** Names by resident id (a removed or erased person has none to show). */
  names: (residentId: string) => string | undefined;
}

/**
 * What a visit did, as its people's profiles say it (issue 15, kind 2): one line per person with the
 * steps recorded at the visit and their results, read from those steps, so the visit and the profiles
 * cannot disagree — a step removed from a profile leaves this line too. Topics no step was recorded
 * for (nobody could be recorded, or visits from before) stay as "Đã làm: …".
 */
export function VisitStepLines({ visit, steps, names }: Props) {
  const t = useT();
  const people = [...new Set([...visit.residentIds, ...steps.map((s) => s.residentId)])];
  const covered = new Set(steps.map((s) => s.kind));
  const rest = visit.topics.filter((kind) => !covered.has(kind));
  return (
    <>
      {people.map((id) => {
        const mine = steps.filter((s) => s.residentId === id);
        const name = names(id);
        if (mine.length === 0 || name === undefined) return null;
        const list = mine
          .map((s) =>
            t('visitSteps.step', { skill: t(`skill.${s.kind}`), status: t(resultWords(s.kind, s.status)) }),
          )
          .join('; ');
        return (
          <span key={id} className="visit-steps-line">
            {t('visitSteps.personSteps', { name, steps: list })}
          </span>
        );
      })}
      {rest.length > 0 && (
        <span>{t('visits.did', { topics: rest.map((code) => t(`skill.${code}`)).join('; ') })}</span>
      )}
    </>
  );
}
