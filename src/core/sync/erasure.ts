/**
 * Erasure that really erases (issue 14, kind 8; DESIGN §7; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15,
 * Nghị định 356/2025/NĐ-CP). A resident who is deleted, or who withdraws consent, keeps on the server
 * and on every phone only what the model allows without them:
 *
 * - deleted (a tombstone, whoever wrote it): the row keeps its id, village, household pointer and
 *   lifecycle (`ERASED_KEEPS.residents`); every other field is cleared. Their skill steps (assists)
 *   and class attendance become tombstones of the same shape; visits that list them drop them from
 *   `residentIds` and lose their notes (written about the help given at that visit, so about them).
 * - withdrawn (`consent.withdrawnAt`): the consent-only fields and groups are cleared (as before), the
 *   full name becomes a label (`WITHDRAWN_LABEL`, unless the withdrawing change wrote one), and their
 *   skill steps become tombstones (they are kept only with consent for skills support). Attendance stays:
 *   a class is a public event and the row names a labelled person.
 * - in both, notes of their household and its visits that name them (folded: "nguyen van" = "Nguyễn
 *   Văn") are cleared, while the name is still known.
 *
 * Everything here is pure and shared: the server applies it inside the push's transaction (so there is
 * no moment when the values are stored), and the phone applies the same rules to what it holds.
 *
 * Later changes cannot bring the values back: a change reaching an erased row is stripped to the fields
 * an erased row keeps (`stripForErasure`), and the fields it tried to write are stamped again by the
 * server above the change's clock, so the phone that sent it takes the cleared value on its next pull.
 * The one way back is the undo of a phone's delete (`undoesDelete`): a restore made on the same phone
 * (HLC node) within `UNDO_WINDOW_MS` after the delete, carrying the whole person (name, birth year,
 * groups), which that phone still has. An officer's erasure (stamped with the server's node) is final.
 * Any other change un-deleting an erased resident is refused (`refused: 'erased'`), not stripped: the
 * phone sets it aside with a reason instead of being told it was applied.
 */
import { type Change, type FieldValue, isStringList, type SyncedTable } from '../changes';
import { parseHlc } from '../hlc';
// Types only from schemas.ts: the phone applies these rules on every pull, and zod stays off its
// first load (protocol.ts says the same).
import type { Consent } from '../schemas';
import { foldForSearch } from '../search';
import type { RowState } from './row-state';

/** Why a resident's values are erased: their row was deleted, or they withdrew consent. */
export type ErasureReason = 'deleted' | 'withdrawn';

/**
 * The name a resident takes when they withdraw consent and nobody typed a label: without consent the
 * model keeps "a label such as 'Bà cụ nhà ông Tâm'" (schemas.ts), never the full name.
 */
export const WITHDRAWN_LABEL = 'Người dân đã rút lại đồng ý';

/** The fields an erased row keeps, per table: identity pointers and lifecycle, nothing about a person. */
export const ERASED_KEEPS = {
  residents: ['householdId', 'createdAt', 'deletedAt'],
  assists: ['residentId', 'householdId', 'visitId', 'classId', 'createdAt', 'deletedAt'],
  attendance: ['classId', 'residentId', 'createdAt', 'deletedAt'],
} as const satisfies Partial<Record<SyncedTable, readonly string[]>>;

/**
 * A withdrawn resident's fields that need consent (cleared), besides the full name (made a label):
 * schemas.ts's CONSENT_ONLY_FIELDS and groups (a test holds the two lists together).
 */
export const WITHDRAWN_FIELDS: readonly string[] = [
  'sex',
  'hasChipId',
  'hasSmartphone',
  'simOwnName',
  'phone',
  'groups',
];

/** The fields of a withdrawn resident whose values say who they are: never logged as a conflict. */
const WITHDRAWN_PERSONAL = new Set<string>([...WITHDRAWN_FIELDS, 'name', 'consent']);

/** Fields a restore of a deleted resident must carry: the whole person, or it stays erased. */
const RESTORE_NEEDS = ['name', 'birthYear', 'groups'] as const;

/**
 * How long after a phone's delete (ms, HLC wall time) its own undo may still bring the person back.
 * The undo toast lasts 8 s, but the phone may push much later: the undo's HLC is taken when it is
 * tapped, so the window bounds the tap, not the push. Ten minutes leaves room for clock ticks and
 * nothing for a later change of mind, which is a new resident (issue 14, kind 8).
 */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

/**
 * The server's node id in HLC timestamps (for the clears and erasures it makes itself; server-merge.ts
 * re-exports it). A phone may not push with it (push.ts refuses `reserved_node`).
 */
export const SERVER_NODE = '0000000000000000';

/**
 * Whether a change stamped `hlc` may be the undo of the delete whose `deletedAt` clock is `deleteClock`:
 * made on the same device (HLC node), after the delete and within UNDO_WINDOW_MS of it. A delete
 * stamped by the server (an officer's erasure at the person's request) has no undo.
 */
