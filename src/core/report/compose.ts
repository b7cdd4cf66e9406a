/**
 * The quarterly report (issue 19; plan VI.8 "Cơ chế thông tin, báo cáo", section III, appendix) from
 * what the app holds: the register's figures (core/indicators, the dashboard's rules), the reporting
 * units' figures, the activity log and the report row's own texts. Pure and deterministic: the same
 * input gives the same report on the officer's PC, on a lead's phone and in the tests.
 *
 * Rules (beyond the dashboard's, compute.ts):
 * - The figures are as of the quarter's last day, or of `referenceDay` when the quarter is not over.
 * - c, d, id come from the register of the villages in scope. a, b and đ come from the units' figures
 *   for the quarter (plan III.a, b, đ: they are measured by agencies, schools and enterprises); the
 *   register's resident groups (civil servant, student, enterprise worker) are shown beside them as
 *   `register`, labelled as such. A village report has no units: its a, b, đ are the register's.
 * - b counts secondary students (lower and upper) up to 2025 and every student from primary school on
 *   from 2026 (plan III.1.b "học sinh trung học", III.2.b "học sinh từ cấp tiểu học").
 * - A unit that feeds an indicator but has no figures for it in the quarter is listed as missing; an
 *   indicator nobody has reported is `missing` (count, share and gap null), never 0%.
 * - A unit's head counts are as of the quarter's end (the latest quarter's figures, never summed);
 *   trainings and participants are the quarter's own, and cumulative is the year's quarters so far.
 * - Activities count in the quarter by their day; the commune's are every scope's (villages, units,
 *   the office), a village's its own, a unit's its own.
 */

import { computeCommune, computeFigures } from '../indicators/compute';
import { dayOfInstant, periodBounds } from '../indicators/period';
import { gapPeople, targetsForYear } from '../indicators/targets';
import type { Figures, IndicatorRows, Period } from '../indicators/types';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  AUDIENCES,
  type Audience,
  type ReportLevel,
  type ReportStatus,
  TARGET_CODES,
  type TargetCode,
  UNIT_FIGURE_INPUTS,
  type UnitKind,
  type UnitTargetCode,
} from '../schemas';
import { APPENDIX_TASKS } from './tasks';
import type {
  ActivityLine,
  ClassLine,
  DocumentInfo,
  FigureLine,
  IndicatorLine,
  QuarterReport,
  TaskLine,
  UnitLine,
  VillagePart,
} from './types';
import { percentOf as share, unitContribution } from './unit-counts';

export interface UnitLike {
  id: string;
  name: string;
  kind: UnitKind;
  codes: readonly UnitTargetCode[];
  deletedAt?: string | undefined;
}

export type UnitFiguresLike = {
  unitId: string;
  period: string;
  deletedAt?: string | undefined;
} & NonNullable<UnitLine['figures']>;

export interface ActivityLike {
  villageId: string;
  date: string;
  kind: ActivityKind;
  reach?: number | undefined;
  deletedAt?: string | undefined;
}

export interface ReportLike {
  villageId: string;
  period: string;
  status?: ReportStatus | undefined;
  deletedAt?: string | undefined;
}

/** The report row's own texts (tasks' results, difficulties, proposals, the document's header). */
export type ReportTexts = Partial<Record<`task${number}`, string | undefined>> & {
  difficulties?: string | undefined;
  proposals?: string | undefined;
  issuingBody?: string | undefined;
  superiorBody?: string | undefined;
  docNumber?: string | undefined;
  place?: string | undefined;
  signerTitle?: string | undefined;
  signerName?: string | undefined;
  recipients?: string | undefined;
};

