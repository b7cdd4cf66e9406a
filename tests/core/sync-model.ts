/**
 * A model of the sync protocol for the property tests (sync-convergence.property.test.ts): a server
 * that does what src/server/sync/push.ts and pull.ts do, and phones that do what src/app/sync does,
 * both made of the real pure core functions — the wire schema, field and date rules, mergeBatch,
 * the row merges, the HLC, scope keys and restampFuture. Only the glue between them (a request, an
 * answer, the phone's tables) is written here, so a fault the properties find is in that core code
 * or in the protocol itself, not in a re-implementation of it.
 *
 * Time is one real clock (`sim.now`, the server's). Each phone reads it through its own skew (its
 * wall clock) plus the offset it last measured from a server answer (its corrected clock). Requests
 * take no time, so a measured offset is exact.
 */
import { changeSchema } from '../../src/core/change-schema';
import type { Change, FieldValue, SyncedTable } from '../../src/core/changes';
import { dateIssues } from '../../src/core/date-rules';
import { seededRandom } from '../../src/core/demo-data';
import { formatHlc, type Hlc, initialHlc, parseHlc, receiveHlc, tickHlc } from '../../src/core/hlc';
import { checkChangeFields } from '../../src/core/sync/field-rules';
import {
  decodeRow,
  encodeClocks,
  MAX_CLOCK_AHEAD_MS,
  MAX_PUSH_CHANGES,
  type WireRow,
} from '../../src/core/sync/protocol';
import { restampFuture } from '../../src/core/sync/restamp';
import { mergeChange, mergeStates, type RowState } from '../../src/core/sync/row-state';
import { inScope, scopeKey } from '../../src/core/sync/scope';
import {
  type ConflictEntry,
  mergeBatch,
  rowKey,
  SERVER_NODE,
  type StoredRow,
} from '../../src/core/sync/server-merge';

export const DAY = 86_400_000;
/** The skews the issue names: a right clock, one set a day ahead, one 400 days behind. */
export const AHEAD = DAY;
export const BEHIND = -400 * DAY;
export const T0 = 1_764_000_000_000;
/** As src/app/db/clock.ts: an offset this small is network noise, not a wrong clock. */
export const NOISE_MS = 2_000;
/** As src/app/sync/sync-engine.ts: how often one sync follows a changing scope. */
export const MAX_SCOPE_RESTARTS = 3;
/**
 * A phone repairs its stamps once per clock_ahead answer; a second refusal in a row for the same
 * outbox means the repair did not repair, and the real app would retry forever.
 */
const MAX_REPAIRS_IN_A_ROW = 2;

/** The demo register's seeded PRNG (mulberry32): the same seed replays the same run anywhere. */
export const prng = seededRandom;

// ------------------------------------------------------------------------------------------ server

export interface Server {
  rows: Map<string, StoredRow>;
  known: Set<string>;
  lastSeq: number;
  clock: Hlc;
  conflicts: ConflictEntry[];
  log: Change[];
  /** Each user's villages, to see and to write: what the officer grants and takes away. */
  scopes: Map<string, string[]>;
}

export function newServer(scopes: Iterable<[string, string[]]> = []): Server {
  return {
    rows: new Map(),
    known: new Set(),
    lastSeq: 0,
    clock: initialHlc(SERVER_NODE),
    conflicts: [],
    log: [],
    scopes: new Map(scopes),
  };
}

export interface Problem {
  changeId: string;
  code: string;
}

export type PushAnswer =
  | { code: 'ok'; results: Array<{ changeId: string; status: string }>; serverTime: number }
  | {
      code: 'village_forbidden' | 'clock_ahead' | 'invalid_changes';
      details: Problem[];
      serverTime: number;
    };

/**
 * POST /sync/push as push.ts answers it: the wire schema canonicalises ids, then the whole batch is
 * refused if any change names a village outside the user's scope, else if any is stamped beyond the
 * server's clock, else if any breaks a field or date rule; otherwise mergeBatch stores it.
 */