export function undoesDelete(hlc: string, deleteClock: string | undefined): boolean {
  if (deleteClock === undefined || hlc <= deleteClock) return false;
  const del = parseHlc(deleteClock);
  const undo = parseHlc(hlc);
  if (del.node === SERVER_NODE || undo.node !== del.node) return false;
  return undo.wall - del.wall <= UNDO_WINDOW_MS;
}

type Values = Readonly<Record<string, FieldValue>>;

/** Whether a resident's row (its merged values) is erased, and why; undefined when it is not. */
export function residentErasure(values: Values | undefined): ErasureReason | undefined {
  if (!values) return undefined;
  if (typeof values.deletedAt === 'string') return 'deleted';
  const consent = values.consent as Consent | null | undefined;
  if (consent && typeof consent === 'object' && typeof consent.withdrawnAt === 'string') return 'withdrawn';
  return undefined;
}

/**
 * Whether a row of `table` must be kept in erased form because of its resident's erasure: skill steps
 * go with deletion and withdrawal, attendance with deletion only.
 */
export function dependentErased(table: SyncedTable, reason: ErasureReason | undefined): boolean {
  if (reason === undefined) return false;
  if (table === 'assists') return true;
  return table === 'attendance' && reason === 'deleted';
}

/** The value a cleared field takes in an erased row (groups is a required list; it empties). */
function cleared(field: string): FieldValue {
  return field === 'groups' ? [] : null;
}

function isEmpty(value: FieldValue | undefined): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

export interface Stripped {
  /** What may be merged. */
  fields: Record<string, FieldValue>;
  /** Fields taken out or rewritten: the server stamps them again above the change (see module doc). */
  stripped: string[];
  /** A restore of a deleted resident carrying the whole person: merged above the erasure's clocks. */
  restoring: boolean;
  /** The row must end in erased form (a dependent of an erased resident). */
  erasedRow: boolean;
  /**
   * The change must be refused whole (nothing stored): `erased` — it un-deletes an erased resident and
   * is not that phone's undo (`undoesDelete`).
   */
  refused?: 'erased';
}

/**
 * What of an incoming change may reach a row, given the row's current state and the erasure of the
 * residents it concerns (`residentOf`: a resident's current values, undefined when unknown).
 *
 * - a deleted resident: only `ERASED_KEEPS.residents`; a change writing `deletedAt: null` is the undo
 *   (`undoesDelete`, carrying name, birth year and groups: `restoring`) or refused (`refused`);
 * - a withdrawn resident: no consent-only field or group unless the change consents again (a consent
 *   without withdrawal, stamped after the withdrawal); no name unless written over the label it saw
 *   (its `base` clock is the name's current clock) — an old edit carrying the full name is stripped;
 * - a skill step or attendance of an erased resident: only the fields an erased row keeps;
 * - a visit: ids of deleted residents leave `residentIds`, and its notes go with them.
 */
export function stripForErasure(
  change: Pick<Change, 'table' | 'fields' | 'hlc' | 'base'>,
  current: RowState | undefined,
  residentOf: (id: string) => Values | undefined,
): Stripped {
  const fields: Record<string, FieldValue> = { ...change.fields };
  const stripped: string[] = [];
  const drop = (field: string) => {
    if (!Object.hasOwn(fields, field)) return;
    delete fields[field];
    stripped.push(field);
  };
  const keepOnly = (keep: readonly string[]) => {
    for (const field of Object.keys(fields)) if (!keep.includes(field)) drop(field);
  };
  const none: Stripped = { fields, stripped, restoring: false, erasedRow: false };

  if (change.table === 'residents') {
    const reason = residentErasure(current?.values);
    if (reason === 'deleted') {
      if (fields.deletedAt === null) {
        const restoring =
          undoesDelete(change.hlc, current?.clocks.deletedAt) &&
          RESTORE_NEEDS.every((f) => !isEmpty(fields[f]) || (f === 'groups' && Array.isArray(fields[f])));
        return restoring ? { ...none, restoring: true } : { ...none, refused: 'erased' };
      }
      keepOnly(ERASED_KEEPS.residents);
      return none;
    }
    if (reason === 'withdrawn') {
      const consent = fields.consent as Consent | null | undefined;
      const consentsAgain =
        !!consent &&
        typeof consent === 'object' &&
        consent.withdrawnAt === undefined &&
        change.hlc > (current?.clocks.consent ?? '');
      if (consentsAgain) return none;
      for (const field of WITHDRAWN_FIELDS) if (!isEmpty(fields[field])) drop(field);
      const sawLabel = (change.base?.name ?? null) === (current?.clocks.name ?? null);
      if (Object.hasOwn(fields, 'name') && !sawLabel) drop('name');
      return none;
    }
    return none;
  }

  if (change.table === 'assists' || change.table === 'attendance') {
    const residentId = fields.residentId ?? current?.values.residentId;
    const reason = typeof residentId === 'string' ? residentErasure(residentOf(residentId)) : undefined;
    if (!dependentErased(change.table, reason)) return none;
    keepOnly(ERASED_KEEPS[change.table]);
    return { ...none, erasedRow: true };
  }

  if (change.table === 'visits' && isStringList(fields.residentIds)) {
    const ids = fields.residentIds;
    const kept = ids.filter((id) => residentErasure(residentOf(id)) !== 'deleted');
    if (kept.length !== ids.length) {
      fields.residentIds = kept;
      stripped.push('residentIds');
      drop('notes');
    }
  }
  return none;
}

