/**
 * The skill catalogue of DESIGN §2 as versioned data. Codes are stable (they are stored in assists,
 * classes and reports, and synced); labels, hints and warnings are translated through the app's
 * dictionaries under `skill.<code>`, so adding an item is a data change here plus its words there.
 * A new catalogue version may add items or reorder them, never rename or remove a code.
 */
export const CATALOGUE_VERSION = 1;

export const SKILL_GROUPS = ['vneid', 'basic', 'other'] as const;
export type SkillGroup = (typeof SKILL_GROUPS)[number];

/** The VNeID journey, in the order a resident goes through it (task 19 of the plan; DOMAIN "VNeID"). */
export const VNEID_STEPS = [
  'vneid_installed',
  'vneid_level1',
  'vneid_level2_referred',
  'vneid_level2_active',
  'vneid_skills_confirmed',
] as const;

/** The five basic skills every household should have one person fluent in (3240/BTTTT-CĐSQG). */
export const BASIC_FIVE = [
  'public_services_online',
  'online_shopping',
  'cashless_payment',
  'online_safety',
  'local_platforms',
] as const;

export const OTHER_SKILLS = ['device_basics', 'digital_bank_account', 'e_health', 'ai_basics'] as const;

export const SKILL_CODES = [...VNEID_STEPS, ...BASIC_FIVE, ...OTHER_SKILLS] as const;
export type SkillCode = (typeof SKILL_CODES)[number];
export type VneidStep = (typeof VNEID_STEPS)[number];

/** "Has basic digital skills" (DESIGN §2): device basics and the five basics all done. */
export const BASIC_SKILLS_SET: readonly SkillCode[] = ['device_basics', ...BASIC_FIVE];

export interface SkillItem {
  code: SkillCode;
  group: SkillGroup;
  /** Warnings shown where the step is recorded (message keys under `skill.warn.*`). */
  warnings: readonly SkillWarning[];
}

export type SkillWarning = 'official_store_only' | 'police_never_call' | 'never_record_secrets';

const WARNINGS: Partial<Record<SkillCode, readonly SkillWarning[]>> = {
  vneid_installed: ['official_store_only'],
  vneid_level1: ['never_record_secrets', 'police_never_call'],
  vneid_level2_referred: ['police_never_call'],
  vneid_level2_active: ['never_record_secrets', 'police_never_call'],
  digital_bank_account: ['never_record_secrets', 'official_store_only'],
  online_safety: ['police_never_call'],
};

function groupOf(code: SkillCode): SkillGroup {
  if ((VNEID_STEPS as readonly string[]).includes(code)) return 'vneid';
  if ((BASIC_FIVE as readonly string[]).includes(code)) return 'basic';
  return 'other';
}

/** The catalogue in display order: VNeID journey, device basics, the five basics, then the rest. */
export const CATALOGUE: readonly SkillItem[] = (
  [...VNEID_STEPS, 'device_basics', ...BASIC_FIVE, 'digital_bank_account', 'e_health', 'ai_basics'] as const
).map((code) => ({ code, group: groupOf(code), warnings: WARNINGS[code] ?? [] }));

export function isSkillCode(value: string): value is SkillCode {
  return (SKILL_CODES as readonly string[]).includes(value);
}