export function serverPush(
  server: Server,
  userId: string,
  wire: readonly unknown[],
  now: number,
): PushAnswer {
  const scope = server.scopes.get(userId) ?? [];
  const forbidden: Problem[] = [];
  const ahead: Problem[] = [];
  const invalid: Problem[] = [];
  const list: Change[] = [];
  for (const raw of wire) {
    const change = changeSchema.parse(raw);
    if (!inScope(scope, change.villageId)) {
      forbidden.push({ changeId: change.changeId, code: 'village_forbidden' });
      continue;
    }
    if (parseHlc(change.hlc).wall > now + MAX_CLOCK_AHEAD_MS) {
      ahead.push({ changeId: change.changeId, code: 'clock_ahead' });
      continue;
    }
    const checked = checkChangeFields(change.table, change.fields);
    if (!checked.ok) {
      for (const issue of checked.issues) invalid.push({ changeId: change.changeId, code: issue.code });
      continue;
    }
    const dates = dateIssues(checked.fields, now);
    if (dates.length > 0) {
      for (const issue of dates) invalid.push({ changeId: change.changeId, code: issue.message });
      continue;
    }
    list.push({ ...change, fields: checked.fields });
  }
  if (forbidden.length > 0) return { code: 'village_forbidden', details: forbidden, serverTime: now };
  if (ahead.length > 0) return { code: 'clock_ahead', details: ahead, serverTime: now };
  if (invalid.length > 0) return { code: 'invalid_changes', details: invalid, serverTime: now };

  const rows = new Map<string, StoredRow>();
  for (const c of list) {
    const existing = server.rows.get(rowKey(c.table, c.rowId));
    if (existing) rows.set(rowKey(c.table, c.rowId), existing);
  }
  const out = mergeBatch({
    changes: list,
    rows,
    known: server.known,
    lastSeq: server.lastSeq,
    serverClock: server.clock,
    now,
  });
  for (const row of out.rows) server.rows.set(rowKey(row.table, row.id), row);
  for (const { change } of out.applied) {
    server.known.add(change.changeId);
    server.log.push(change);
  }
  server.conflicts.push(...out.conflicts);
  server.lastSeq = out.lastSeq;
  server.clock = out.serverClock;
  return { code: 'ok', results: out.results, serverTime: now };
}

export type PullAnswer =
  | { code: 'scope_changed'; villageIds: string[]; serverTime: number }
  | {
      code: 'ok';
      rows: WireRow[];
      cursor: number;
      hasMore: boolean;
      scope: string;
      serverTime: number;
    };

/** GET /sync/pull?since&scope as pull.ts answers it: a cursor belongs to the scope it was pulled under. */
export function serverPull(
  server: Server,
  userId: string,
  since: number,
  cursorScope: string | undefined,
  limit: number,
  now: number,
): PullAnswer {
  const villages = server.scopes.get(userId) ?? [];
  const scope = scopeKey(villages);
  if ((since > 0 || cursorScope !== undefined) && cursorScope !== scope) {
    return { code: 'scope_changed', villageIds: [...villages], serverTime: now };
  }
  const found = [...server.rows.values()]
    .filter((r) => r.seq > since && inScope(villages, r.villageId))
    .sort((a, b) => a.seq - b.seq);
  const page = found.slice(0, limit);
  return {
    code: 'ok',
    rows: page.map((r) => ({
      t: r.table,
      i: r.id,
      g: r.villageId,
      s: r.seq,
      d: r.state.values,
      ...encodeClocks(r.state.clocks),
    })),
    cursor: page.at(-1)?.seq ?? since,
    hasMore: found.length > limit,
    scope,
    serverTime: now,
  };
}

// ------------------------------------------------------------------------------------------ phones

export interface LocalRow {
  table: SyncedTable;
  id: string;
  villageId: string;
  state: RowState;
}

export interface Rejected {
  change: Change;
  code: string;
  /** Whether the change's village was outside the user's scope when the server refused it. */
  outsideScope: boolean;
}