/**
 * Whether a conflict-log entry on `field` of a row may be kept: never for an erased step or attendance,
 * nor for a withdrawn resident's personal fields, nor for what a visit lost with a deleted resident.
 * Of a deleted resident only a lost delete time is kept: an offer to undelete them (a lost `null`)
 * would bring back a person with no name, since their values are gone.
 */
export function conflictAllowed(
  table: SyncedTable,
  entry: { field: string; value: FieldValue },
  after: { reason: ErasureReason | undefined; erasedRow: boolean; stripped: readonly string[] },
): boolean {
  const { field } = entry;
  if (after.erasedRow || after.stripped.includes(field)) return false;
  if (table !== 'residents') return true;
  if (after.reason === 'deleted') return field === 'deletedAt' && typeof entry.value === 'string';
  return !(after.reason === 'withdrawn' && WITHDRAWN_PERSONAL.has(field));
}

/**
 * Puts a row in the form erasure requires, writing every cleared field (and every stripped one) with
 * `stamp`, a server clock above all of the row's: phones that still hold the values take the clears.
 * @param reason the erasure of the row's resident (for residents: of the row itself)
 * @param writtenBy the HLC of the change being merged: a withdrawal that wrote the name keeps it
 * @param deletedAt the tombstone time (ISO) a dependent row takes when it was not deleted yet
 */
export function eraseRowState(
  table: SyncedTable,
  state: RowState,
  options: {
    reason: ErasureReason | undefined;
    erasedRow: boolean;
    stripped: readonly string[];
    stamp: string;
    writtenBy?: string | undefined;
    deletedAt: string;
    /**
     * Whether a name written by the withdrawing change itself is the label it gave (today's phones
     * ask for one). False for rows stored before erasure existed: their phones never wrote a label,
     * so a name stamped with the withdrawal is still the full name.
     */
    labelWithWithdrawal?: boolean;
    /**
     * Full names (and phone numbers) held for a withdrawn resident before the withdrawal (namesOf): a
     * name written with or after the withdrawal that is one of them (`isHeldName`) is still the full
     * name, not a label, and becomes WITHDRAWN_LABEL.
     */
    heldNames?: readonly string[];
  },
): RowState {
  const values: Record<string, FieldValue> = { ...state.values };
  const clocks = { ...state.clocks };
  let touched = false;
  const set = (field: string, value: FieldValue) => {
    values[field] = value;
    clocks[field] = options.stamp;
    touched = true;
  };
  for (const field of options.stripped) set(field, values[field] ?? cleared(field));
  if (table === 'residents' && options.reason === 'deleted') {
    const keep: readonly string[] = ERASED_KEEPS.residents;
    for (const [field, value] of Object.entries(values))
      if (!keep.includes(field) && value !== null) set(field, null);
  } else if (table === 'residents' && options.reason === 'withdrawn') {
    for (const field of WITHDRAWN_FIELDS) if (!isEmpty(values[field])) set(field, cleared(field));
    // The name a withdrawal keeps is one written with (or after) it: anything older is the full name.
    if (typeof values.name === 'string' && values.name !== WITHDRAWN_LABEL) {
      const nameClock = clocks.name ?? '';
      const consentClock = clocks.consent ?? '';
      const older =
        options.labelWithWithdrawal === false ? nameClock <= consentClock : nameClock < consentClock;
      const fullName = isHeldName(values.name, options.heldNames ?? []);
      if ((older && nameClock !== options.writtenBy) || fullName) set('name', WITHDRAWN_LABEL);
    }
  } else if (options.erasedRow && (table === 'assists' || table === 'attendance')) {
    const keep: readonly string[] = ERASED_KEEPS[table];
    for (const [field, value] of Object.entries(values))
      if (!keep.includes(field) && value !== null) set(field, null);
    if (typeof values.deletedAt !== 'string') set('deletedAt', options.deletedAt);
  }
  return touched ? { values, clocks } : state;
}

