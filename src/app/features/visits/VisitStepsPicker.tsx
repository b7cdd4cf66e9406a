import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import type { HowKnown } from '../../../core/schemas';
import type { SkillCode } from '../../../core/skills/catalogue';
import { visitResults } from '../../../core/skills/step-results';
import { type PairChoice, pairKey, planVisitSteps } from '../../../core/skills/visit-steps';
import { toAssistLike } from '../../db/assist-repository';
import { getDb, type ResidentRow } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { HowKnownChoice } from '../skills/HowKnownChoice';
import { resultWords } from '../skills/step-words';

interface Props {
  householdId: string;
  /** The people ticked, in the order they are listed. */
  people: readonly ResidentRow[];
  topics: readonly SkillCode[];
  choices: Readonly<Record<string, PairChoice>>;
  onChoice: (key: string, choice: PairChoice) => void;
  howKnown: HowKnown;
  onHowKnown: (how: HowKnown) => void;
}

/**
 * "Đã làm cho ai?" (issue 15, kind 2): every ticked person × ticked topic, each preselected with the
 * step's first result only because the helper ticked both; one tap changes a result or says "Không
 * ghi". People whose consent does not cover skills support are named, with nothing to choose. The
 * pairs come from the same plan the repository writes (core/skills/visit-steps.ts), so what is
 * shown here is what is saved.
 */
export function VisitStepsPicker({
  householdId,
  people,
  topics,
  choices,
  onChoice,
  howKnown,
  onHowKnown,
}: Props) {
  const t = useT();
  const name = useId();
  const howName = useId();
  const assists = useLiveQuery(
    async () =>
      (await getDb().assists.where('householdId').equals(householdId).toArray()).filter((a) => !a.deletedAt),
    [householdId],
  );
  if (!assists) return null;
  const plan = planVisitSteps(
    people.map((p) => ({
      id: p.id,
      householdId: p.householdId,
      consent: p.consent,
      assists: assists.filter((a) => a.residentId === p.id).map(toAssistLike),
    })),
    topics,
    choices,
  );
  const names = new Map(people.map((p) => [p.id, p.name]));
  const consenting = people.filter((p) => !plan.withoutConsent.includes(p.id));
  return (
    <fieldset className="pick-group visit-steps" data-testid="visit-steps">
      <legend>{t('visitSteps.legend')}</legend>
      <p className="hint">{t('visitSteps.hint')}</p>
      {plan.withoutConsent.map((id) => (
        <p key={id} className="notice">
          {t('visitSteps.noConsent', { name: names.get(id) ?? '' })}
        </p>
      ))}
      {consenting.map((person) => (
        <fieldset key={person.id} className="step-person">
          <legend className="pick-title">{person.name}</legend>
          {plan.pairs
            .filter((pair) => pair.residentId === person.id)
            .map((pair) => {
              const skill = t(`skill.${pair.kind}`);
              if (pair.outcome === 'already') {
                return (
                  <p key={pair.kind} className="item-meta">
                    {t('visitSteps.already', { skill })}
                  </p>
                );
              }
              const key = pairKey(person.id, pair.kind);
              const chosen: PairChoice = pair.outcome === 'skip' ? 'skip' : pair.status;
              const options: PairChoice[] = [...visitResults(pair.kind), 'skip'];
              return (
                <fieldset key={pair.kind} className="chip-group step-pair">
                  <legend>{skill}</legend>
                  {options.map((option) => (
                    <label key={option} className="chip">
                      <input
                        type="radio"
                        name={`${name}-${key}`}
                        value={option}
                        checked={chosen === option}
                        onChange={() => onChoice(key, option)}
                      />
                      <span>{t(option === 'skip' ? 'visitSteps.skip' : resultWords(pair.kind, option))}</span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
        </fieldset>
      ))}
      {plan.pairs.some((p) => p.outcome === 'record') && (
        <HowKnownChoice name={howName} value={howKnown} onChange={onHowKnown} />
      )}
    </fieldset>
  );
}
