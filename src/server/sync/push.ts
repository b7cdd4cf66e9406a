import type { FastifyPluginAsync } from 'fastify';
import { changeSchema } from '../../core/change-schema';
import type { Change, FieldValue } from '../../core/changes';
import { dateIssues } from '../../core/date-rules';
import { parseHlc } from '../../core/hlc';
import { reportChangeIssues } from '../../core/report/submission';
import { UNIT_COUNT_PAIRS, unitPairIssues } from '../../core/schemas';
import { checkChangeFields, MAX_FIELDS_PER_CHANGE } from '../../core/sync/field-rules';
import { MAX_CLOCK_AHEAD_MS, MAX_PUSH_CHANGES, type PushResponse } from '../../core/sync/protocol';
import { pushQuerySchema, pushRequestSchema } from '../../core/sync/protocol-schemas';
import { referenceIssues, referencesOf } from '../../core/sync/references';
import { COMMUNE_TABLES, roleMayWrite } from '../../core/sync/scope';
import {
  ErasedRowError,
  mergeBatch,
  rowKey,
  SERVER_NODE,
  type StoredRow,
  VillageMismatchError,
} from '../../core/sync/server-merge';
import { normalizeLine } from '../../core/text';
import { audit } from '../audit.js';
import { requireUser } from '../auth/authenticate.js';
import { canWriteVillage } from '../auth/scope.js';
import { conflicts } from '../db/schema.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import { parseInput } from '../validation.js';
import { checkDataIdentity, readDataIdentity } from './epoch.js';
import { loadErasureContext, purgeErasures } from './erasure.js';
import { checkProtocol } from './protocol-check.js';
import { keepStatistics } from './statistics.js';
import {
  insertChanges,
  knownChangeIds,
  loadRows,
  lockSequence,
  saveSequence,
  upsertRecords,
  villagesOfRows,
} from './store.js';

interface Problem {
  changeId: string;
  code: string;
  message: string;
  field?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keys of a push body and of one change (protocol-schemas.ts); anything more is refused unread. */
const PUSH_KEYS = Object.keys(pushRequestSchema.shape).length;
const CHANGE_KEYS = Object.keys(changeSchema.shape).length;

/** Object keys, or 0 for anything else. */
function keyCount(value: unknown): number {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).length : 0;
}

/**
 * Checks on the raw body, before it is parsed (issue 14, kind 2). A push of 500 changes × 800 unknown
 * fields once took 3.7 s of the event loop and answered 53.9 MB; a change naming more fields or base
 * clocks than any table has is refused here without any of them being looked at, so the work a push
 * costs grows with what could be valid, not with what was sent.
 *
 * @throws ApiError 400 `invalid_changes` with one `too_many_fields` detail per such change
 */
function boundRawPush(body: unknown): void {
  if (keyCount(body) > PUSH_KEYS) {
    throw new ApiError(400, 'invalid_request', 'A push has only deviceId and changes.');
  }
  const changes =
    typeof body === 'object' && body !== null ? (body as { changes?: unknown }).changes : undefined;
  if (!Array.isArray(changes) || changes.length > MAX_PUSH_CHANGES) return; // the schema says why
  const problems: Problem[] = [];
  for (const change of changes) {
    if (typeof change !== 'object' || change === null) continue;
    const { changeId, fields, base } = change as Record<string, unknown>;
    const within =
      keyCount(change) <= CHANGE_KEYS &&
      keyCount(fields) <= MAX_FIELDS_PER_CHANGE &&
      keyCount(base) <= MAX_FIELDS_PER_CHANGE;
    if (within) continue;
    problems.push({
      // Echoed only when it could be one: the phone matches refusals to its changes by this id.
      changeId: typeof changeId === 'string' && UUID.test(changeId) ? changeId.toLowerCase() : '',
      code: 'too_many_fields',
      message: `A change names at most ${MAX_FIELDS_PER_CHANGE} fields`,
    });
  }
  if (problems.length > 0) throw invalidChanges(problems);
}