export interface Phone {
  node: string;
  user: string;
  /** Its wall clock minus real time; set by the person, changed only by them. */
  skew: number;
  /** Server time minus wall time, as last measured (0 until then, or when within the noise). */
  offset: number;
  clock: Hlc;
  /** The highest clock received from the server. */
  seen: string | undefined;
  rows: Map<string, LocalRow>;
  outbox: Change[];
  acked: Change[];
  rejected: Rejected[];
  cursor: number;
  /** The scope key the cursor was pulled under. */
  pullScope: string | undefined;
  /** The villages the session believes its user may see: stale until a scope_changed says so. */
  villages: string[];
  phase: 'idle' | 'pushing' | 'pulling';
  scopeRestarts: number;
  repairsInARow: number;
}

/** What the test knows about a change beyond the change itself, to judge its fate. */
export interface Made {
  node: string;
  /** The stamp it was given when made (a repair may change it). */
  hlc: string;
  /** Real time of the edit. */
  at: number;
  /** How far the phone's corrected clock was from real time when it stamped the change. */
  error: number;
}

export interface Stats {
  repairs: number;
  forbidden: number;
  scopeChanged: number;
  caseDuplicates: number;
}

export interface Sim {
  server: Server;
  phones: Phone[];
  now: number;
  random: () => number;
  made: Map<string, Made>;
  stats: Stats;
  nextId: number;
  /** Set it to follow a failing seed request by request. */
  trace?: ((line: string) => void) | undefined;
}

export function newSim(random: () => number, server: Server = newServer()): Sim {
  return {
    server,
    phones: [],
    now: T0,
    random,
    made: new Map(),
    stats: { repairs: 0, forbidden: 0, scopeChanged: 0, caseDuplicates: 0 },
    nextId: 0,
  };
}

/** A fresh id per simulation, with letters in it so an upper-case spelling differs. */
export function newId(sim: Sim): string {
  sim.nextId++;
  return `0191f5a0-beef-7abc-8def-${sim.nextId.toString(16).padStart(12, 'a')}`;
}

export function addPhone(sim: Sim, user: string, skew: number): Phone {
  const node = `${String(sim.phones.length + 1).padStart(16, 'a')}`.slice(-16);
  const phone: Phone = {
    node,
    user,
    skew,
    offset: 0,
    clock: initialHlc(node),
    seen: undefined,
    rows: new Map(),
    outbox: [],
    acked: [],
    rejected: [],
    cursor: 0,
    pullScope: undefined,
    villages: [...(sim.server.scopes.get(user) ?? [])],
    phase: 'idle',
    scopeRestarts: 0,
    repairsInARow: 0,
  };
  sim.phones.push(phone);
  return phone;
}

export const wallTime = (phone: Phone, now: number) => now + phone.skew;
/** What the app calls communeNowMs(): the wall clock corrected by the measured offset. */
export const phoneNow = (phone: Phone, now: number) => wallTime(phone, now) + phone.offset;

/** Every server answer carries its time; the phone keeps the offset unless it is noise. */
function hear(phone: Phone, serverTime: number, now: number): void {
  const offset = serverTime - wallTime(phone, now);
  phone.offset = Math.abs(offset) > NOISE_MS ? offset : 0;
}

function receive(phone: Phone, stamp: string, now: number): void {
  phone.clock = receiveHlc(phone.clock, parseHlc(stamp), phoneNow(phone, now), Number.POSITIVE_INFINITY);
  if (phone.seen === undefined || stamp > phone.seen) phone.seen = stamp;
}

/** Every stamp still in play on the phone: its queued changes and the field clocks it holds. */
function liveStamps(phone: Phone): string[] {
  return [
    ...phone.outbox.map((c) => c.hlc),
    ...[...phone.rows.values()].flatMap((r) => Object.values(r.state.clocks)),
  ];
}

function highest(stamps: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const s of stamps) if (s !== undefined && (best === undefined || s > best)) best = s;
  return best;
}

/**
 * The clock state an edit ticks from. A stored state further ahead of the corrected clock than the
 * server would accept (stamps of a wrong clock, never accepted) is dropped, so that edits made once
 * the phone knows better are stamped right, not a day ahead.
 *
 * It falls back to the highest clock seen from the server, and to no less than the phone's own
 * stamps still in play that the server would take: ticking from `seen` alone, in the millisecond of
 * one of those, would issue that stamp again (see stampEdit for why a repeated stamp matters).
 */
