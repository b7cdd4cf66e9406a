/**
 * Reporting units and their quarter figures (issue 19 item 1; plan VI.8; DESIGN §2).
 *
 * A unit is a commune row (COMMUNE_VILLAGE_ID): every account reads the list, commune officers write
 * it. A unit's figures for a quarter live under the unit's id as their scope, one row per unit and
 * quarter (unitFiguresId), so the unit's own account and an officer entering on its behalf edit the
 * same row and their edits merge field by field: a save writes only the fields the person changed
 * since the form showed them, and stamps who entered and when.
 */
import { diffFields } from '../../core/changes';
import { unitFiguresId } from '../../core/ids';
import {
  memberNameSchema,
  type ReportingUnit,
  type ReportingUnitFields,
  reportingUnitSchema,
  UNIT_COUNT_PAIRS,
  UNIT_FIGURE_INPUTS,
  UNIT_TARGET_CODES,
  type UnitCountField,
  type UnitFigures,
  type UnitFiguresFields,
  unitFiguresFields,
  unitFiguresSchema,
  unitPairIssues,
} from '../../core/schemas';
import { COMMUNE_VILLAGE_ID } from '../../core/sync/scope';
import type { ValidationMessage } from '../../core/validation';
import { nowIso } from '../state/commune-clock';
import { useSession } from '../sync/session';
import { getDb, type ReportingUnitRow, type UnitFiguresRow } from './database';
import { writeRow } from './record-writer';
import { mayWriteUnitFigures, mayWriteUnits, ReportingWriteForbiddenError } from './reporting-access';
import { parseOrThrow, RecordNotFoundError, ValidationError } from './repository-errors';
import { type EditResult, editRow, newRow, removeRow, restoreRow } from './row-lifecycle';

export { UNIT_FIGURE_INPUTS };
export type UnitFigureInput = (typeof UNIT_FIGURE_INPUTS)[number];
/** What a form gives: each typed field, absent (or undefined) when left empty — never 0 for "empty". */
export type UnitFigureValues = Partial<Pick<UnitFiguresFields, UnitFigureInput>>;

function requireUnitsWriter(): void {
  if (!mayWriteUnits()) throw new ReportingWriteForbiddenError('reporting units');
}

/**
 * One order for the codes whatever the ticking order, and no thôn on a unit that is not a village
 * (a kind changed from village to school would otherwise keep a stale link).
 */
function tidyUnit(fields: ReportingUnitFields): ReportingUnitFields {
  const { linkedVillageId, ...rest } = fields;
  return {
    ...rest,
    codes: UNIT_TARGET_CODES.filter((c) => fields.codes.includes(c)),
    ...(fields.kind === 'village' && linkedVillageId ? { linkedVillageId } : {}),
  };
}

function typedOnly(row: object | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!row) return out;
  const r = row as Record<string, unknown>;
  for (const f of UNIT_FIGURE_INPUTS) if (r[f] !== undefined) out[f] = r[f];
  return out;
}

/** The display name the figures are stamped with: the account's, when the schema takes it. */
function enteredByName(): string | undefined {
  const parsed = memberNameSchema.safeParse(useSession.getState().session?.user.displayName);
  return parsed.success ? parsed.data : undefined;
}

