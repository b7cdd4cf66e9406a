/**
 * The data model of DESIGN §2 and its protection rules of §7, as zod schemas. These are the single
 * source of truth: forms, Dexie rows, the server's validation and its tables derive from them.
 *
 * Fields a user may leave empty are optional and absent (never empty strings); a change that clears
 * a field carries `null` for it on the wire (see sync-types.ts).
 */
import { z } from 'zod';
import { findAllForbiddenData, forbiddenDataMessage } from './forbidden-data';
import { SKILL_CODES } from './skills/catalogue';
import { hasForbiddenCharacters, normalizeLine, normalizeMultiline } from './text';
import { uuidSchema } from './uuid';
import type { ValidationMessage } from './validation';

export const MIN_BIRTH_YEAR = 1900;
/** Limits fit reality: a collective household (hộ tập thể) can hold hundreds of people. */
export const MAX_HOUSEHOLD_MEMBERS = 999;
/** A bound for the shape only; the real one is this year (date-rules.ts). */
export const MAX_BIRTH_YEAR = 2200;

const id = uuidSchema;
const isoTime = z.iso.datetime({ offset: true, error: 'err.invalid' });

/**
 * Whether text holds an ID-card number in any form (9 or 12 digits, any separators or digits; see
 * forbidden-data.ts). Kept for callers that ask about ID numbers alone.
 */
export function containsIdNumber(text: string): boolean {
  return findAllForbiddenData(text).some((f) => f.kind === 'id_number');
}

/**
 * The rules every stored free text keeps, on the phone and on the server: characters a database can
 * store (`err.invalidCharacters`, issue 14 kind 3), and no ID-card number, OTP or password in any
 * form (`err.idNumberInText`, `err.otpInText`, `err.passwordInText`; DESIGN §7, Luật 91/2025/QH15).
 * For `superRefine` after the text has been normalised and its length checked.
 */
export function refuseUnstorableText(text: string, ctx: z.RefinementCtx): void {
  if (hasForbiddenCharacters(text)) ctx.addIssue({ code: 'custom', message: 'err.invalidCharacters' });
  const forbidden = forbiddenDataMessage(text);
  if (forbidden) ctx.addIssue({ code: 'custom', message: forbidden });
}

/** Too long is refused before the text is read for forbidden data: a huge text costs no more. */
const tooLong = { message: 'err.tooLong', abort: true } as const;

/** Text a person types, stored in one form (text.ts) and never carrying forbidden data. */
function typedText(normalise: (text: string) => string, max: number) {
  return z.string().overwrite(normalise).max(max, tooLong).superRefine(refuseUnstorableText);
}

/** One line (a name, a lane): NFC, single spaces. */
function text(max: number) {
  return typedText(normalizeLine, max);
}

/** Notes: several lines, kept as lines. */
function freeText(max: number) {
  return typedText(normalizeMultiline, max);
}

function requiredText(max: number, required: ValidationMessage = 'err.required') {
  return z
    .string({ error: required })
    .overwrite(normalizeLine)
    .min(1, required)
    .max(max, tooLong)
    .superRefine(refuseUnstorableText);
}

/** Vietnamese mobile or landline number, 10–11 digits starting with 0; stored digits only. */
export const phoneSchema = z
  .string()
  .transform((s) => s.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^0\d{9,10}$/, 'err.phone'));

export const recordBase = z.object({
  id,
  villageId: id,
  createdAt: isoTime,
  updatedAt: isoTime,
  deletedAt: isoTime.optional(),
});

// ---------------------------------------------------------------- Village (thôn)

/** A village's lanes in a walking order: far more than any thôn has (tens), few enough to bound a push. */
export const MAX_LANES = 500;

export const officialCountsSchema = z
  .object({
    households: z.number().int('err.wholeNumber').min(0, 'err.notNegative').optional(),
    residents16Plus: z.number().int('err.wholeNumber').min(0, 'err.notNegative').optional(),
    adults18Plus: z.number().int('err.wholeNumber').min(0, 'err.notNegative').optional(),
    source: text(200).optional(),
    asOf: z.iso.date().optional(),
  })
  // Everyone 18 or older is also 16 or older: counts the other way round are a typing slip.
  .refine(
    (o) =>
      o.adults18Plus === undefined || o.residents16Plus === undefined || o.adults18Plus <= o.residents16Plus,
    { path: ['adults18Plus'], message: 'err.adultsAboveResidents' },
  );