export function clockToStampFrom(phone: Phone, now: number): Hlc {
  const limit = phoneNow(phone, now) + MAX_CLOCK_AHEAD_MS;
  if (phone.clock.wall <= limit) return phone.clock;
  const floor = highest([phone.seen, ...liveStamps(phone).filter((s) => parseHlc(s).wall <= limit)]);
  return floor ? { ...parseHlc(floor), node: phone.node } : initialHlc(phone.node);
}

/**
 * The next stamp for an edit: above the clocks of the fields it overwrites. When one of those is a
 * stamp of the wrong clock still waiting for its repair, the edit goes above every stamp in play,
 * not just above that one: between them lie the phone's other wrong stamps, and ticking from the
 * field's own issues one of them again. The edit is then repaired with the rest, its base following
 * the repaired stamp.
 *
 * The rule as first written — fall back to `seen`, then go just above the field's clock — did issue
 * a stamp twice (seed 1693599578 with 5 phones): two queued changes of one row with one stamp, and
 * restampFuture's old → new map, keyed by stamp, then moved both rows' clocks to one of the two new
 * stamps, so the phone kept a field clock the server never had.
 */
function stampEdit(phone: Phone, now: number, floors: ReadonlyArray<string | undefined>): string {
  const time = phoneNow(phone, now);
  let last = clockToStampFrom(phone, now);
  const top = highest(floors);
  if (top !== undefined && top > formatHlc(last)) {
    const stamp =
      parseHlc(top).wall > time + MAX_CLOCK_AHEAD_MS
        ? (highest([formatHlc(phone.clock), ...liveStamps(phone)]) as string)
        : top;
    last = { ...parseHlc(stamp), node: phone.node };
  }
  phone.clock = tickHlc(last, time);
  return formatHlc(phone.clock);
}

/** A local edit: stamped, applied to the phone's row, queued. Ids are canonical on the phone. */
export function edit(
  sim: Sim,
  phone: Phone,
  target: { table: SyncedTable; id: string; villageId: string },
  fields: Record<string, FieldValue>,
): Change {
  const key = rowKey(target.table, target.id);
  const local = phone.rows.get(key);
  const names = Object.keys(fields);
  const hlc = stampEdit(
    phone,
    sim.now,
    names.map((f) => local?.state.clocks[f]),
  );
  const change: Change = {
    changeId: newId(sim),
    table: target.table,
    rowId: target.id,
    villageId: target.villageId,
    fields,
    hlc,
    ...(local ? { base: Object.fromEntries(names.map((f) => [f, local.state.clocks[f] ?? null])) } : {}),
  };
  phone.rows.set(key, { ...target, state: mergeChange(local?.state, change).state });
  phone.outbox.push(change);
  sim.made.set(change.changeId, {
    node: phone.node,
    hlc,
    at: sim.now,
    error: phoneNow(phone, sim.now) - sim.now,
  });
  sim.trace?.(`${sim.now} ${phone.node} edits ${key} ${JSON.stringify(fields)} @${hlc} (${change.changeId})`);
  return change;
}

/** The phone's corrected time as an ISO instant: what createdAt, deletedAt… are written with. */
export function phoneIso(phone: Phone, now: number): string {
  return new Date(phoneNow(phone, now)).toISOString();
}

/** Ids on the wire in either case, as an old or foreign client may send them. */
function spell(change: Change, random: () => number): Change {
  const up = (id: string) => (random() < 0.35 ? id.toUpperCase() : id);
  return {
    ...change,
    changeId: up(change.changeId),
    rowId: up(change.rowId),
    villageId: up(change.villageId),
  };
}

function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * One push request of the oldest queued changes. A hostile network reorders the batch, sends a
 * change twice (perhaps spelt otherwise), loses the request or loses the answer; either loss ends
 * the sync, as a network failure does in the app.
 */
