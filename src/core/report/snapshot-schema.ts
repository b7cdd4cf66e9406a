/**
 * The shape of a frozen report (a QuarterReport, types.ts) as the server accepts it in a submission
 * and the app reads it back (issue 19, item 4). A submitted snapshot is never written again, so one
 * that is not a report would leave a page that cannot show it and cannot be corrected: it is refused
 * on the way in. Texts inside were checked by the row's schema (schemas.ts, reportFields.snapshot).
 */
import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  AUDIENCES,
  REPORT_LEVELS,
  TARGET_CODES,
  UNIT_KINDS,
  UNIT_TARGET_CODES,
} from '../schemas';
import type { QuarterReport } from './types';

const count = z.number().int().min(0);
const nullableCount = count.nullable();
const share = z.number().min(0).max(100).nullable();

const indicatorLine = z.object({
  code: z.enum(TARGET_CODES),
  target: z.object({ percent: z.number().min(0).max(100), above: z.boolean() }),
  count: nullableCount,
  denominator: nullableCount,
  denominatorSource: z.enum(['official', 'register', 'units', 'missing']),
  percent: share,
  gap: nullableCount,
  met: z.boolean().nullable(),
  register: z.object({ count, denominator: count, percent: share }).optional(),
  missingUnits: z.array(z.string()),
});

const figureLine = z.object({
  key: z.string(),
  label: z.string(),
  quarter: nullableCount,
  cumulative: nullableCount,
});

const classLine = z.object({
  audience: z.enum(AUDIENCES),
  label: z.string(),
  sessions: count,
  attendances: count,
  walkIns: count,
});

const activityLine = z.object({ kind: z.enum(ACTIVITY_KINDS), label: z.string(), count, reach: count });

const taskLine = z.object({
  no: z.number().int().min(1).max(20),
  section: z.string(),
  title: z.string(),
  lead: z.string(),
  figures: z.array(z.object({ label: z.string(), value: z.number() })),
  result: z.string(),
});

const unitLine = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  codes: z.array(z.enum(UNIT_TARGET_CODES)),
  figures: z.record(z.string(), z.union([z.number(), z.string()])).nullable(),
  submitted: z.boolean(),
});

const villagePart = z.object({
  villageId: z.string(),
  name: z.string(),
  code: z.string(),
  indicators: z.array(indicatorLine),
  figures: z.array(figureLine),
  classes: z.array(classLine),
  activities: z.array(activityLine),
  submitted: z.boolean(),
});

export const quarterReportSchema = z.object({
  format: z.literal(1),
  level: z.enum(REPORT_LEVELS),
  scopeId: z.string(),
  scopeName: z.string(),
  period: z.string().regex(/^\d{4}-Q[1-4]$/),
  year: z.number().int(),
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  periodLabel: z.string(),
  title: z.string(),
  composedAt: z.string(),
  status: z.enum(['draft', 'submitted']),
  version: z.number().int().min(1).max(99),
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  indicators: z.array(indicatorLine),
  figures: z.array(figureLine),
  classes: z.array(classLine),
  activities: z.array(activityLine),
  tasks: z.array(taskLine).length(20),
  villages: z.array(villagePart),
  units: z.array(unitLine),
  difficulties: z.string(),
  proposals: z.string(),
  document: z.object({
    issuingBody: z.string(),
    superiorBody: z.string(),
    docNumber: z.string(),
    place: z.string(),
    date: z.string(),
    signerTitle: z.string(),
    signerName: z.string(),
    recipients: z.array(z.string()),
  }),
});

/** The report frozen in `snapshot`, or undefined when it is not one (never thrown: callers say so). */
export function readSnapshot(snapshot: unknown): QuarterReport | undefined {
  const parsed = quarterReportSchema.safeParse(snapshot);
  return parsed.success ? (parsed.data as QuarterReport) : undefined;
}