/**
 * The same change id twice in one push must be the same change (a phone's retry). Two different
 * changes under one id would leave one of them silently dropped as a "duplicate" (issue 14, kind 3).
 */
function sameIdDifferentChange(list: readonly Change[]): Problem[] {
  const first = new Map<string, string>();
  const problems: Problem[] = [];
  for (const change of list) {
    const text = JSON.stringify(change);
    const seen = first.get(change.changeId);
    if (seen === undefined) first.set(change.changeId, text);
    else if (seen !== text)
      problems.push({
        changeId: change.changeId,
        code: 'change_id_reused',
        message: 'Another change in this push has the same id',
      });
  }
  return problems;
}

/**
 * A team's change to a village row must find the row there: a walking order is no way to make a
 * village (a row stored from a change that names only `laneOrder` would have no name or code).
 *
 * @throws ApiError 403 `village_forbidden` naming each such change
 */
function refuseTeamVillageRows(
  auth: ReturnType<typeof requireUser>,
  list: readonly Change[],
  rows: ReadonlyMap<string, StoredRow>,
): void {
  if (auth.role === 'commune') return;
  const forbidden = list
    .filter((c) => c.table === 'villages' && !rows.has(rowKey(c.table, c.rowId)))
    .map((c) => ({ changeId: c.changeId, code: 'village_forbidden', message: 'No such village' }));
  if (forbidden.length > 0) {
    throw new ApiError(403, 'village_forbidden', 'Some changes belong to villages you may not edit.', {
      extra: { details: forbidden },
    });
  }
}

/** Why an account may not make a change in its own scope (scope.ts roleMayWrite), in the API's words. */
function forbiddenWhy(role: ReturnType<typeof requireUser>['role'], change: Change): string {
  if (role === 'unit') return "A unit's account enters only its own figures, activities and report";
  if (change.table === 'targets') return "Only commune officers set the commune's targets";
  if (change.table === 'lessonCards') return "Only commune officers edit the commune's lesson cards";
  if (COMMUNE_TABLES.has(change.table))
    return "Only commune officers keep the commune's list of reporting units";
  if (change.table === 'unitFigures') return "A unit's figures are entered by the unit or a commune officer";
  if (change.table === 'reports') return "A village's report is written and submitted by its team lead";
  return "Only the walking order of a village's lanes may be changed by its team";
}

/**
 * A submitted report is read-only (core/report/submission.ts): every change to one is refused with
 * `report_submitted`, also a change queued after a submission earlier in the same push.
 *
 * @throws ApiError 409 `report_submitted` naming each such change, or 400 `invalid_changes` for a
 *   submission missing its frozen figures
 */
function checkReports(
  list: readonly Change[],
  rows: ReadonlyMap<string, StoredRow>,
  submitter: string,
): void {
  // The rows as this push leaves them so far: a change queued after another in the same push is
  // judged against it (a submission after the phone's own last edits; an edit after a submission).
  const state = new Map<string, { values: Record<string, FieldValue>; clocks: Record<string, string> }>();
  for (const [key, row] of rows)
    if (row.table === 'reports')
      state.set(key, { values: { ...row.state.values }, clocks: { ...row.state.clocks } });
  const frozen: Problem[] = [];
  const invalid: Problem[] = [];
  for (const change of list) {
    if (change.table !== 'reports') continue;
    const key = rowKey(change.table, change.rowId);
    const stored = state.get(key);
    for (const issue of reportChangeIssues(change, stored, submitter)) {
      (issue.code === 'report_submitted' || issue.code === 'report_stale' ? frozen : invalid).push({
        changeId: change.changeId,
        ...issue,
      });
    }
    const next = stored ?? { values: {}, clocks: {} };
    for (const [field, value] of Object.entries(change.fields)) {
      if ((next.clocks[field] ?? '') < change.hlc) {
        next.values[field] = value;
        next.clocks[field] = change.hlc;
      }
    }
    state.set(key, next);
  }
  if (frozen.length > 0) {
    const stale = frozen.every((p) => p.code === 'report_stale');
    throw new ApiError(
      409,
      stale ? 'report_stale' : 'report_submitted',
      stale
        ? 'The report changed since this copy was composed; open it again, then submit.'
        : 'A submitted report is read-only; a correction is a new version.',
      { extra: { details: frozen } },
    );
  }
  if (invalid.length > 0) throw invalidChanges(invalid);
}