export function pushStep(sim: Sim, phone: Phone, hostile: boolean): void {
  const { random } = sim;
  const size = hostile
    ? 1 + Math.floor(random() * Math.min(phone.outbox.length, 6))
    : Math.min(phone.outbox.length, MAX_PUSH_CHANGES);
  const batch = phone.outbox.slice(0, size);
  let wire = batch.map((c) => spell(c, random));
  if (hostile) {
    wire = shuffle(wire, random);
    if (random() < 0.3) wire.push(spell(batch[Math.floor(random() * batch.length)] as Change, random));
    if (random() < 0.15) {
      phone.phase = 'idle';
      return;
    }
  }
  const answer = serverPush(sim.server, phone.user, wire, sim.now);
  if (hostile && random() < 0.15) {
    phone.phase = 'idle';
    return;
  }
  hear(phone, answer.serverTime, sim.now);
  sim.trace?.(
    `${sim.now} ${phone.node} pushes ${batch.map((c) => c.changeId.slice(-4)).join(',')}: ${answer.code}`,
  );
  if (answer.code === 'ok') {
    phone.repairsInARow = 0;
    const acked = new Set(answer.results.map((r) => r.changeId));
    for (const c of batch) {
      if (!acked.has(c.changeId)) throw new Error(`push answered no result for ${c.changeId}`);
    }
    sim.stats.caseDuplicates += answer.results.filter(
      (r, i) => r.status === 'duplicate' && wire[i]?.changeId !== r.changeId,
    ).length;
    phone.acked.push(...phone.outbox.filter((c) => acked.has(c.changeId)));
    phone.outbox = phone.outbox.filter((c) => !acked.has(c.changeId));
    return;
  }
  if (answer.code === 'clock_ahead') {
    repairClock(sim, phone, answer.serverTime);
    return;
  }
  if (answer.code === 'village_forbidden') sim.stats.forbidden++;
  setAside(sim, phone, answer.details);
}

/**
 * clock_ahead: the real restampFuture over the whole outbox, then the rows follow their stamps (and
 * moved dates), and the clock moves back to the repaired time — src/app/sync/restamp.ts.
 */
function repairClock(sim: Sim, phone: Phone, serverTime: number): void {
  phone.repairsInARow++;
  if (phone.repairsInARow > MAX_REPAIRS_IN_A_ROW) {
    throw new Error(
      `restamp loop: phone ${phone.node} was refused clock_ahead ${phone.repairsInARow} times in a row`,
    );
  }
  sim.stats.repairs++;
  const localNow = wallTime(phone, sim.now);
  const result = restampFuture({
    changes: phone.outbox,
    serverTime,
    localNow,
    maxAheadMs: MAX_CLOCK_AHEAD_MS,
    seen: phone.seen,
    node: phone.node,
  });
  if (result.restamped === 0) {
    throw new Error(`restamp loop: clock_ahead for phone ${phone.node} but restampFuture repaired nothing`);
  }
  const limit = serverTime + MAX_CLOCK_AHEAD_MS;
  for (const c of result.changes) {
    if (parseHlc(c.hlc).wall > limit) {
      throw new Error(
        `restamp loop: restampFuture left ${c.changeId} at ${c.hlc}, beyond the limit ${limit}`,
      );
    }
  }
  if (result.clock.node !== phone.node) {
    throw new Error(`restampFuture handed phone ${phone.node} the clock of node ${result.clock.node}`);
  }
  result.changes.forEach((repaired, i) => {
    const old = phone.outbox[i] as Change;
    const next = result.stamps.get(old.hlc);
    const row = phone.rows.get(rowKey(old.table, old.rowId));
    if (repaired === old || !next || !row) return;
    const moved = result.movedDates.get(old.changeId) ?? {};
    const values = { ...row.state.values };
    const clocks = { ...row.state.clocks };
    for (const [field, clock] of Object.entries(clocks)) {
      if (clock !== old.hlc) continue;
      clocks[field] = next;
      if (Object.hasOwn(moved, field)) values[field] = moved[field] as FieldValue;
    }
    row.state = { values, clocks };
  });
  // The offset was measured from this answer already (hear), as restamp.ts stores it too.
  phone.outbox = result.changes;
  phone.clock = result.clock;
}