export interface ReportInput {
  level: ReportLevel;
  /** The village id, the unit id, or COMMUNE_OFFICE_ID. */
  scopeId: string;
  scopeName: string;
  /** "2025-Q4". */
  period: string;
  /** Today in Vietnam (YYYY-MM-DD): figures are as of min(today, the quarter's last day). */
  today: string;
  composedAt: string;
  /** The register of the villages in scope (commune: every village; unit: none needed). */
  rows: IndicatorRows;
  /** Commune: every unit; unit: its own; village: none. */
  units: readonly UnitLike[];
  /** Any quarters' figures: the report picks its own quarter and the year's earlier ones. */
  unitFigures: readonly UnitFiguresLike[];
  activities: readonly ActivityLike[];
  /** Other reports, for which villages and units have submitted this quarter. */
  reports: readonly ReportLike[];
  texts: ReportTexts;
  status: ReportStatus;
  version: number;
  submittedAt?: string | undefined;
  submittedBy?: string | undefined;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** "2025-Q4" → the quarter; throws RangeError for anything else (callers pass stored, valid keys). */
export function quarterOf(period: string): Extract<Period, { kind: 'quarter' }> {
  const match = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!match) throw new RangeError(`Not a quarter: ${period}`);
  return { kind: 'quarter', year: Number(match[1]), quarter: Number(match[2]) as 1 | 2 | 3 | 4 };
}

/** "Quý IV/2025". */
export function quarterLabel(period: string): string {
  const q = quarterOf(period);
  return `Quý ${ROMAN[q.quarter - 1]}/${q.year}`;
}

type Figs = NonNullable<UnitLine['figures']>;

const UNIT_CODES: readonly UnitTargetCode[] = ['a', 'b', 'dd'];
const isUnitCode = (code: TargetCode): code is UnitTargetCode =>
  (UNIT_CODES as readonly string[]).includes(code);

function registerLine(figures: Figures, code: TargetCode, year: number, rows: IndicatorRows): IndicatorLine {
  const f = figures.targets[code];
  const denominator =
    f.basis === 'official' && f.denominator.official ? f.denominator.official.count : f.denominator.register;
  const target = targetsForYear(rows.targets, year)[code];
  return {
    code,
    target: { percent: target.percent, above: target.above },
    count: f.count,
    denominator,
    denominatorSource: f.basis,
    percent: share(f.count, denominator),
    gap: gapPeople(f.count, denominator, target),
    met: denominator > 0 ? gapPeople(f.count, denominator, target) === 0 : null,
    missingUnits: [],
  };
}

function unitIndicator(
  code: UnitTargetCode,
  year: number,
  units: readonly UnitLike[],
  figuresOf: ReadonlyMap<string, Figs>,
  rows: IndicatorRows,
  register: Figures | undefined,
): IndicatorLine {
  const target = targetsForYear(rows.targets, year)[code];
  let count = 0;
  let denominator = 0;
  let reported = 0;
  const missingUnits: string[] = [];
  for (const unit of units) {
    if (!unit.codes.includes(code)) continue;
    const part = unitContribution(code, figuresOf.get(unit.id), year);
    if (!part) {
      missingUnits.push(unit.name);
      continue;
    }
    reported++;
    count += part.count;
    denominator += part.denominator;
  }
  const registerPart = register
    ? (() => {
        const f = register.targets[code];
        return {
          count: f.count,
          denominator: f.denominator.register,
          percent: share(f.count, f.denominator.register),
        };
      })()
    : undefined;
  const line: IndicatorLine =
    reported === 0
      ? {
          code,
          target: { percent: target.percent, above: target.above },
          count: null,
          denominator: null,
          denominatorSource: 'missing',
          percent: null,
          gap: null,
          met: null,
          missingUnits,
        }
      : {
          code,
          target: { percent: target.percent, above: target.above },
          count,
          denominator,
          denominatorSource: 'units',
          percent: share(count, denominator),
          gap: gapPeople(count, denominator, target),
          met: denominator > 0 ? gapPeople(count, denominator, target) === 0 : null,
          missingUnits,
        };
  return registerPart ? { ...line, register: registerPart } : line;
}