/**
 * What identifies a resident in free text written about them: the full names and phone numbers in
 * these values (their notes are matched against these); the label given at withdrawal is not one.
 * Held in memory only while the erasure runs.
 */
export function namesOf(...values: ReadonlyArray<Values | undefined>): string[] {
  const out = new Set<string>();
  for (const v of values) {
    for (const text of [v?.name, v?.phone]) {
      if (typeof text === 'string' && text !== WITHDRAWN_LABEL && foldForSearch(text).length >= 3)
        out.add(text);
    }
  }
  return [...out];
}

/**
 * Whether `name` is one of the `held` full names, compared folded (case, diacritics and spaces ignored,
 * as `mentions` does): "NGUYEN  van an" is "Nguyễn Văn An". Used for a name written with or after a
 * withdrawal of consent, which must be a label (issue 14, kind 8).
 */
export function isHeldName(name: FieldValue | undefined, held: readonly string[]): boolean {
  if (typeof name !== 'string') return false;
  const folded = foldForSearch(name);
  return folded.length > 0 && held.some((h) => foldForSearch(h) === folded);
}

/** Whether a free text names any of these people (folded: case and diacritics ignored). */
export function mentions(text: FieldValue | undefined, names: readonly string[]): boolean {
  if (typeof text !== 'string' || names.length === 0) return false;
  const folded = foldForSearch(text);
  return names.some((name) => folded.includes(foldForSearch(name)));
}

/** One resident's erasure, as the server and the phone carry it out on rows other than the resident's. */
export interface ResidentErasureEvent {
  residentId: string;
  villageId: string;
  householdId: string | undefined;
  reason: ErasureReason;
  /** Full names and phone numbers before erasure, to find notes that name them; never stored. */
  names: string[];
}

/**
 * A row other than the resident's own, in the form the resident's erasure requires: their skill steps
 * and (when deleted) attendance become erased tombstones; a visit listing them drops them (when
 * deleted) and its notes; notes of their household and its visits that name them are cleared.
 * Returns undefined when the row needs nothing.
 */
export function eraseDependentState(
  table: SyncedTable,
  state: RowState,
  event: ResidentErasureEvent,
  stamp: string,
  deletedAt: string,
): RowState | undefined {
  const v = state.values;
  const options = { reason: event.reason, stamp, deletedAt, stripped: [] as string[], erasedRow: false };
  if ((table === 'assists' || table === 'attendance') && v.residentId === event.residentId) {
    if (!dependentErased(table, event.reason)) return undefined;
    const next = eraseRowState(table, state, { ...options, erasedRow: true });
    return next === state ? undefined : next;
  }
  if (table === 'visits') {
    const ids = isStringList(v.residentIds) ? v.residentIds : [];
    const listed = ids.includes(event.residentId);
    const stripped: string[] = [];
    const values: Record<string, FieldValue> = { ...v };
    if (listed && event.reason === 'deleted') {
      values.residentIds = ids.filter((id) => id !== event.residentId);
      stripped.push('residentIds');
    }
    if (v.notes != null && ((listed && event.reason === 'deleted') || mentions(v.notes, event.names))) {
      values.notes = null;
      stripped.push('notes');
    }
    if (stripped.length === 0) return undefined;
    return eraseRowState(table, { values, clocks: state.clocks }, { ...options, stripped });
  }
  if (table === 'households' && mentions(v.notes, event.names)) {
    return eraseRowState(
      table,
      { values: { ...v, notes: null }, clocks: state.clocks },
      {
        ...options,
        stripped: ['notes'],
      },
    );
  }
  return undefined;
}

/**
 * A logged change's fields (the server's change log, the phone's outbox and refused list) with the
 * erased values taken out, keeping what identifies the change. `rowErased`: the row is an erased
 * resident, step or attendance; `withdrawn`: a withdrawn resident's row; `visit`: a visit the erasure
 * touched (its notes go, and a deleted resident's id leaves `residentIds`).
 */
export function scrubLoggedFields(
  table: SyncedTable,
  fields: Values,
  event: Pick<ResidentErasureEvent, 'residentId' | 'reason'>,
  kind: 'rowErased' | 'withdrawn' | 'visit' | 'household',
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = { ...fields };
  if (kind === 'rowErased') {
    const keep: readonly string[] =
      table === 'residents' || table === 'assists' || table === 'attendance' ? ERASED_KEEPS[table] : [];
    for (const field of Object.keys(out)) if (!keep.includes(field)) delete out[field];
  } else if (kind === 'withdrawn') {
    for (const field of [...WITHDRAWN_FIELDS, 'name']) delete out[field];
  } else if (kind === 'visit') {
    delete out.notes;
    if (event.reason === 'deleted' && isStringList(out.residentIds))
      out.residentIds = out.residentIds.filter((id) => id !== event.residentId);
  } else {
    delete out.notes;
  }
  return out;
}
