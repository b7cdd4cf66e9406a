/**
 * Which villages' rows changed since the dashboard last counted them (issue 18, item 5), told by the
 * database itself. Reading a commune's 260,000 rows out of IndexedDB takes ~25 s on an officer's PC
 * (structured clone of every row), so the dashboard's worker keeps a compact copy per village
 * (`indicatorSnapshots`) and must know, on any later start, whether it still holds.
 *
 * A Dexie DBCore middleware (the pattern of Dexie Cloud's mutation tracking) adds two stores to every
 * read-write transaction that touches a synced table, and in that same transaction, for every write:
 * - stamps the villages written (`dataVersions`, a new random stamp per write) — a write of unknown
 *   villages (a delete by key, a range, a modify by criteria) stamps `ANY_VILLAGE`;
 * - deletes those villages' snapshots (all of them for `ANY_VILLAGE`). So a snapshot never outlives a
 *   write, whichever code path, context (page, worker, service worker) or account made it, and a person
 *   erased or a village taken off the phone leaves no copy behind in a snapshot (DESIGN §7).
 * The stamps let a snapshot built from a read that raced a write be refused when it is stored.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { SYNCED_TABLES } from '../../core/changes';
import { newId } from '../../core/ids';
import { COMMUNE_TABLES } from '../../core/sync/scope';

/** The stamp of writes whose villages the middleware cannot see. */
export const ANY_VILLAGE = '*';
export const DATA_VERSIONS = 'dataVersions';
export const INDICATOR_SNAPSHOTS = 'indicatorSnapshots';

/** Tables whose rows the dashboard counts (targets are read whole each time: a few rows a year). */
export const COUNTED_TABLES: ReadonlySet<string> = new Set(
  SYNCED_TABLES.filter((table) => !COMMUNE_TABLES.has(table)),
);

export interface DataVersion {
  villageId: string;
  /** Changes on every write of the village's rows. */
  stamp: string;
}

/** The villages a write touches, or ANY_VILLAGE when its values do not say. */
function villagesOf(req: DBCoreMutateRequest): string[] {
  if (req.type === 'put' && (req.updates || req.criteria || req.changeSpec)) return [ANY_VILLAGE];
  if (req.type !== 'add' && req.type !== 'put') return [ANY_VILLAGE];
  const villages = new Set<string>();
  for (const value of req.values) {
    const villageId = (value as { villageId?: unknown } | null)?.villageId;
    if (typeof villageId !== 'string') return [ANY_VILLAGE];
    villages.add(villageId);
  }
  return [...villages];
}

function tracked(down: DBCore, table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    async mutate(req) {
      const result = await table.mutate(req);
      // An upgrade's own rewrites run before these stores may exist; a snapshot records the schema
      // version it was built under instead (dashboard-api.ts).
      if ((req.trans as unknown as IDBTransaction).mode === 'versionchange') return result;
      const villages = villagesOf(req);
      if (villages.length === 0) return result;
      const stamp = newId();
      await down.table(DATA_VERSIONS).mutate({
        type: 'put',
        trans: req.trans,
        values: villages.map((villageId): DataVersion => ({ villageId, stamp })),
      });
      const snapshots = down.table(INDICATOR_SNAPSHOTS);
      if (villages.includes(ANY_VILLAGE)) {
        await snapshots.mutate({
          type: 'deleteRange',
          trans: req.trans,
          range: { type: 3 /* DBCoreRangeType.Any */, lower: undefined, upper: undefined },
        });
      } else {
        await snapshots.mutate({ type: 'delete', trans: req.trans, keys: villages });
      }
      return result;
    },
  };
}

/** Installed by NgoSoDatabase on every instance, in every context that opens the database. */
export const dataVersionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'dataVersions',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.some((s) => COUNTED_TABLES.has(s))
            ? [...new Set([...stores, DATA_VERSIONS, INDICATOR_SNAPSHOTS])]
            : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return COUNTED_TABLES.has(name) ? tracked(down, table) : table;
      },
    };
  },
};