/** The plan's order a, b, c, d, đ, then id. */
const LINE_ORDER: readonly TargetCode[] = TARGET_CODES;

function figureLines(
  quarter: Figures | undefined,
  units: readonly UnitLine[],
  unitYear: Map<string, Figs[]>,
): FigureLine[] {
  const lines: FigureLine[] = [];
  if (quarter) {
    const f = quarter;
    const level2 = f.funnel.reached.vneid_level2_active;
    const confirmed = f.funnel.reached.vneid_skills_confirmed;
    lines.push(
      {
        key: 'register.present',
        label: 'Người dân trong sổ (đang ở và tạm vắng)',
        quarter: null,
        cumulative: f.register.present + f.register.away,
      },
      { key: 'households.total', label: 'Hộ trong sổ', quarter: null, cumulative: f.households.total },
      {
        key: 'households.visited',
        label: 'Hộ đã được đến tận nhà',
        quarter: f.households.visitedInPeriod,
        cumulative: f.households.visitedEver,
      },
      {
        key: 'households.neverVisited',
        label: 'Hộ chưa được đến',
        quarter: null,
        cumulative: f.households.neverVisited,
      },
      { key: 'visits', label: 'Lượt đến hộ', quarter: f.households.visits, cumulative: null },
      {
        key: 'assists.residentsHelped',
        label: 'Người được hướng dẫn',
        quarter: f.assists.period.residentsHelped,
        cumulative: f.assists.cumulative.residentsHelped,
      },
      {
        key: 'assists.assists',
        label: 'Lượt hướng dẫn kỹ năng',
        quarter: f.assists.period.assists,
        cumulative: f.assists.cumulative.assists,
      },
      {
        key: 'funnel.level2',
        label: 'Người 16+ đã kích hoạt VNeID mức 2',
        quarter: null,
        cumulative: level2,
      },
      {
        key: 'funnel.confirmed',
        label: 'Người được xác nhận phổ cập kỹ năng số trên VNeID',
        quarter: null,
        cumulative: confirmed,
      },
      {
        key: 'households.fluentAllFive',
        label: 'Hộ có người thành thạo đủ 5 kỹ năng cơ bản',
        quarter: null,
        cumulative: f.households.fluentAllFive,
      },
      {
        key: 'classes.held',
        label: 'Buổi học cộng đồng',
        quarter: f.classes.period.held,
        cumulative: f.classes.cumulative.held,
      },
      {
        key: 'classes.attendances',
        label: 'Lượt người dự học',
        quarter: f.classes.period.attendances + f.classes.period.walkIns,
        cumulative: f.classes.cumulative.attendances + f.classes.cumulative.walkIns,
      },
      {
        key: 'priority.elderlyNotReached',
        label: 'Người cao tuổi chưa được tiếp cận',
        quarter: null,
        cumulative: f.priority.notReached.elderly,
      },
      {
        key: 'priority.disabilityNotReached',
        label: 'Người khuyết tật chưa được tiếp cận',
        quarter: null,
        cumulative: f.priority.notReached.disability,
      },
      {
        key: 'priority.poorNotReached',
        label: 'Hộ nghèo chưa được tiếp cận',
        quarter: null,
        cumulative: f.priority.notReached.poor,
      },
    );
  }
  const reporting = units.filter((u) => u.figures);
  if (units.length > 0) {
    const sum = (pick: (f: Figs) => number | undefined, list: Array<Figs | null>) =>
      list.reduce((total, f) => total + ((f && pick(f)) ?? 0), 0);
    lines.push(
      {
        key: 'units.reported',
        label: 'Đơn vị đã báo cáo số liệu',
        quarter: reporting.length,
        cumulative: null,
      },
      {
        key: 'units.trainings',
        label: 'Lớp tập huấn, bồi dưỡng của các đơn vị',
        quarter: sum(
          (f) => f.trainings,
          units.map((u) => u.figures),
        ),
        cumulative: sum((f) => f.trainings, [...unitYear.values()].flat()),
      },
      {
        key: 'units.participants',
        label: 'Lượt người tham gia tập huấn của các đơn vị',
        quarter: sum(
          (f) => f.participants,
          units.map((u) => u.figures),
        ),
        cumulative: sum((f) => f.participants, [...unitYear.values()].flat()),
      },
    );
  }
  return lines;
}