export const villageFields = z.object({
  name: requiredText(100),
  code: requiredText(20),
  official: officialCountsSchema.optional(),
  /**
   * The order a team walks the village's lanes (issue 15, kind 3), as the lanes are spelled; lanes
   * match by their grouping key (text.ts), and lanes not named here follow in alphabetical order.
   * The one field of a village its own team (members, leads) may change: push.ts.
   */
  laneOrder: z.array(text(100)).max(MAX_LANES).optional(),
  /** Marks generated demo data so nobody mistakes it for a real register. */
  demo: z.boolean().optional(),
});
export const villageSchema = recordBase.extend(villageFields.shape);
export type Village = z.infer<typeof villageSchema>;

// ---------------------------------------------------------------- Household (hộ)

/** A calendar day "YYYY-MM-DD" (the commune's, Asia/Ho_Chi_Minh). */
const isoDay = z.iso.date({ error: 'err.invalid' });

/** Register status of a household (issue 18, DESIGN §2): absent means `active`. */
export const HOUSEHOLD_STATUSES = ['active', 'moved_out', 'merged'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const householdFieldsBase = z.object({
  /** The head of household's name, as the village knows the house. */
  label: requiredText(100),
  /** Lane or hamlet (ngõ, xóm): the list is sorted by it, as a team walks. */
  lane: text(100).optional(),
  address: text(200).optional(),
  /**
   * Where the house comes in its lane's walking order (issue 15, kind 3): lower first; houses
   * without one follow by address and name. Fractional, so moving one house rewrites one row.
   */
  walkOrder: z.number().optional(),
  membersCount: z
    // Left empty it is missing (say so), typed as "3 người" it is not a whole number.
    .number({ error: (issue) => (issue.input === undefined ? 'err.required' : 'err.wholeNumber') })
    .int('err.wholeNumber')
    .min(1, 'err.membersRange')
    // A collective household (hộ tập thể: a dormitory, a pagoda, a care home) can hold hundreds.
    .max(MAX_HOUSEHOLD_MEMBERS, 'err.membersRange'),
  phone: phoneSchema.optional(),
  poor: z.boolean(),
  /** Sensitive (Nghị định 356/2025): only with the household's consent, recorded by its time. */
  ethnicMinority: z.boolean().optional(),
  ethnicMinorityConsentAt: isoTime.optional(),
  notes: freeText(500).optional(),
  /**
   * Register status (issue 18): absent or `active` while the household lives here; `moved_out` or
   * `merged` (into `mergedInto`, the household its people joined) take it out of the commune's
   * household counts from `statusOn` on. Nothing is deleted by it.
   */
  status: z.enum(HOUSEHOLD_STATUSES, { error: 'err.invalid' }).optional(),
  /** The day the status was learned ("YYYY-MM-DD", in the commune's calendar). */
  statusOn: isoDay.optional(),
  mergedInto: id.optional(),
});

function checkHousehold(
  h: {
    ethnicMinority?: boolean | undefined;
    ethnicMinorityConsentAt?: string | undefined;
    status?: HouseholdStatus | undefined;
    statusOn?: string | undefined;
  },
  ctx: z.RefinementCtx,
) {
  if (h.ethnicMinority !== undefined && h.ethnicMinorityConsentAt === undefined)
    ctx.addIssue({ code: 'custom', message: 'err.ethnicNeedsConsent', path: ['ethnicMinority'] });
  if (h.status !== undefined && h.status !== 'active' && h.statusOn === undefined)
    ctx.addIssue({ code: 'custom', message: 'err.statusDayNeeded', path: ['statusOn'] });
}

export const householdFields = householdFieldsBase.superRefine(checkHousehold);
export const householdSchema = recordBase.extend(householdFieldsBase.shape).superRefine(checkHousehold);
export type HouseholdFields = z.infer<typeof householdFields>;
export type Household = z.infer<typeof householdSchema>;

// ---------------------------------------------------------------- Resident (người dân)

export const CONSENT_PURPOSES = ['skills_support', 'progress_report', 'phone_contact'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const consentSchema = z.object({
  purposes: z.array(z.enum(CONSENT_PURPOSES)).min(1, 'err.consentPurpose'),
  /** Display name of the team member who asked. */
  collectedBy: requiredText(100, 'err.consentCollector'),
  collectedAt: isoTime,
  withdrawnAt: isoTime.optional(),
});
export type Consent = z.infer<typeof consentSchema>;

export const RESIDENT_GROUPS = [
  'disability',
  'civil_servant',
  'student',
  'enterprise_worker',
  'trader',
] as const;
export type ResidentGroup = (typeof RESIDENT_GROUPS)[number];
export const SEXES = ['female', 'male', 'other'] as const;
/** Register status of a person (issue 18): absent means `present`. */
export const RESIDENT_STATUSES = ['present', 'away', 'moved_out', 'deceased'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

/** Fields kept only while the resident's consent stands; without it just a label and birth year. */
export const CONSENT_ONLY_FIELDS = ['sex', 'hasChipId', 'hasSmartphone', 'simOwnName', 'phone'] as const;

export const residentFieldsBase = z.object({
  householdId: id,
  /** Full name with consent; otherwise a label such as "Bà cụ nhà ông Tâm". */
  name: requiredText(100),
  birthYear: z
    .number({ error: 'err.birthYear' })
    .int('err.birthYear')
    .min(MIN_BIRTH_YEAR, 'err.birthYear')
    // Not after this year: judged against the commune's calendar and a corrected clock by
    // date-rules.ts, never the host's (a server in UTC must take a baby born on 1 January in Vietnam).
    .max(MAX_BIRTH_YEAR, 'err.birthYear'),
  sex: z.enum(SEXES).optional(),
  groups: z.array(z.enum(RESIDENT_GROUPS)),
  /** Whether the person holds a chip ID card: never its number. */
  hasChipId: z.boolean().optional(),
  hasSmartphone: z.boolean().optional(),
  simOwnName: z.boolean().optional(),
  phone: phoneSchema.optional(),
  consent: consentSchema.optional(),
  /**
   * Register status (issue 18, DESIGN §2): absent means `present`. `away` (tạm vắng: working or
   * studying elsewhere) still counts as a resident of the village; `moved_out` (chuyển đi) and
   * `deceased` (đã mất) leave every denominator from `statusOn` on. Not consent-bound: it is the
   * register's, like the birth year. Nothing is deleted by it.
   */
  status: z.enum(RESIDENT_STATUSES, { error: 'err.invalid' }).optional(),
  /** The day the status was learned ("YYYY-MM-DD", in the commune's calendar). */
  statusOn: isoDay.optional(),
});

type ResidentLike = z.infer<typeof residentFieldsBase>;

export function hasActiveConsent(r: { consent?: Consent | undefined }): boolean {
  return r.consent !== undefined && r.consent.withdrawnAt === undefined;
}

function checkResident(r: ResidentLike, ctx: z.RefinementCtx) {
  if (r.status !== undefined && r.status !== 'present' && r.statusOn === undefined)
    ctx.addIssue({ code: 'custom', message: 'err.statusDayNeeded', path: ['statusOn'] });
  if (!hasActiveConsent(r)) {
    for (const field of CONSENT_ONLY_FIELDS) {
      if (r[field] !== undefined)
        ctx.addIssue({ code: 'custom', message: 'err.needsConsent', path: [field] });
    }
    if (r.groups.length > 0) ctx.addIssue({ code: 'custom', message: 'err.needsConsent', path: ['groups'] });
  } else if (r.phone !== undefined && !r.consent?.purposes.includes('phone_contact')) {
    ctx.addIssue({ code: 'custom', message: 'err.phoneNeedsPurpose', path: ['phone'] });
  }
}

export const residentFields = residentFieldsBase.superRefine(checkResident);
export const residentSchema = recordBase.extend(residentFieldsBase.shape).superRefine(checkResident);
export type ResidentFields = z.infer<typeof residentFields>;
export type Resident = z.infer<typeof residentSchema>;

/** Derived, never stored: DESIGN §2 treats the elderly as a group from age. */
export const ELDERLY_AGE = 60;
export function ageInYear(birthYear: number, year: number): number {
  return year - birthYear;
}
export function isElderly(birthYear: number, year: number): boolean {
  return ageInYear(birthYear, year) >= ELDERLY_AGE;
}

// ---------------------------------------------------------------- Visit (lượt đến hộ)

export const VISIT_OUTCOMES = ['met', 'nobody_home', 'refused', 'come_back'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

const isoDate = isoDay;
const skillCode = z.enum(SKILL_CODES, { error: 'err.invalid' });
/** Display names of team members, as on consent records: who was there, not an account id. */
/** A team member's display name, as visits and skill steps record who was there. */
export const memberNameSchema = requiredText(100);
// A whole team (4–9 members, 793/BTTTT-THH) with the village head and police officer fits.
const memberNames = z.array(memberNameSchema).min(1, 'err.required').max(20, 'err.tooMany');

export const visitFieldsBase = z.object({
  householdId: id,
  visitedAt: isoTime,
  members: memberNames,
  outcome: z.enum(VISIT_OUTCOMES, { error: 'err.required' }),
  /** When to come back; required for `come_back`, allowed after any outcome. */
  followUpOn: isoDate.optional(),
  /** Everyone helped at one visit: as many as a household can hold (issue 13, kind 8). */
  residentIds: z.array(id).max(MAX_HOUSEHOLD_MEMBERS, 'err.tooMany'),
  /** What was done, as catalogue codes (the detail per resident is in assists). */
  topics: z.array(skillCode).max(SKILL_CODES.length, 'err.tooMany'),
  notes: freeText(500).optional(),
});

function checkVisit(v: { outcome: VisitOutcome; followUpOn?: string | undefined }) {
  return v.outcome !== 'come_back' || v.followUpOn !== undefined;
}
const followUpRule = { message: 'err.followUpNeeded', path: ['followUpOn'] };

export const visitFields = visitFieldsBase.refine(checkVisit, followUpRule);
export const visitSchema = recordBase.extend(visitFieldsBase.shape).refine(checkVisit, followUpRule);
export type VisitFields = z.infer<typeof visitFields>;
export type Visit = z.infer<typeof visitSchema>;

// ---------------------------------------------------------------- Assist (hỗ trợ, skill step)

export const ASSIST_STATUSES = ['done', 'in_progress', 'referred', 'failed'] as const;
export type AssistStatus = (typeof ASSIST_STATUSES)[number];
/** How the step is known: seen by the helper, or told by the resident. */
export const HOW_KNOWN = ['observed', 'self_reported'] as const;
export type HowKnown = (typeof HOW_KNOWN)[number];

export const assistFieldsBase = z.object({
  residentId: id,
  /** The resident's household, so a household's summary reads its assists by index. */
  householdId: id,
  kind: skillCode,
  status: z.enum(ASSIST_STATUSES, { error: 'err.required' }),
  failReason: text(200).optional(),
  howKnown: z.enum(HOW_KNOWN, { error: 'err.required' }),
  /** The day it happened (a date, not a time: "today", "at last week's class"). */
  on: isoDate,
  by: requiredText(100),
  visitId: id.optional(),
  classId: id.optional(),
});

function checkAssist(a: { status: AssistStatus; failReason?: string | undefined }) {
  return a.status !== 'failed' || (a.failReason !== undefined && a.failReason.length > 0);
}
const failReasonRule = { message: 'err.failReasonNeeded', path: ['failReason'] };

export const assistFields = assistFieldsBase.refine(checkAssist, failReasonRule);
export const assistSchema = recordBase.extend(assistFieldsBase.shape).refine(checkAssist, failReasonRule);
export type AssistFields = z.infer<typeof assistFields>;
export type Assist = z.infer<typeof assistSchema>;

// ---------------------------------------------------------------- Class session (buổi học)

export const AUDIENCES = ['community', 'elderly', 'disability', 'traders_4t', 'civil_servants'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const classFields = z.object({
  date: isoDate,
  /** Local start time "HH:mm", optional. */
  startTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'err.invalid')
    .optional(),
  topic: skillCode,
  audience: z.enum(AUDIENCES, { error: 'err.required' }),
  venue: requiredText(100),
  trainer: requiredText(100),
  /** People who came but are not (yet) in the register: counted, not named. */
  walkIns: z
    .number({ error: 'err.wholeNumber' })
    .int('err.wholeNumber')
    .min(0, 'err.wholeNumber')
    .max(1000, 'err.tooMany'),
  notes: freeText(500).optional(),
});
export const classSchema = recordBase.extend(classFields.shape);
export type ClassFields = z.infer<typeof classFields>;
export type ClassSession = z.infer<typeof classSchema>;

// ---------------------------------------------------------------- Attendance

/** One resident at one class. Its id is derived from both (see attendanceId), so two phones ticking
 * the same person write the same row instead of counting them twice. */
export const attendanceFields = z.object({ classId: id, residentId: id });
export const attendanceSchema = recordBase.extend(attendanceFields.shape);
export type Attendance = z.infer<typeof attendanceSchema>;

// ---------------------------------------------------------------- Target (chỉ tiêu)

/**
 * The indicators of the plan's section III that carry a target (DESIGN §5): `dd` is the plan's "đ"
 * (workers in enterprises and cooperatives), spelled in ASCII because it is stored and synced.
 */
export const TARGET_CODES = ['a', 'b', 'c', 'd', 'dd', 'id'] as const;
export type TargetCode = (typeof TARGET_CODES)[number];
export const MIN_TARGET_YEAR = 2020;
export const MAX_TARGET_YEAR = 2100;

/**
 * A commune-wide target for one year and indicator (issue 18). Its row lives in the commune's own
 * scope (COMMUNE_VILLAGE_ID, scope.ts): every team reads it, only commune officers write it. Its id is
 * derived from year and code (targetId), so two officers setting one target edit one row.
 */
export const targetFields = z.object({
  year: z
    .number({ error: 'err.invalid' })
    .int('err.invalid')
    .min(MIN_TARGET_YEAR, 'err.invalid')
    .max(MAX_TARGET_YEAR, 'err.invalid'),
  code: z.enum(TARGET_CODES, { error: 'err.invalid' }),
  /** The share to reach, in percent of the indicator's denominator (0–100). */
  percent: z.number({ error: 'err.percent' }).min(0, 'err.percent').max(100, 'err.percent'),
  /** The plan's "trên 80%": strictly more than `percent` (d). Absent: at least `percent`. */
  above: z.boolean().optional(),
});
export const targetSchema = recordBase.extend(targetFields.shape);
export type TargetFields = z.infer<typeof targetFields>;
export type Target = z.infer<typeof targetSchema>;

// ---------------------------------------------------------------- Quarterly reporting (issue 19)

/**
 * A quarter as stored on reporting rows: "2025-Q4". The years targets may have (2020–2100), so a
 * period always has bounds (indicators/period.ts parsePeriodKey reads it).
 */
export const quarterKeySchema = z
  .string({ error: 'err.invalid' })
  .regex(/^\d{4}-Q[1-4]$/, 'err.invalid')
  .refine((key) => {
    const year = Number(key.slice(0, 4));
    return year >= MIN_TARGET_YEAR && year <= MAX_TARGET_YEAR;
  }, 'err.invalid');

/** Who reports each quarter (plan VI.8; DESIGN §2): agencies, schools, enterprises, cooperatives… */
export const UNIT_KINDS = ['agency', 'school', 'enterprise', 'cooperative', 'mass_org', 'village'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The plan's section III indicators a unit's figures feed: a (civil servants), b (students), đ (workers). */
export const UNIT_TARGET_CODES = ['a', 'b', 'dd'] as const;
export type UnitTargetCode = (typeof UNIT_TARGET_CODES)[number];

/**
 * A reporting unit (issue 19). A commune row (COMMUNE_VILLAGE_ID): every account reads the list, only
 * commune officers write it. The unit's own rows (its figures, activities and reports) live under the
 * unit's id as their scope, so a unit account (role `unit`) sees its own unit and nothing else.
 */
export const reportingUnitFields = z.object({
  name: requiredText(200),
  kind: z.enum(UNIT_KINDS, { error: 'err.required' }),
  /** The indicators its figures feed; a village-kind unit may feed none (its figures are the register's). */
  codes: z
    .array(z.enum(UNIT_TARGET_CODES, { error: 'err.invalid' }))
    .max(UNIT_TARGET_CODES.length, 'err.tooMany'),
  /** For kind `village`: the thôn it is. */
  linkedVillageId: id.optional(),
  notes: freeText(500).optional(),
});
export const reportingUnitSchema = recordBase.extend(reportingUnitFields.shape);
export type ReportingUnitFields = z.infer<typeof reportingUnitFields>;
export type ReportingUnit = z.infer<typeof reportingUnitSchema>;

/** A head count: a whole number of people, bounded far above any commune's units. */
const headCount = z
  .number({ error: 'err.wholeNumber' })
  .int('err.wholeNumber')
  .min(0, 'err.notNegative')
  .max(1_000_000, 'err.tooMany');

/**
 * The counts a unit reports, in pairs: people in scope and those meeting the standard (plan III.a, b,
 * đ). Students by level, because the plan's b counts secondary students in 2025 and every student from
 * primary school on in 2026 (plan III.1.b, III.2.b).
 */
export const UNIT_COUNT_PAIRS = [
  ['staff', 'staffMeeting'],
  ['primary', 'primaryMeeting'],
  ['lowerSecondary', 'lowerSecondaryMeeting'],
  ['upperSecondary', 'upperSecondaryMeeting'],
  ['workers', 'workersMeeting'],
] as const;
export type UnitCountField = (typeof UNIT_COUNT_PAIRS)[number][number];

/**
 * One unit's figures for one quarter (issue 19), as of the quarter's end; trainings and participants
 * are the quarter's own. Stored under the unit's id as scope; its id is derived from unit and quarter
 * (unitFiguresId), so the unit's account and an officer entering on its behalf edit one row, field by
 * field. A field left empty was not reported: never read as 0.
 */
export const unitFiguresFields = z.object({
  unitId: id,
  period: quarterKeySchema,
  staff: headCount.optional(),
  staffMeeting: headCount.optional(),
  primary: headCount.optional(),
  primaryMeeting: headCount.optional(),
  lowerSecondary: headCount.optional(),
  lowerSecondaryMeeting: headCount.optional(),
  upperSecondary: headCount.optional(),
  upperSecondaryMeeting: headCount.optional(),
  workers: headCount.optional(),
  workersMeeting: headCount.optional(),
  trainings: headCount.optional(),
  participants: headCount.optional(),
  results: freeText(2000).optional(),
  difficulties: freeText(2000).optional(),
  /** Who last entered figures (display name) and when: the unit's account or an officer on its behalf. */
  enteredBy: memberNameSchema.optional(),
  enteredAt: isoTime.optional(),
});
export const unitFiguresSchema = recordBase.extend(unitFiguresFields.shape);

/** The fields of a unit's quarter a person types (the rest is identity and who entered it). */
export const UNIT_FIGURE_INPUTS = [
  ...UNIT_COUNT_PAIRS.flat(),
  'trainings',
  'participants',
  'results',
  'difficulties',
] as const satisfies ReadonlyArray<keyof z.infer<typeof unitFiguresFields>>;
export type UnitFiguresFields = z.infer<typeof unitFiguresFields>;
export type UnitFigures = z.infer<typeof unitFiguresSchema>;

/** The "meeting the standard" count of a pair never exceeds its headcount (for forms and whole rows). */
export function unitPairIssues(f: Partial<Record<UnitCountField, number | undefined>>): UnitCountField[] {
  const out: UnitCountField[] = [];
  for (const [total, meeting] of UNIT_COUNT_PAIRS) {
    const t = f[total];
    const m = f[meeting];
    if (m !== undefined && (t === undefined || m > t)) out.push(meeting);
  }
  return out;
}

/**
 * Communication and movement events (appendix tasks 1–3, 17, 18). `other` feeds no task.
 */
export const ACTIVITY_KINDS = [
  'loudspeaker',
  'news_post',
  'social_media',
  'community_meeting',
  'conference',
  'digital_day',
  'dai_su_so',
  'gia_dinh_so',
  'cho_so_4t',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * One activity (issue 19), in a village's scope, a unit's, or the commune office's (COMMUNE_OFFICE_ID).
 */
export const activityFields = z.object({
  date: isoDay,
  kind: z.enum(ACTIVITY_KINDS, { error: 'err.required' }),
  title: text(200).optional(),
  /** People reached, or listeners of a broadcast, as counted or estimated by whoever held it. */
  reach: headCount.optional(),
  notes: freeText(500).optional(),
  recordedBy: memberNameSchema.optional(),
});
export const activitySchema = recordBase.extend(activityFields.shape);
export type ActivityFields = z.infer<typeof activityFields>;
export type Activity = z.infer<typeof activitySchema>;

export const REPORT_LEVELS = ['village', 'unit', 'commune'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];
export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The appendix's 20 tasks, each with an editable result text (`task1` … `task20`). */
export const REPORT_TASK_COUNT = 20;
export const REPORT_TASK_FIELDS = Array.from(
  { length: REPORT_TASK_COUNT },
  (_, i) => `task${i + 1}` as `task${number}`,
);

/** Ids, instants, days and quarters inside a snapshot: structure, not typed text (a UUID's zeros read as an ID number). */
const STRUCTURAL_TEXT =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?|\d{4}-Q[1-4])$/i;

/** Every typed string inside a JSON value (object values and array items, at any depth). */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    if (!STRUCTURAL_TEXT.test(value)) yield value;
  } else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) yield* stringsIn(item);
}

/** A frozen report is bounded: a commune's 13 villages and dozens of units fit many times over. */
export const MAX_SNAPSHOT_CHARS = 400_000;

const taskText = freeText(2000).optional();
const taskTexts = Object.fromEntries(REPORT_TASK_FIELDS.map((f) => [f, taskText])) as Record<
  `task${number}`,
  typeof taskText
>;

/**
 * A quarterly report (issue 19; plan VI.8), of a village, a unit or the commune (under
 * COMMUNE_OFFICE_ID). Its id is derived from its scope, quarter and version (reportId): two officers
 * opening the same draft edit one row and their texts merge by field. Submitting sets `status`,
 * `submittedAt`, `submittedBy` and the frozen `snapshot` (the composed figures, core/report); from then
 * on the server refuses any change to the row (`report_submitted`), and a correction is version + 1.
 */
export const reportFields = z.object({
  level: z.enum(REPORT_LEVELS, { error: 'err.invalid' }),
  period: quarterKeySchema,
  version: z.number({ error: 'err.invalid' }).int('err.invalid').min(1, 'err.invalid').max(99, 'err.invalid'),
  /** Absent on a draft: only the submission writes it (core/report/submission.ts). */
  status: z.enum(REPORT_STATUSES, { error: 'err.invalid' }).optional(),
  submittedAt: isoTime.optional(),
  submittedBy: memberNameSchema.optional(),
  snapshot: z
    .record(z.string(), z.unknown())
    .refine((s) => JSON.stringify(s).length <= MAX_SNAPSHOT_CHARS, { message: 'err.tooLong', abort: true })
    .superRefine((s, ctx) => {
      // The frozen texts were checked as typed, but a snapshot is pushed whole: every text in it keeps
      // the rules of any stored text (DESIGN §7).
      for (const text of stringsIn(s)) refuseUnstorableText(text, ctx);
    })
    .optional(),
  ...taskTexts,
  difficulties: freeText(4000).optional(),
  proposals: freeText(4000).optional(),
  /** The document's header and signature (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
  issuingBody: text(200).optional(),
  superiorBody: text(200).optional(),
  docNumber: text(50).optional(),
  place: text(100).optional(),
  signerTitle: text(100).optional(),
  signerName: text(100).optional(),
  recipients: freeText(1000).optional(),
});
export const reportSchema = recordBase.extend(reportFields.shape);
export type ReportFields = z.infer<typeof reportFields>;
export type Report = z.infer<typeof reportSchema>;