/**
 * A unit's "meeting the standard" never exceeds its head count (schemas.ts unitPairIssues), judged on
 * the row as the change would leave it — the stored values, earlier changes of this push, then this
 * one — so a total lowered by one person below the count another entered is refused with the reason,
 * not stored as a share above 100% (issue 19).
 *
 * @throws ApiError 400 `invalid_changes` naming each such change and field
 */
function checkUnitPairs(list: readonly Change[], rows: ReadonlyMap<string, StoredRow>): void {
  const values = new Map<string, Record<string, FieldValue>>();
  for (const [key, row] of rows) if (row.table === 'unitFigures') values.set(key, { ...row.state.values });
  const problems: Problem[] = [];
  for (const change of list) {
    if (change.table !== 'unitFigures') continue;
    const key = rowKey(change.table, change.rowId);
    const next = { ...values.get(key), ...change.fields };
    const counts: Record<string, number | undefined> = {};
    for (const [field, value] of Object.entries(next)) if (typeof value === 'number') counts[field] = value;
    const [field] = unitPairIssues(counts).filter(
      (f) => f in change.fields || (UNIT_PAIR_OF[f] ?? '') in change.fields,
    );
    if (field) {
      problems.push({
        changeId: change.changeId,
        code: 'invalid_value',
        field,
        message: `"${field}" cannot be more than "${UNIT_PAIR_OF[field]}" (people meeting the standard are among those in scope)`,
      });
      continue;
    }
    values.set(key, next);
  }
  if (problems.length > 0) throw invalidChanges(problems);
}

/** Fields that say who entered a row: the account that sends it, never a name typed by someone else. */
const SIGNED_FIELDS: Partial<Record<Change['table'], string>> = {
  unitFigures: 'enteredBy',
  activities: 'recordedBy',
};

/**
 * "Who entered what" (issue 19, item 1) is the pushing account's display name: a unit's figures
 * "entered by" someone else would mislead the officer who reads them.
 *
 * @throws ApiError 400 `invalid_changes` naming each such change
 */
function checkSigned(list: readonly Change[], displayName: string): void {
  const problems: Problem[] = [];
  for (const change of list) {
    const field = SIGNED_FIELDS[change.table];
    const value = field ? change.fields[field] : undefined;
    if (field && typeof value === 'string' && normalizeLine(value) !== normalizeLine(displayName)) {
      problems.push({
        changeId: change.changeId,
        code: 'invalid_value',
        field,
        message: `"${field}" is the name of the account that sends the change`,
      });
    }
  }
  if (problems.length > 0) throw invalidChanges(problems);
}

/** Each "meeting" count's head count. */
const UNIT_PAIR_OF = Object.fromEntries(
  UNIT_COUNT_PAIRS.map(([total, meeting]) => [meeting, total]),
) as Record<string, string>;

