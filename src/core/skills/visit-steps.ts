/**
 * What a met visit says was done for whom becomes those people's skill steps, in the same save
 * (issue 15, kind 2: one fact is entered once). The visit form ticks people and topics; every ticked
 * (person, topic) pair becomes an assist of that person — linked to the visit, on its day, by the
 * member who recorded it — unless:
 * - the helper set the pair to "skip" (the person did not do that topic),
 * - the person's consent does not cover skills support (DESIGN §7): they are named in the plan's
 *   `withoutConsent`, never silently dropped,
 * - the step is already done for the person (done itself, or a later VNeID step reached): a visit
 *   never moves a status backwards, so the pair is reported as `already` and nothing is written.
 * Pure: the repository runs it inside the save's transaction on the rows as stored then.
 */
import {
  type AssistFields,
  type AssistStatus,
  type Consent,
  type HowKnown,
  hasActiveConsent,
} from '../schemas';
import { type SkillCode, VNEID_STEPS } from './catalogue';
import { type AssistLike, currentStatus, type SkillStatusMap, vneidProgress } from './status';
import { visitResults } from './step-results';

/** A pair's result as chosen on the visit form: a result to record, or "do not record". */
export type PairChoice = AssistStatus | 'skip';

/** The key of a (person, topic) pair in the form's choices. */
export function pairKey(residentId: string, kind: SkillCode): string {
  return `${residentId}:${kind}`;
}

/** Whether steps may be recorded for (and shown of) this person: active consent covering skills support. */
export function mayRecordSkills(resident: { consent?: Consent | undefined }): boolean {
  return hasActiveConsent(resident) && resident.consent?.purposes.includes('skills_support') === true;
}

/**
 * Whether `kind` is already done for the person: its own status is done, or, on the VNeID journey,
 * a later step was reached (someone with a level 2 account has level 1).
 */
export function alreadyDone(status: SkillStatusMap, kind: SkillCode): boolean {
  if (status.get(kind)?.status === 'done') return true;
  const index = (VNEID_STEPS as readonly SkillCode[]).indexOf(kind);
  if (index < 0) return false;
  const reached = vneidProgress(status).reached;
  return reached !== undefined && VNEID_STEPS.indexOf(reached) >= index;
}

/** The result a pair gets when the helper chose nothing else: the step's first result ("done"). */
export function defaultResult(kind: SkillCode): AssistStatus {
  return visitResults(kind)[0] ?? 'done';
}

export interface VisitPerson {
  id: string;
  householdId: string;
  consent?: Consent | undefined;
  /** The person's steps as stored (deleted ones are ignored). */
  assists: readonly AssistLike[];
}

export interface PlannedPair {
  residentId: string;
  kind: SkillCode;
  /** `record`: becomes an assist; `already`: done before, left alone; `skip`: the helper said no. */
  outcome: 'record' | 'already' | 'skip';
  status: AssistStatus;
}

export interface VisitStepPlan {
  /** Every pair of a consenting person, people in the visit's order, topics in the form's order. */
  pairs: PlannedPair[];
  /** Ticked people whose consent does not cover skills support: nothing is recorded for them. */
  withoutConsent: string[];
}

/**
 * The pairs a visit records. `choices` holds what the helper changed, by `pairKey`; a pair not in it
 * gets `defaultResult`, and a choice the step does not offer (e.g. "learning" for the police referral)
 * falls back to it too.
 */
export function planVisitSteps(
  people: readonly VisitPerson[],
  topics: readonly SkillCode[],
  choices: Readonly<Record<string, PairChoice>>,
): VisitStepPlan {
  const pairs: PlannedPair[] = [];
  const withoutConsent: string[] = [];
  for (const person of people) {
    if (!mayRecordSkills(person)) {
      withoutConsent.push(person.id);
      continue;
    }
    const status = currentStatus(person.assists);
    for (const kind of topics) {
      const choice = choices[pairKey(person.id, kind)];
      const fallback = defaultResult(kind);
      const result: AssistStatus =
        choice !== undefined && choice !== 'skip' && visitResults(kind).includes(choice) ? choice : fallback;
      const outcome = alreadyDone(status, kind) ? 'already' : choice === 'skip' ? 'skip' : 'record';
      pairs.push({ residentId: person.id, kind, outcome, status: result });
    }
  }
  return { pairs, withoutConsent };
}

/**
 * The assists of a plan's recorded pairs: linked to the visit, on the visit's day ("YYYY-MM-DD"),
 * `by` the member recording it, known as `howKnown` (seen by the helper unless they said otherwise).
 */
export function visitAssists(
  plan: VisitStepPlan,
  people: readonly Pick<VisitPerson, 'id' | 'householdId'>[],
  visit: { visitId: string; on: string; by: string; howKnown: HowKnown },
): AssistFields[] {
  const households = new Map(people.map((p) => [p.id, p.householdId]));
  return plan.pairs.flatMap((pair) => {
    const householdId = households.get(pair.residentId);
    if (pair.outcome !== 'record' || householdId === undefined) return [];
    return [
      {
        residentId: pair.residentId,
        householdId,
        kind: pair.kind,
        status: pair.status,
        howKnown: visit.howKnown,
        on: visit.on,
        by: visit.by,
        visitId: visit.visitId,
      },
    ];
  });
}