const AUDIENCE_LABELS: Record<Audience, string> = {
  community: 'Cộng đồng',
  elderly: 'Người cao tuổi',
  disability: 'Người khuyết tật',
  traders_4t: 'Tiểu thương (Chợ số 4T)',
  civil_servants: 'Cán bộ, công chức',
};

export const ACTIVITY_LABELS: Record<ActivityKind, string> = {
  loudspeaker: 'Phát thanh trên loa truyền thanh',
  news_post: 'Tin bài trên trang thông tin xã',
  social_media: 'Bài đăng mạng xã hội',
  community_meeting: 'Họp thôn, phổ biến đến từng hộ',
  conference: 'Hội nghị',
  digital_day: 'Ngày hội toàn dân học tập số (10/10)',
  dai_su_so: 'Hoạt động Đại sứ số',
  gia_dinh_so: 'Phong trào Gia đình số',
  cho_so_4t: 'Tập huấn Chợ số 4T',
  other: 'Hoạt động khác',
};

function classLines(f: Figures | undefined): ClassLine[] {
  if (!f) return [];
  return AUDIENCES.map((audience) => {
    const a = f.classes.period.byAudience[audience];
    return {
      audience,
      label: AUDIENCE_LABELS[audience],
      sessions: a.held,
      attendances: a.attendances,
      walkIns: a.walkIns,
    };
  });
}

function activityLines(
  list: readonly ActivityLike[],
  firstDay: string,
  lastDay: string,
  scopes: ReadonlySet<string> | 'all',
): ActivityLine[] {
  const count = new Map<ActivityKind, { count: number; reach: number }>();
  for (const a of list) {
    if (a.deletedAt || a.date < firstDay || a.date > lastDay) continue;
    if (scopes !== 'all' && !scopes.has(a.villageId)) continue;
    const entry = count.get(a.kind) ?? { count: 0, reach: 0 };
    entry.count++;
    entry.reach += a.reach ?? 0;
    count.set(a.kind, entry);
  }
  return ACTIVITY_KINDS.map((kind) => ({
    kind,
    label: ACTIVITY_LABELS[kind],
    count: count.get(kind)?.count ?? 0,
    reach: count.get(kind)?.reach ?? 0,
  }));
}

/** Splits "a\nb" recipients into lines; the default list follows the plan's own "Nơi nhận". */
function recipientLines(text: string | undefined, level: ReportLevel): string[] {
  const lines = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > 0) return lines;
  return level === 'commune'
    ? [
        'UBND tỉnh (B/c);',
        'Sở Khoa học và Công nghệ (B/c);',
        'TT Đảng ủy, HĐND xã;',
        'Lãnh đạo UBND xã;',
        'Lưu: VT, VHXH.',
      ]
    : ['UBND xã (qua Phòng Văn hóa – Xã hội);', 'Lưu.'];
}