function precheck(auth: ReturnType<typeof requireUser>, list: readonly Change[], now: number): Change[] {
  const forbidden: Problem[] = [];
  const ahead: Problem[] = [];
  const invalid: Problem[] = [];
  const normalised: Change[] = [];
  for (const change of list) {
    const isVillage = change.table === 'villages';
    if (!canWriteVillage(auth, change.villageId)) {
      forbidden.push({ changeId: change.changeId, code: 'village_forbidden', message: 'Not your village' });
      continue;
    }
    if (!roleMayWrite(auth.role, change)) {
      forbidden.push({
        changeId: change.changeId,
        code: 'village_forbidden',
        message: forbiddenWhy(auth.role, change),
      });
      continue;
    }
    if (isVillage && change.rowId !== change.villageId) {
      invalid.push({
        changeId: change.changeId,
        code: 'village_mismatch',
        message: 'A village row is its own village',
      });
      continue;
    }
    const stamp = parseHlc(change.hlc);
    // The server's own node marks its privacy clears (conflict-routes.ts): a phone may not pass for it.
    if (stamp.node === SERVER_NODE) {
      invalid.push({ changeId: change.changeId, code: 'reserved_node', message: 'Timestamp of the server' });
      continue;
    }
    if (stamp.wall > now + MAX_CLOCK_AHEAD_MS) {
      ahead.push({ changeId: change.changeId, code: 'clock_ahead', message: 'Timestamp is in the future' });
      continue;
    }
    const checked = checkChangeFields(change.table, change.fields);
    if (!checked.ok) {
      // One detail per change: the phone needs the change named and a reason, not every field's.
      const [issue] = checked.issues;
      if (issue)
        invalid.push({
          changeId: change.changeId,
          code: issue.code,
          message: issue.message,
          field: issue.field,
        });
      continue;
    }
    const dates = dateIssues(checked.fields, now);
    if (dates.length > 0) {
      for (const issue of dates) {
        invalid.push({
          changeId: change.changeId,
          code: 'implausible_date',
          message: `"${issue.field}": ${issue.message}`,
          field: issue.field,
        });
      }
      continue;
    }
    normalised.push({ ...change, fields: checked.fields });
  }
  if (forbidden.length > 0) {
    throw new ApiError(403, 'village_forbidden', 'Some changes belong to villages you may not edit.', {
      extra: { details: forbidden },
    });
  }
  if (ahead.length > 0) {
    throw new ApiError(
      422,
      'clock_ahead',
      "The device's clock is ahead of the server's; correct it and retry.",
      {
        extra: { details: ahead, serverTime: now },
      },
    );
  }
  invalid.push(...sameIdDifferentChange(list));
  if (invalid.length > 0) throw invalidChanges(invalid);
  return normalised;
}

function invalidChanges(details: Problem[]): ApiError {
  return new ApiError(400, 'invalid_changes', 'Some changes are not valid.', { extra: { details } });
}

/**
 * Refuses changes that would join two villages: a change naming another village than its row's
 * (a row never moves), or a pointer to a row of another village. Rows created earlier in the same
 * push count as known, so a new household and its residents can travel together.
 */
async function checkVillages(
  tx: Parameters<typeof villagesOfRows>[0],
  list: readonly Change[],
  rows: ReadonlyMap<string, StoredRow>,
): Promise<void> {
  const known = await villagesOfRows(tx, list.flatMap(referencesOf));
  for (const [key, row] of rows) known.set(key, row.villageId);
  const problems: Problem[] = [];
  for (const change of list) {
    const key = rowKey(change.table, change.rowId);
    const village = known.get(key);
    if (village !== undefined && village !== change.villageId) {
      problems.push({
        changeId: change.changeId,
        code: 'village_mismatch',
        field: 'villageId',
        message: 'The row belongs to another village',
      });
      continue;
    }
    known.set(key, change.villageId);
    for (const issue of referenceIssues(change, (table, id) => known.get(rowKey(table, id)))) {
      problems.push({ changeId: change.changeId, ...issue });
    }
  }
  if (problems.length > 0) throw invalidChanges(problems);
}