export const unitRepository = {
  /** The units on this phone, tombstones left out. */
  async all(): Promise<ReportingUnitRow[]> {
    return (await getDb().reportingUnits.toArray()).filter((u) => !u.deletedAt);
  },

  /**
   * Adds a reporting unit to the commune's list.
   * @throws ValidationError for a missing name or kind; nothing is written
   * @throws ReportingWriteForbiddenError unless the account on this phone is a commune officer
   */
  async create(fields: ReportingUnitFields): Promise<ReportingUnit> {
    requireUnitsWriter();
    const unit = newRow(reportingUnitSchema, COMMUNE_VILLAGE_ID, tidyUnit(fields));
    await writeRow('reportingUnits', unit);
    return unit;
  },

  /** Saves a form's fields against the unit as the form showed it (`seen`), as editRow. */
  async update(
    id: string,
    fields: ReportingUnitFields,
    seen?: ReportingUnitRow,
  ): Promise<EditResult<ReportingUnit>> {
    requireUnitsWriter();
    return editRow('reportingUnits', reportingUnitSchema, id, tidyUnit(fields), { seen });
  },

  /** A tombstone, synced like any delete; the unit's figures stay under its id for the reports. */
  async remove(id: string): Promise<void> {
    requireUnitsWriter();
    return removeRow('reportingUnits', id);
  },

  async restore(id: string): Promise<void> {
    requireUnitsWriter();
    return restoreRow('reportingUnits', id);
  },

  /** The unit's row for a quarter ("2025-Q4"), if anyone entered figures for it. */
  figures(unitId: string, period: string): Promise<UnitFiguresRow | undefined> {
    return getDb().unitFigures.get(unitFiguresId(unitId, period));
  },

  /**
   * Saves a unit's figures for one quarter (`period`, "2025-Q4"). Only the fields that differ from
   * what the form showed (`seen`, the row when the form opened; undefined when there was none) are
   * written, on top of the row as it is now: an officer's and the unit's edits of different fields
   * both stay. A changed save stamps `enteredBy` (the account's display name) and `enteredAt`.
   * Returns undefined when nothing changed (nothing is written).
   * @throws ValidationError for a count that is not a whole number ≥ 0 (err.wholeNumber,
   *   err.notNegative), or `err.meetingAboveTotal` on a "meeting the standard" count above its
   *   headcount (plan III: a share cannot pass 100%); nothing is written
   * @throws ReportingWriteForbiddenError unless a commune officer or the unit's own account
   * @throws RecordNotFoundError for a unit not on this phone or deleted
   */
  async saveFigures(
    unitId: string,
    period: string,
    values: UnitFigureValues,
    seen?: UnitFiguresRow,
  ): Promise<EditResult<UnitFigures> | undefined> {
    const unit = unitId.toLowerCase();
    const typed = parseOrThrow(unitFiguresFields, { ...values, unitId: unit, period });
    refuseMeetingAboveTotal(typed);
    if (!mayWriteUnitFigures(unit)) throw new ReportingWriteForbiddenError('these figures');
    const db = getDb();
    const owner = await db.reportingUnits.get(unit);
    if (!owner || owner.deletedAt) throw new RecordNotFoundError('reportingUnits', unit);

    const id = unitFiguresId(unit, typed.period);
    const current = await db.unitFigures.get(id);
    const changes = diffFields(typedOnly(seen), typedOnly(typed));
    if (Object.keys(changes).length === 0) return undefined;

    const now = nowIso();
    const { clocks: _clocks, ...kept } = current ?? {
      id,
      villageId: unit,
      unitId: unit,
      period: typed.period,
      createdAt: now,
      updatedAt: now,
    };
    const merged: Record<string, unknown> = { ...kept };
    for (const [field, value] of Object.entries(changes)) {
      if (value === null) delete merged[field];
      else merged[field] = value;
    }
    // Whole row: a teammate's headcount that arrived meanwhile must not leave a pair above 100%.
    refuseMeetingAboveTotal(merged);
    const by = enteredByName();
    if (by) merged.enteredBy = by;
    merged.enteredAt = now;
    const row = parseOrThrow(unitFiguresSchema, { ...merged, updatedAt: now });

    const base: Record<string, string | null> = {};
    const overwritten: string[] = [];
    for (const field of Object.keys(changes)) {
      base[field] = seen?.clocks?.[field] ?? null;
      if ((current?.clocks?.[field] ?? null) !== base[field]) overwritten.push(field);
    }
    await writeRow('unitFigures', row, { base });
    return { row, overwritten };
  },
};

/**
 * A "meeting the standard" count needs its headcount and cannot pass it (a share above 100%): the
 * missing headcount is asked for beside its own field, a count above it beside the count.
 */
function refuseMeetingAboveTotal(values: Readonly<Record<string, unknown>>): void {
  const issues = unitPairIssues(values as Partial<Record<UnitCountField, number>>);
  if (issues.length === 0) return;
  const errors: Record<string, ValidationMessage> = {};
  for (const meeting of issues) {
    const pair = UNIT_COUNT_PAIRS.find(([, m]) => m === meeting);
    if (pair && values[pair[0]] === undefined) errors[pair[0]] = 'err.required';
    else errors[meeting] = 'err.meetingAboveTotal';
  }
  throw new ValidationError(errors);
}