function documentInfo(input: ReportInput, day: string): DocumentInfo {
  const t = input.texts;
  // The commune's name is its place name (the date line's "Thượng Quan, ngày …"), once typed.
  const commune = `ỦY BAN NHÂN DÂN XÃ${t.place ? ` ${t.place.toLocaleUpperCase('vi')}` : ''}`;
  const defaults: Record<ReportLevel, { issuingBody: string; superiorBody: string; signerTitle: string }> = {
    commune: {
      issuingBody: commune,
      superiorBody: '',
      signerTitle: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    },
    // A village's report is the community digital technology team's, signed by its lead.
    village: {
      issuingBody: `TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG ${input.scopeName.toLocaleUpperCase('vi')}`,
      superiorBody: commune,
      signerTitle: 'TỔ TRƯỞNG',
    },
    unit: {
      issuingBody: input.scopeName.toLocaleUpperCase('vi'),
      superiorBody: '',
      signerTitle: 'THỦ TRƯỞNG ĐƠN VỊ',
    },
  };
  const d = defaults[input.level];
  return {
    issuingBody: t.issuingBody ?? d.issuingBody,
    superiorBody: t.superiorBody ?? d.superiorBody,
    docNumber: t.docNumber ?? '',
    place: t.place ?? '',
    date: day,
    signerTitle: t.signerTitle ?? d.signerTitle,
    signerName: t.signerName ?? '',
    recipients: recipientLines(t.recipients, input.level),
  };
}

/**
 * Composes the report.
 * @param input everything the report reads (see ReportInput); `rows` may hold other villages' rows —
 *   only the scope's count
 * @returns a QuarterReport (plain JSON, frozen as is on submission)
 * @throws RangeError when `period` is not a quarter key ("2025-Q4")
 */
export function composeReport(input: ReportInput): QuarterReport {
  const quarter = quarterOf(input.period);
  const bounds = periodBounds(quarter);
  // Days compare as text (YYYY-MM-DD): the earlier of today and the quarter's last day.
  const referenceDay = [input.today, bounds.lastDay].sort()[0] ?? bounds.lastDay;
  const villageIds =
    input.level === 'village'
      ? [input.scopeId]
      : input.level === 'commune'
        ? input.rows.villages.filter((v) => !v.deletedAt).map((v) => v.id)
        : [];
  const query = { villageIds, period: quarter, referenceDay };
  const commune =
    input.level === 'commune' ? computeCommune(input.rows, quarter, referenceDay, villageIds) : undefined;
  const total = commune
    ? commune.total
    : villageIds.length > 0
      ? computeFigures(input.rows, query)
      : undefined;

  // A village reports its register; its units (if any) report for themselves.
  const liveUnits =
    input.level === 'village'
      ? []
      : input.units.filter((u) => !u.deletedAt && (input.level !== 'unit' || u.id === input.scopeId));
  const figuresOf = new Map<string, Figs>();
  const unitYear = new Map<string, Figs[]>();
  for (const f of input.unitFigures) {
    if (f.deletedAt) continue;
    if (f.period === input.period) figuresOf.set(f.unitId, f);
    const q = /^(\d{4})-Q([1-4])$/.exec(f.period);
    if (q && Number(q[1]) === quarter.year && Number(q[2]) <= quarter.quarter) {
      unitYear.set(f.unitId, [...(unitYear.get(f.unitId) ?? []), f]);
    }
  }
  const submitted = new Set(
    input.reports
      .filter((r) => !r.deletedAt && r.period === input.period && r.status === 'submitted')
      .map((r) => r.villageId),
  );
  const units: UnitLine[] = liveUnits.map((u) => ({
    unitId: u.id,
    name: u.name,
    kind: u.kind,
    codes: [...u.codes],
    figures: stripFigures(figuresOf.get(u.id)),
    submitted: submitted.has(u.id),
  }));
  for (const [id] of unitYear) if (!liveUnits.some((u) => u.id === id)) unitYear.delete(id);

  const indicators: IndicatorLine[] = [];
  for (const code of LINE_ORDER) {
    if (isUnitCode(code) && input.level !== 'village') {
      if (input.level === 'unit' && !liveUnits.some((u) => u.codes.includes(code))) continue;
      indicators.push(unitIndicator(code, quarter.year, liveUnits, figuresOf, input.rows, total));
    } else if (total) {
      indicators.push(registerLine(total, code, quarter.year, input.rows));
    }
  }

  const scopes: ReadonlySet<string> | 'all' = input.level === 'commune' ? 'all' : new Set([input.scopeId]);
  const activities = activityLines(input.activities, bounds.firstDay, bounds.lastDay, scopes);
  const figures = figureLines(total, units, unitYear);
  const classes = classLines(total);

  const villages: VillagePart[] = villageIds.flatMap((id) => {
    const village = input.rows.villages.find((v) => v.id === id);
    const f = commune ? commune.villages[id] : total;
    if (!village || !f) return [];
    return [
      {
        villageId: id,
        name: village.name,
        code: village.code,
        indicators: LINE_ORDER.map((code) => registerLine(f, code, quarter.year, input.rows)),
        figures: figureLines(f, [], new Map()),
        classes: classLines(f),
        activities: activityLines(input.activities, bounds.firstDay, bounds.lastDay, new Set([id])),
        submitted: submitted.has(id),
      },
    ];
  });

  const title = `Báo cáo kết quả thực hiện Phong trào “Bình dân học vụ số” – ${quarterLabel(input.period)}`;
  const tasks = taskLines(input, { total, indicators, activities, units, classes });
  // The document is dated the day it was submitted, or composed while a draft (Vietnam time).
  const day = dayOfInstant(input.submittedAt ?? input.composedAt);
  return {
    format: 1,
    level: input.level,
    scopeId: input.scopeId,
    scopeName: input.level === 'commune' && input.texts.place ? `xã ${input.texts.place}` : input.scopeName,
    period: input.period,
    year: quarter.year,
    quarter: quarter.quarter,
    periodLabel: quarterLabel(input.period),
    title,
    composedAt: input.composedAt,
    status: input.status,
    version: input.version,
    ...(input.submittedAt ? { submittedAt: input.submittedAt } : {}),
    ...(input.submittedBy ? { submittedBy: input.submittedBy } : {}),
    indicators,
    figures,
    classes,
    activities,
    tasks,
    villages,
    units,
    difficulties: input.texts.difficulties ?? '',
    proposals: input.texts.proposals ?? '',
    document: documentInfo(input, day),
  };
}