export const pushRoutes: FastifyPluginAsync<{ db: Database; now: () => number }> = async (
  app,
  { db, now: clock },
) => {
  const statistics = keepStatistics(db, app.log);
  app.addHook('onClose', () => statistics.idle());

  // 500 full rows with long notes stay far below this; anything larger is not a phone's outbox.
  app.post(
    '/sync/push',
    { preHandler: app.authenticate, bodyLimit: 4 * 1024 * 1024 },
    async (request): Promise<PushResponse> => {
      checkProtocol(request);
      const auth = requireUser(request);
      boundRawPush(request.body);
      const body = parseInput(pushRequestSchema, request.body, 'push');
      const { epoch } = parseInput(pushQuerySchema, request.query, 'push query');
      const now = clock();
      const list = precheck(auth, body.changes, now);

      const outcome = await db.transaction(async (tx) => {
        // Taken first and held to commit: pushes are numbered strictly in commit order.
        const { lastSeq, clock: serverClock } = await lockSequence(tx);
        // Under the lock: a restore cannot slip in between this check and the push's writes.
        if (epoch !== undefined) checkDataIdentity(await readDataIdentity(tx), epoch);
        const rows = await loadRows(tx, list);
        const known = await knownChangeIds(tx, list);
        refuseTeamVillageRows(auth, list, rows);
        const fresh = list.filter((c) => !known.has(c.changeId));
        checkReports(fresh, rows, normalizeLine(auth.displayName));
        checkUnitPairs(fresh, rows);
        checkSigned(fresh, auth.displayName);
        await loadErasureContext(tx, list, rows);
        // Duplicates were checked when first pushed; checking them again against rows that have
        // moved on since could refuse a retry of a change the server already holds.
        await checkVillages(
          tx,
          list.filter((c) => !known.has(c.changeId)),
          rows,
        );
        let result: ReturnType<typeof mergeBatch>;
        try {
          result = mergeBatch({
            changes: list,
            rows,
            known,
            lastSeq,
            serverClock,
            now,
          });
        } catch (error) {
          if (error instanceof VillageMismatchError) {
            throw new ApiError(400, 'invalid_changes', 'A change names another village than its row.', {
              extra: {
                details: [{ changeId: error.changeId, code: 'village_mismatch', message: error.message }],
              },
            });
          }
          if (error instanceof ErasedRowError) {
            throw invalidChanges([
              {
                changeId: error.changeId,
                code: error.code,
                message: 'An erased resident comes back only by the undo of the phone that deleted them.',
              },
            ]);
          }
          throw error;
        }
        if (result.applied.length > 0) {
          await upsertRecords(tx, result.rows);
          await insertChanges(
            tx,
            result.applied.map(({ change, seq, logged }) => ({
              seq,
              // What erasure stripped from a change is not logged either (sync/erasure.ts).
              change: logged ? { ...change, fields: logged } : change,
              userId: auth.userId,
              deviceId: body.deviceId,
            })),
          );
          if (result.conflicts.length > 0) {
            await tx.insert(conflicts).values(
              result.conflicts.map((c) => ({
                tbl: c.table,
                rowId: c.rowId,
                villageId: c.villageId,
                field: c.field,
                winnerValue: c.winnerValue,
                winnerHlc: c.winnerHlc,
                loserValue: c.value,
                loserHlc: c.hlc,
                loserChangeId: c.loserChangeId ?? null,
              })),
            );
          }
          if (result.erasures.length > 0) {
            // In this transaction: a deleted person's values are never stored past this push.
            const purged = await purgeErasures(
              tx,
              result.erasures,
              { lastSeq: result.lastSeq, clock: result.serverClock, now },
              auth.userId,
            );
            result = { ...result, lastSeq: purged.lastSeq, serverClock: purged.clock };
          }
          await saveSequence(tx, { lastSeq: result.lastSeq, clock: result.serverClock });
          for (const { change } of result.applied) {
            if (typeof change.fields.deletedAt === 'string') {
              await audit(tx, {
                userId: auth.userId,
                action: 'record.delete',
                detail: { table: change.table, rowId: change.rowId, villageId: change.villageId },
              });
            }
          }
        }
        return result;
      });
      statistics.wrote(outcome.applied.length);
      return { results: outcome.results, serverTime: clock() };
    },
  );
};
