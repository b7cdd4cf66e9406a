/**
 * Diagnosis: wall time of each step of one 500-change push, in process, on an empty-ish database.
 * It replays the steps of src/server/sync/push.ts (same schema, same store helpers, same merge) with a
 * timer around each, and times Drizzle's SQL building apart from the database round trip. It is a
 * replica: when push.ts changes, compare the step list below with it.
 *
 * Every step from `lock` to `commit` runs while the sync_state row is locked, so concurrent pushes
 * queue behind it: their sum bounds the throughput whatever the number of clients.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../../src/core/changes';
import { generateDemoData } from '../../src/core/demo-data';
import { formatHlc, type Hlc, initialHlc, tickHlc } from '../../src/core/hlc';
import { newDeviceId, newId } from '../../src/core/ids';
import { checkChangeFields } from '../../src/core/sync/field-rules';
import { pushRequestSchema } from '../../src/core/sync/protocol-schemas';
import { mergeBatch } from '../../src/core/sync/server-merge';
import { type Database, migrate, openDatabase } from '../../src/server/db';
import {
  insertChanges,
  knownChangeIds,
  loadRows,
  lockSequence,
  saveSequence,
  upsertRecords,
} from '../../src/server/sync/store';
import { median, round } from './util';

export const PUSH_STEPS = [
  'jsonParse',
  'zodParse',
  'fieldRules',
  'lock',
  'selectRows',
  'selectKnown',
  'merge',
  'upsertRecords',
  'insertChanges',
  'saveSequence',
  'commit',
] as const;
export type PushStep = (typeof PUSH_STEPS)[number];

export interface PushSteps {
  backend: 'pglite' | 'postgres';
  batch: number;
  batches: number;
  /** Median ms per step over the measured batches. */
  medianMs: Record<PushStep, number>;
  /** Median of lock → commit: the part that holds the sequence lock. */
  lockedMs: number;
  totalMs: number;
  /** 1000 × batch / lockedMs: the ceiling on changes/s that the lock alone sets. */
  lockBoundChangesPerSecond: number;
}

function bodyText(
  batch: number,
  villageId: string,
  deviceId: string,
  clock: { t: Hlc },
  templates: object[],
) {
  const list: Change[] = [];
  for (let i = 0; i < batch; i++) {
    clock.t = tickHlc(clock.t, Date.now());
    list.push({
      changeId: newId(),
      table: 'households',
      rowId: newId(),
      villageId,
      fields: templates[i % templates.length] as Change['fields'],
      hlc: formatHlc(clock.t),
    });
  }
  return JSON.stringify({ deviceId, changes: list });
}

export async function measurePushSteps(
  db: Database,
  backend: 'pglite' | 'postgres',
  options: { batch: number; warmup: number; batches: number },
): Promise<PushSteps> {
  await migrate(db);
  const [village] = generateDemoData({
    now: new Date(),
    newId,
    collectedBy: 'Tổ viên',
    villageCount: 1,
    householdsPerVillage: options.batch,
    seed: 9,
  });
  if (!village) throw new Error('no demo village');
  const templates = village.households.map((h) => {
    const { id: _i, villageId: _v, updatedAt: _u, ...fields } = h as unknown as Record<string, unknown>;
    return fields;
  });
  const deviceId = newDeviceId();
  const clock = { t: initialHlc(deviceId) };
  const userId = newId();
  const samples: Array<Record<PushStep, number>> = [];

  for (let b = 0; b < options.warmup + options.batches; b++) {
    const text = bodyText(options.batch, village.village.id, deviceId, clock, templates);
    const t: Partial<Record<PushStep, number>> = {};
    let mark = performance.now();
    const lap = (step: PushStep) => {
      const now = performance.now();
      t[step] = (t[step] ?? 0) + now - mark;
      mark = now;
    };
    const raw = JSON.parse(text);
    lap('jsonParse');
    const body = pushRequestSchema.parse(raw);
    lap('zodParse');
    const list = body.changes.map((c) => {
      const checked = checkChangeFields(c.table, c.fields);
      if (!checked.ok) throw new Error(`invalid change: ${JSON.stringify(checked.issues)}`);
      return { ...c, fields: checked.fields };
    });
    lap('fieldRules');
    const now = Date.now();
    await db.transaction(async (tx) => {
      mark = performance.now();
      const { lastSeq, clock: serverClock } = await lockSequence(tx);
      lap('lock');
      const rows = await loadRows(tx, list);
      lap('selectRows');
      const known = await knownChangeIds(tx, list);
      lap('selectKnown');
      const result = mergeBatch({
        changes: list,
        rows,
        known,
        lastSeq,
        serverClock,
        now,
      });
      lap('merge');
      await upsertRecords(tx, result.rows);
      lap('upsertRecords');
      await insertChanges(
        tx,
        result.applied.map(({ change, seq }) => ({ seq, change, userId, deviceId: body.deviceId })),
      );
      lap('insertChanges');
      await saveSequence(tx, { lastSeq: result.lastSeq, clock: result.serverClock });
      lap('saveSequence');
    });
    lap('commit');
    if (b >= options.warmup) samples.push(t as Record<PushStep, number>);
  }

  const medianMs = Object.fromEntries(
    PUSH_STEPS.map((s) => [s, round(median(samples.map((x) => x[s])), 1)]),
  ) as Record<PushStep, number>;
  const lockedSteps: PushStep[] = PUSH_STEPS.slice(PUSH_STEPS.indexOf('lock'));
  const lockedMs = round(median(samples.map((x) => lockedSteps.reduce((n, s) => n + x[s], 0))), 1);
  const totalMs = round(median(samples.map((x) => PUSH_STEPS.reduce((n, s) => n + x[s], 0))), 1);
  return {
    backend,
    batch: options.batch,
    batches: samples.length,
    medianMs,
    lockedMs,
    totalMs,
    lockBoundChangesPerSecond: round((1000 * options.batch) / lockedMs),
  };
}

/** PGlite in a temporary data dir (on disk, like the server), or the given PostgreSQL database. */
export async function withStepsDatabase<T>(
  databaseUrl: string | undefined,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const dir = databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'ngo-so-steps-'));
  const db = await openDatabase({ dataDir: dir ?? '', databaseUrl });
  try {
    return await fn(db);
  } finally {
    await db.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