/**
 * A refusal naming changes: they move to `rejected` (kept, never dropped) and their local effect is
 * undone — a field still holding a refused stamp takes the server's value if the phone may see it,
 * else goes; a row left without createdAt and with nothing queued goes.
 *
 * Undoing removes what the server may hold (the value under a refused edit, or a row whose create
 * was stored once but its answer lost), so the cursor no longer tells the truth: "every row up to N
 * is on this phone". The pull starts again from 0 under the villages the phone believes in. If a
 * village was taken away, that is a scope_changed as usual; if it was given back before the phone
 * heard (same scope key), the rows come back whole. Continuing from the cursor instead leaves the
 * phone without those values for good (seed 71515949 with 5 phones, before this rule).
 */
function setAside(sim: Sim, phone: Phone, details: readonly Problem[]): void {
  const named = new Map(details.map((d) => [d.changeId, d.code]));
  const refused = phone.outbox.filter((c) => named.has(c.changeId));
  if (refused.length === 0) throw new Error(`a refusal named no queued change: ${JSON.stringify(details)}`);
  const scope = sim.server.scopes.get(phone.user) ?? [];
  for (const change of refused) {
    phone.rejected.push({
      change,
      code: named.get(change.changeId) as string,
      outsideScope: !inScope(scope, change.villageId),
    });
  }
  phone.outbox = phone.outbox.filter((c) => !named.has(c.changeId));
  for (const change of refused) {
    const key = rowKey(change.table, change.rowId);
    const row = phone.rows.get(key);
    if (!row) continue;
    const stored = sim.server.rows.get(key);
    const visible = stored !== undefined && inScope(scope, stored.villageId);
    const values = { ...row.state.values };
    const clocks = { ...row.state.clocks };
    for (const [field, clock] of Object.entries(row.state.clocks)) {
      if (clock !== change.hlc) continue;
      const serverClock = visible ? stored.state.clocks[field] : undefined;
      if (visible && serverClock !== undefined) {
        values[field] = stored.state.values[field] ?? null;
        clocks[field] = serverClock;
        receive(phone, serverClock, sim.now);
      } else {
        delete values[field];
        delete clocks[field];
      }
    }
    row.state = { values, clocks };
    const queued = phone.outbox.some((c) => rowKey(c.table, c.rowId) === key);
    if (values.createdAt == null && !queued) phone.rows.delete(key);
  }
  phone.cursor = 0;
  phone.pullScope = undefined;
}

/**
 * One pull request. From the start the phone names the scope of the villages it believes in; a
 * scope_changed answer drops the rows of villages no longer visible (never the outbox) and starts
 * again from 0 under the new scope. A lost request or answer ends the sync.
 * @returns whether the pull finished (the last page applied)
 */
export function pullStep(sim: Sim, phone: Phone, hostile: boolean): boolean {
  const { random } = sim;
  const scope = phone.cursor > 0 ? phone.pullScope : scopeKey(phone.villages);
  const limit = hostile ? 1 + Math.floor(random() * 4) : 1000;
  if (hostile && random() < 0.1) {
    phone.phase = 'idle';
    return false;
  }
  const answer = serverPull(sim.server, phone.user, phone.cursor, scope, limit, sim.now);
  hear(phone, answer.serverTime, sim.now);
  sim.trace?.(
    `${sim.now} ${phone.node} pulls from ${phone.cursor}: ${answer.code === 'ok' ? `${answer.rows.length} rows` : `scope_changed ${answer.villageIds}`}`,
  );
  if (answer.code === 'scope_changed') {
    sim.stats.scopeChanged++;
    narrow(phone, answer.villageIds);
    phone.scopeRestarts++;
    if (phone.scopeRestarts > MAX_SCOPE_RESTARTS) phone.phase = 'idle';
    return false;
  }
  let newest = '';
  for (const row of answer.rows) {
    const remote = decodeRow(row);
    const key = rowKey(row.t, row.i);
    const local = phone.rows.get(key);
    phone.rows.set(key, {
      table: row.t,
      id: row.i,
      villageId: row.g,
      state: mergeStates(local?.state, remote),
    });
    for (const clock of Object.values(remote.clocks)) if (clock > newest) newest = clock;
  }
  if (newest) receive(phone, newest, sim.now);
  phone.cursor = answer.cursor;
  phone.pullScope = answer.scope;
  if (answer.hasMore) return false;
  phone.phase = 'idle';
  return true;
}

