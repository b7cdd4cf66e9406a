/**
 * The quarterly report's shapes (issue 19; plan VI.8, section III, appendix). `compose.ts` builds a
 * QuarterReport from the register's figures (core/indicators), the units' figures and the activity
 * log; `document.ts` lays it out as the administrative document (Nghị định 30/2020/NĐ-CP) that the
 * DOCX export and the print view both render; the XLSX and CSV exports read the QuarterReport itself.
 * A QuarterReport is plain JSON: a submitted report freezes it as the row's `snapshot`.
 */
import type {
  ActivityKind,
  Audience,
  ReportLevel,
  ReportStatus,
  TargetCode,
  UnitKind,
  UnitTargetCode,
} from '../schemas';

/** Where an indicator's denominator comes from. */
export type DenominatorSource =
  /** The village's official count (every village in the set has one). */
  | 'official'
  /** The app's register (people present, by the dashboard's rules). */
  | 'register'
  /** The reporting units' head counts (a, b, đ). */
  | 'units'
  /** Nobody has reported it: shown as missing, never as 0%. */
  | 'missing';

/** One indicator of plan section III for the quarter (as of its last day). */
export interface IndicatorLine {
  code: TargetCode;
  /** The target for the report's year, in percent; `above`: "trên N%" (strictly more). */
  target: { percent: number; above: boolean };
  /** People meeting the standard; null when missing. */
  count: number | null;
  /** People in scope; null when missing. */
  denominator: number | null;
  denominatorSource: DenominatorSource;
  /** count / denominator in percent (0–100, one decimal); null when missing or the denominator is 0. */
  percent: number | null;
  /** People still needed to reach the target (0 when met); null when missing. */
  gap: number | null;
  met: boolean | null;
  /**
   * For a, b and đ: what the register's resident groups (civil servant, student, enterprise worker)
   * give, shown beside the units' figure and labelled as such. Absent for c, d, id.
   */
  register?: { count: number; denominator: number; percent: number | null };
  /** Units feeding this indicator that have no figures for the quarter (names), for a, b, đ. */
  missingUnits: string[];
}

/** The dashboard's figures for the quarter and cumulative, as report lines (one number each). */
export interface FigureLine {
  /** Stable key, e.g. "households.visitedInPeriod", "assists.residentsHelped". */
  key: string;
  /** Vietnamese label as printed in the report. */
  label: string;
  quarter: number | null;
  cumulative: number | null;
}

/** Classes held in the quarter for one audience (plan appendix task 15). */
export interface ClassLine {
  audience: Audience;
  label: string;
  sessions: number;
  attendances: number;
  walkIns: number;
}

/** Activities of one kind in the quarter (tasks 1–3, 17, 18). */
export interface ActivityLine {
  kind: ActivityKind;
  label: string;
  count: number;
  reach: number;
}

/** One of the appendix's 20 tasks, in its order. */
export interface TaskLine {
  /** 1–20. */
  no: number;
  /** The appendix section: "I" … "VI". */
  section: string;
  /** The task as the plan names it (shortened). */
  title: string;
  /** Who leads it in the plan. */
  lead: string;
  /** The figures the app has for it (may be empty). */
  figures: Array<{ label: string; value: number }>;
  /** The result text: the officer's, else a sentence drafted from the figures. */
  result: string;
}

/** One unit's quarter (a, b, đ), or missing when it has entered nothing. */
export interface UnitLine {
  unitId: string;
  name: string;
  kind: UnitKind;
  codes: UnitTargetCode[];
  /** null: no figures for the quarter (shown as "chưa báo cáo", never as 0). */
  figures: {
    staff?: number;
    staffMeeting?: number;
    primary?: number;
    primaryMeeting?: number;
    lowerSecondary?: number;
    lowerSecondaryMeeting?: number;
    upperSecondary?: number;
    upperSecondaryMeeting?: number;
    workers?: number;
    workersMeeting?: number;
    trainings?: number;
    participants?: number;
    results?: string;
    difficulties?: string;
    enteredBy?: string;
    enteredAt?: string;
  } | null;
  /** Whether the unit's own report for the quarter is submitted. */
  submitted: boolean;
}

/** One village inside the commune report (or the village report's own part). */
export interface VillagePart {
  villageId: string;
  name: string;
  code: string;
  indicators: IndicatorLine[];
  figures: FigureLine[];
  classes: ClassLine[];
  activities: ActivityLine[];
  /** Whether the village's own report for the quarter is submitted. */
  submitted: boolean;
}

/** The document's header and signature (Nghị định 30/2020/NĐ-CP, Phụ lục I). */
export interface DocumentInfo {
  /** e.g. "UBND XÃ THƯỢNG QUAN" (or "THÔN …" / the unit's name). */
  issuingBody: string;
  /** The body above it, printed above the issuing body (may be empty). */
  superiorBody: string;
  /** "Số: …/BC-UBND" without the "Số:". */
  docNumber: string;
  /** The place of the date line: "Thượng Quan, ngày 05 tháng 01 năm 2026". */
  place: string;
  /** The date of the date line (YYYY-MM-DD, Vietnam time). */
  date: string;
  signerTitle: string;
  signerName: string;
  /** "Nơi nhận" lines. */
  recipients: string[];
}

export interface QuarterReport {
  /** Bumped when the shape changes: a frozen snapshot says which shape it has. */
  format: 1;
  level: ReportLevel;
  /** The village id, unit id, or COMMUNE_OFFICE_ID. */
  scopeId: string;
  /** "Thôn Nà Mọ", "Trường THCS Thượng Quan", "xã Thượng Quan". */
  scopeName: string;
  /** "2025-Q4". */
  period: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** "Quý IV/2025". */
  periodLabel: string;
  /** "Báo cáo kết quả thực hiện Phong trào Bình dân học vụ số – Quý IV/2025". */
  title: string;
  /** ISO instant the figures were composed. */
  composedAt: string;
  status: ReportStatus;
  version: number;
  submittedAt?: string;
  submittedBy?: string;
  /** Section III, in the plan's order a, b, c, d, đ, then id (100% of 16+ with a digital identity). */
  indicators: IndicatorLine[];
  figures: FigureLine[];
  classes: ClassLine[];
  activities: ActivityLine[];
  tasks: TaskLine[];
  /** Commune: every village; village: its own one; unit: none. */
  villages: VillagePart[];
  /** Commune: every unit; unit: its own one; village: none. */
  units: UnitLine[];
  difficulties: string;
  proposals: string;
  document: DocumentInfo;
}

/** The administrative document, as blocks both the DOCX export and the print view render. */
export type DocumentBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; italic?: boolean; bold?: boolean }
  | { kind: 'table'; header: string[]; rows: Array<Array<string | number>>; widths?: number[] };

export interface ReportDocument {
  /** The two-column header: issuing body (left) and the national motto (right). */
  header: {
    superiorBody: string;
    issuingBody: string;
    /** "Số: 12/BC-UBND". */
    number: string;
    motto: string;
    subMotto: string;
    /** "Thượng Quan, ngày 05 tháng 01 năm 2026". */
    dateLine: string;
  };
  /** "BÁO CÁO" */
  kind: string;
  /** "Kết quả thực hiện Phong trào “Bình dân học vụ số” – Quý IV/2025". */
  title: string;
  body: DocumentBlock[];
  recipients: string[];
  signature: { title: string; name: string };
}
