/**
 * Per household: which residents still lack what (DESIGN §5's counted skills), and whether the
 * household has someone for each of the five basics (every household should have one fluent person).
 */
import { ageInYear } from '../schemas';
import { BASIC_FIVE, type SkillCode } from './catalogue';
import {
  type AssistLike,
  currentStatus,
  hasBasicSkills,
  missingSkills,
  type VneidProgress,
  vneidProgress,
} from './status';

/** The age from which the commune counts a person (100% of people 16+ with a digital identity). */
export const COUNTED_AGE = 16;

export interface SummaryResident {
  id: string;
  name: string;
  birthYear: number;
  deletedAt?: string | undefined;
}

export interface ResidentSummary {
  resident: SummaryResident;
  age: number;
  /** Under COUNTED_AGE: shown, but nothing is "missing" yet. */
  counted: boolean;
  vneid: VneidProgress;
  basicSkills: boolean;
  missing: SkillCode[];
}

export interface HouseholdSummary {
  residents: ResidentSummary[];
  /** Counted residents still lacking something. */
  lacking: number;
  /** For each of the five basics, whether someone in the household can do it. */
  basicFiveCovered: Record<(typeof BASIC_FIVE)[number], boolean>;
}

export function summarizeHousehold(
  residents: readonly SummaryResident[],
  assists: readonly (AssistLike & { residentId: string })[],
  year: number,
): HouseholdSummary {
  const byResident = new Map<string, AssistLike[]>();
  for (const a of assists) {
    const list = byResident.get(a.residentId);
    if (list) list.push(a);
    else byResident.set(a.residentId, [a]);
  }
  const out: ResidentSummary[] = [];
  const covered = Object.fromEntries(
    BASIC_FIVE.map((k) => [k, false]),
  ) as HouseholdSummary['basicFiveCovered'];
  for (const resident of residents) {
    if (resident.deletedAt) continue;
    const status = currentStatus(byResident.get(resident.id) ?? []);
    const age = ageInYear(resident.birthYear, year);
    const counted = age >= COUNTED_AGE;
    for (const kind of BASIC_FIVE) if (status.get(kind)?.status === 'done') covered[kind] = true;
    out.push({
      resident,
      age,
      counted,
      vneid: vneidProgress(status),
      basicSkills: hasBasicSkills(status),
      missing: counted ? missingSkills(status) : [],
    });
  }
  return {
    residents: out,
    lacking: out.filter((r) => r.missing.length > 0).length,
    basicFiveCovered: covered,
  };
}