/** As narrowToScope: keep only rows of visible villages; the cursor no longer says anything. */
function narrow(phone: Phone, villages: readonly string[]): void {
  for (const [key, row] of phone.rows) if (!inScope(villages, row.villageId)) phone.rows.delete(key);
  phone.villages = [...villages];
  phone.cursor = 0;
  phone.pullScope = undefined;
}

/** One request of the phone's sync: push until the outbox is empty, then pull every page. */
export function networkStep(sim: Sim, phone: Phone, hostile: boolean): void {
  if (phone.phase === 'idle') {
    phone.phase = 'pushing';
    phone.scopeRestarts = 0;
  }
  if (phone.phase === 'pushing') {
    if (phone.outbox.length > 0) {
      pushStep(sim, phone, hostile);
      return;
    }
    phone.phase = 'pulling';
  }
  pullStep(sim, phone, hostile);
}

/** Pushes everything, on a network that works; fails loudly if that never ends. */
export function pushAll(sim: Sim, phone: Phone): void {
  for (let n = 0; phone.outbox.length > 0; n++) {
    if (n > 20)
      throw new Error(`phone ${phone.node} could not empty its outbox: ${phone.outbox.length} left`);
    pushStep(sim, phone, false);
  }
}

/** Pulls to the end, following scope changes; fails loudly if that never ends. */
export function pullAll(sim: Sim, phone: Phone): void {
  phone.scopeRestarts = 0;
  for (let n = 0; ; n++) {
    if (n > MAX_SCOPE_RESTARTS + 2) throw new Error(`phone ${phone.node} could not finish a pull`);
    phone.phase = 'pulling';
    if (pullStep(sim, phone, false)) return;
  }
}

export function syncNow(sim: Sim, phone: Phone): void {
  pushAll(sim, phone);
  pullAll(sim, phone);
}

// ------------------------------------------------------------------------------------ a random run

export function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}

export function randomEdit(sim: Sim, phone: Phone): void {
  const { random } = sim;
  // A phone edits only the villages it believes are its own: a stale belief is the point.
  if (phone.villages.length === 0) return;
  const now = phoneIso(phone, sim.now);
  const existing = [...phone.rows.values()].filter(
    (r) =>
      r.state.values.deletedAt == null && r.state.values.createdAt && inScope(phone.villages, r.villageId),
  );
  const roll = random();
  let target: { table: SyncedTable; id: string; villageId: string };
  let fields: Record<string, FieldValue>;
  if (existing.length === 0 || roll < 0.25) {
    const table = random() < 0.5 ? 'households' : 'residents';
    const id = newId(sim);
    target = { table, id, villageId: pick(phone.villages, random) };
    fields =
      table === 'households'
        ? { createdAt: now, label: `Hộ ${id.slice(-3)}`, membersCount: 3, poor: false }
        : { createdAt: now, name: `Người ${id.slice(-3)}`, birthYear: 1960, groups: [] };
  } else {
    const row = pick(existing, random);
    target = { table: row.table, id: row.id, villageId: row.villageId };
    const choice = random();
    if (choice < 0.1) fields = { deletedAt: now };
    else if (row.table === 'households') {
      fields =
        choice < 0.55
          ? { label: `Hộ ${Math.floor(random() * 100)}` }
          : choice < 0.8
            ? { membersCount: 1 + Math.floor(random() * 9) }
            : { poor: random() < 0.5, notes: random() < 0.5 ? null : `ghi chú ${Math.floor(random() * 10)}` };
    } else if (choice < 0.4) {
      fields = {
        consent: { purposes: ['skills_support', 'phone_contact'], collectedBy: 'A', collectedAt: now },
      };
    } else if (choice < 0.6) {
      fields = { consent: null, phone: null, groups: [] };
    } else if (choice < 0.8 && row.state.values.consent != null) {
      fields = { phone: `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}` };
    } else {
      fields = { name: `Người ${Math.floor(random() * 100)}` };
    }
  }
  edit(sim, phone, target, fields);
}

