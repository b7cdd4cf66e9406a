/**
 * Reading a resident's or a household's skill steps for the skills screens. Steps are personal data
 * recorded only with consent for skills support (DESIGN §7); once consent is withdrawn their steps are
 * no longer used, so every summary here leaves them out rather than counting stale data.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Resident } from '../../../core/schemas';
import { type HouseholdSummary, summarizeHousehold } from '../../../core/skills/household-summary';
import type { AssistLike, VneidProgress } from '../../../core/skills/status';
import { mayRecordSkills } from '../../../core/skills/visit-steps';
import { toAssistLike } from '../../db/assist-repository';
import { type AssistRow, getDb, type ResidentRow } from '../../db/database';
import type { MessageKey } from '../../i18n/i18n';
import { communeYear } from '../../state/commune-clock';

export type ResidentAssist = ReturnType<typeof toAssistLike>;

/** Whether steps may be recorded (and used) for this resident: the same rule the repository enforces. */
export function canRecordSkills(resident: Pick<Resident, 'consent'>): boolean {
  return mayRecordSkills(resident);
}

/** "2026-11-25" → "25/11/2026", as people write dates in Vietnam. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** The VNeID level reached, in the words of the household list. */
export function vneidLevelKey(progress: VneidProgress): MessageKey {
  if (progress.level2) return 'skills.vneid.level2';
  if (progress.waitingLevel2) return 'skills.vneid.waitingLevel2';
  if (progress.reached === undefined) return 'skills.vneid.none';
  if (progress.reached === 'vneid_installed') return 'skills.vneid.installed';
  return 'skills.vneid.level1';
}

/** Newest first: by the day it happened, then by when it was recorded. */
export function newestFirst(a: AssistLike, b: AssistLike): number {
  if (a.on !== b.on) return a.on < b.on ? 1 : -1;
  return a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0;
}

/** A resident's live steps (deleted ones left out), ranked for the status derivation. */
export function useResidentAssists(residentId: string): ResidentAssist[] | undefined {
  return useLiveQuery(
    async () =>
      (await getDb().assists.where('residentId').equals(residentId).toArray())
        .filter((a) => !a.deletedAt)
        .map(toAssistLike),
    [residentId],
  );
}

export interface HouseholdSkills {
  /** Living residents, youngest last (the order of the household page). */
  residents: ResidentRow[];
  summary: HouseholdSummary;
}

function summarize(residents: ResidentRow[], assists: AssistRow[], year: number): HouseholdSummary {
  const usable = new Set(residents.filter(canRecordSkills).map((r) => r.id));
  return summarizeHousehold(
    residents,
    assists.filter((a) => usable.has(a.residentId)).map(toAssistLike),
    year,
  );
}

/**
 * A household's residents with who still lacks what. Live on both tables, so recording a step anywhere
 * (profile, visit, class) updates the household page at once.
 */
export function useHouseholdSkills(householdId: string): HouseholdSkills | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const [residents, assists] = await Promise.all([
      db.residents.where('householdId').equals(householdId).toArray(),
      db.assists.where('householdId').equals(householdId).toArray(),
    ]);
    const living = residents.filter((r) => !r.deletedAt).sort((a, b) => a.birthYear - b.birthYear);
    return { residents: living, summary: summarize(living, assists, communeYear()) };
  }, [householdId]);
}