/** A unit's figures as the report keeps them: the counts and texts, without row bookkeeping. */
function stripFigures(f: Figs | undefined): Figs | null {
  if (!f) return null;
  const keys = [...UNIT_FIGURE_INPUTS, 'enteredBy', 'enteredAt'] as const;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (f[key] !== undefined && f[key] !== null) out[key] = f[key];
  return out as Figs;
}

interface TaskContext {
  total: Figures | undefined;
  indicators: IndicatorLine[];
  activities: ActivityLine[];
  units: UnitLine[];
  classes: ClassLine[];
}

function taskLines(input: ReportInput, ctx: TaskContext): TaskLine[] {
  const act = (kinds: ActivityKind[]) =>
    ctx.activities
      .filter((a) => kinds.includes(a.kind))
      .flatMap((a) =>
        a.count > 0
          ? [
              { label: `${a.label} (lần)`, value: a.count },
              { label: `${a.label} (lượt người)`, value: a.reach },
            ]
          : [],
      );
  const line = (code: TargetCode) => ctx.indicators.find((i) => i.code === code);
  const count = (code: TargetCode, label: string) => {
    const l = line(code);
    return l && l.count !== null ? [{ label, value: l.count }] : [];
  };
  const f = ctx.total;
  const done = (kind: keyof Figures['assists']['period']['byKind']) =>
    f ? f.assists.cumulative.byKind[kind].done : 0;
  const unitSum = (code: UnitTargetCode, pick: 'trainings' | 'participants') =>
    ctx.units.filter((u) => u.codes.includes(code)).reduce((s, u) => s + (u.figures?.[pick] ?? 0), 0);
  const audience = (a: Audience) => ctx.classes.find((c) => c.audience === a);
  const figuresFor: Record<number, Array<{ label: string; value: number }>> = {
    1: act(['loudspeaker', 'news_post', 'social_media']),
    2: [
      ...act(['community_meeting']),
      ...(f ? [{ label: 'Hộ được đến tận nhà trong quý', value: f.households.visitedInPeriod }] : []),
    ],
    3: act(['conference', 'digital_day']),
    4: [
      ...count('a', 'Cán bộ, công chức, viên chức đạt'),
      ...count('b', 'Học sinh đạt'),
      ...count('c', 'Người dân trưởng thành có kỹ năng số cơ bản'),
    ],
    9: count('d', 'Người được xác nhận phổ cập kỹ năng số trên VNeID'),
    10: f
      ? [{ label: 'Người 16+ đã kích hoạt VNeID mức 2', value: f.funnel.reached.vneid_level2_active }]
      : [],
    11: f
      ? [{ label: 'Người đã dùng dịch vụ công trực tuyến (lũy kế)', value: done('public_services_online') }]
      : [],
    13: [
      ...count('a', 'Cán bộ, công chức, viên chức đạt chuẩn'),
      ...(ctx.units.some((u) => u.codes.includes('a'))
        ? [
            { label: 'Lớp bồi dưỡng, tập huấn', value: unitSum('a', 'trainings') },
            { label: 'Lượt người tham gia', value: unitSum('a', 'participants') },
          ]
        : []),
    ],
    14: [
      ...count('dd', 'Người lao động đạt'),
      ...(ctx.units.some((u) => u.codes.includes('dd'))
        ? [
            { label: 'Lớp tập huấn tại doanh nghiệp, hợp tác xã', value: unitSum('dd', 'trainings') },
            { label: 'Lượt người tham gia', value: unitSum('dd', 'participants') },
          ]
        : []),
    ],
    15: f
      ? [
          { label: 'Buổi học cộng đồng trong quý', value: f.classes.period.held },
          { label: 'Lượt người dự học', value: f.classes.period.attendances + f.classes.period.walkIns },
          { label: 'Buổi học cho người cao tuổi', value: audience('elderly')?.sessions ?? 0 },
          { label: 'Buổi học cho người khuyết tật', value: audience('disability')?.sessions ?? 0 },
          { label: 'Người được hướng dẫn tận nhà, tại lớp', value: f.assists.period.residentsHelped },
          { label: 'Hộ nghèo chưa được tiếp cận', value: f.priority.notReached.poor },
          { label: 'Hộ dân tộc thiểu số chưa được tiếp cận', value: f.priority.notReached.ethnicMinority },
        ]
      : [],
    16: f ? [{ label: 'Người được hướng dẫn dùng AI an toàn (lũy kế)', value: done('ai_basics') }] : [],
    17: act(['dai_su_so', 'gia_dinh_so']),
    18: [
      ...act(['cho_so_4t']),
      ...(audience('traders_4t')?.sessions
        ? [{ label: 'Buổi học cho tiểu thương', value: audience('traders_4t')?.sessions ?? 0 }]
        : []),
    ],
    19: f
      ? [
          ...count('id', 'Người 16+ có định danh điện tử mức 2'),
          { label: 'Người đã cài VNeID (lũy kế)', value: f.funnel.reached.vneid_installed },
          { label: 'Người mở tài khoản ngân hàng số (lũy kế)', value: done('digital_bank_account') },
        ]
      : [],
    20: f
      ? [
          { label: 'Lượt đến hộ trong quý', value: f.households.visits },
          { label: 'Hộ được đến trong quý', value: f.households.visitedInPeriod },
          { label: 'Hộ chưa được đến', value: f.households.neverVisited },
        ]
      : [],
  };
  return APPENDIX_TASKS.map((task) => ({
    ...task,
    figures: figuresFor[task.no] ?? [],
    result: input.texts[`task${task.no}`] ?? '',
  }));
}