export interface Run {
  sim: Sim;
  /** Each user's villages at the start, to tell a grant and a removal at the end. */
  initial: Map<string, string[]>;
}

export function simulate(
  seed: number,
  phoneCount: number,
  steps: number,
  trace?: (line: string) => void,
): Run {
  const random = prng(seed);
  const villages = Array.from(
    { length: random() < 0.5 ? 2 : 3 },
    (_, i) => `0191f5a0-0000-7000-8000-0000000000${(0xa0 + i).toString(16)}`,
  );
  const users = Array.from({ length: random() < 0.5 ? 2 : 3 }, (_, i) => `user-${i}`);
  const scopes = users.map(() => villages.filter(() => random() < 0.6));
  // The first user will lose a village and the second gain one: each needs one to lose or to gain.
  if ((scopes[0] as string[]).length === 0) scopes[0] = [pick(villages, random)];
  if ((scopes[1] as string[]).length === villages.length) scopes[1] = villages.slice(1);
  const server = newServer(users.map((u, i) => [u, scopes[i] as string[]]));
  const sim = newSim(random, server);
  sim.trace = trace;
  const initial = new Map(users.map((u, i) => [u, [...(scopes[i] as string[])]]));

  // Every run has a right clock, one a day ahead and one 400 days behind.
  const skews = [
    0,
    AHEAD,
    BEHIND,
    ...Array.from({ length: phoneCount - 3 }, () => pick([0, AHEAD, BEHIND], random)),
  ];
  for (let i = skews.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [skews[i], skews[j]] = [skews[j] as number, skews[i] as number];
  }
  for (let i = 0; i < phoneCount; i++) addPhone(sim, users[i % users.length] as string, skews[i] as number);

  const events = new Map<number, Array<() => void>>();
  const at = (step: number, event: () => void) => events.set(step, [...(events.get(step) ?? []), event]);
  const toggle = (user: string, village: string) => {
    const scope = server.scopes.get(user) ?? [];
    sim.trace?.(`${sim.now} officer ${scope.includes(village) ? 'takes' : 'grants'} ${village} ${user}`);
    server.scopes.set(
      user,
      scope.includes(village) ? scope.filter((v) => v !== village) : [...scope, village],
    );
  };
  // The officer: one village taken from the first user, one granted to the second, and a few more
  // changes of other (user, village) pairs — one may be taken away and given back before a phone hears.
  const removed = pick(initial.get('user-0') as string[], random);
  const granted = pick(
    villages.filter((v) => !(initial.get('user-1') as string[]).includes(v)),
    random,
  );
  at(Math.floor(random() * steps), () => toggle('user-0', removed));
  at(Math.floor(random() * steps), () => toggle('user-1', granted));
  const others = users
    .flatMap((u) => villages.map((v) => [u, v] as const))
    .filter(([u, v]) => !(u === 'user-0' && v === removed) && !(u === 'user-1' && v === granted));
  for (let n = Math.floor(random() * 4); n > 0; n--) {
    const [user, village] = pick(others, random);
    at(Math.floor(random() * steps), () => toggle(user, village));
  }
  // A right clock set a day ahead after the phone synced: its stored offset (0) is then wrong, so
  // it stamps edits of rows it pulled a day ahead until the server tells it otherwise.
  for (const phone of sim.phones) {
    if (phone.skew === 0 && random() < 0.5) {
      at(Math.floor(random() * steps), () => {
        sim.trace?.(`${sim.now} ${phone.node} clock set a day ahead`);
        phone.skew = AHEAD;
      });
    }
  }

  for (let step = 0; step < steps; step++) {
    sim.now += Math.floor(random() * 3); // clocks often share a millisecond
    for (const event of events.get(step) ?? []) event();
    const phone = pick(sim.phones, random);
    if (random() < 0.45) randomEdit(sim, phone);
    else networkStep(sim, phone, true);
  }
  // The network heals: everyone sends everything, then pulls.
  sim.now += 1;
  for (const phone of sim.phones) pushAll(sim, phone);
  for (const phone of sim.phones) pullAll(sim, phone);
  return { sim, initial };
}
