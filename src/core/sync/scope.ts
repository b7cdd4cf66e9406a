/**
 * A pull cursor belongs to the scope it was pulled under (issue 13, kind 2). A cursor says "every row
 * up to N that you may see": when the villages a phone may see change — a village granted or taken
 * away, another account on the phone — rows below N of a new village were never sent, and rows of a
 * village no longer visible are still on the phone. So the phone saves the scope with its cursor,
 * sends it with every pull, and the server refuses a cursor of another scope (409 scope_changed);
 * the phone then drops what it may no longer see and pulls the new scope from the start.
 */

export type Scope = 'all' | readonly string[];

/**
 * The village id of the commune's own rows (targets, issue 18): not a village, but the scope every
 * account reads and only commune officers write. Part of every scope, so it does not change any
 * scope's key: commune rows are sent to whoever pulls, from the first one written.
 */
export const COMMUNE_VILLAGE_ID = '00000000-0000-7000-8000-000000000c0e';

/**
 * Tables whose rows are the commune's, under COMMUNE_VILLAGE_ID: targets, the reporting units' list,
 * and the commune's lesson cards (its edits of the bundled cards and its own, issue 20).
 */
export const COMMUNE_TABLES: ReadonlySet<string> = new Set(['targets', 'reportingUnits', 'lessonCards']);

/**
 * The scope of the commune office's own rows (issue 19): the commune's report and the activities it
 * holds itself. Unlike COMMUNE_VILLAGE_ID it is in no team's scope: the commune report lists every
 * village's figures, and a team sees its own villages only (DESIGN §4.8). Commune officers see it as
 * part of "all".
 */
export const COMMUNE_OFFICE_ID = '00000000-0000-7000-8000-000000000f1c';

/** The tables whose rows may live in the office scope. */
export const OFFICE_TABLES: ReadonlySet<string> = new Set(['reports', 'activities']);

/**
 * The tables a reporting unit's account writes (role `unit`, issue 19), in its own unit's scope (the
 * unit's id, its only "village"): its quarter's figures, its activities and its report.
 */
export const UNIT_TABLES: ReadonlySet<string> = new Set(['unitFigures', 'activities', 'reports']);

/** Account roles (the server's users table keeps the same list). */
export const ROLES = ['member', 'lead', 'commune', 'unit'] as const;
export type Role = (typeof ROLES)[number];

/** FNV-1a, 64 bits, as 16 hex characters: short enough for a query string, stable everywhere. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The key of a set of visible villages: "all" for the commune, else a hash of the sorted, lower-case
 * village ids (any order or case of the same villages gives the same key).
 */
export function scopeKey(scope: Scope): string {
  if (scope === 'all') return 'all';
  const ids = [...new Set(scope.map((id) => id.toLowerCase()))].sort();
  return `v${ids.length}-${fnv1a64(ids.join(','))}`;
}

/** Whether a row of `villageId` is visible in `scope` (the commune's own rows are, in every scope). */
export function inScope(scope: Scope, villageId: string): boolean {
  const id = villageId.toLowerCase();
  return scope === 'all' || id === COMMUNE_VILLAGE_ID || scope.includes(id);
}

/**
 * The fields of a village row its own team (members and leads) may change: the order they walk its
 * lanes (issue 15, kind 3). Its name, code, official counts, demo mark and life (creating, deleting)
 * stay the commune's.
 */
const TEAM_VILLAGE_FIELDS: ReadonlySet<string> = new Set(['laneOrder']);

/**
 * Whether a member or lead may make this change in a village of theirs: any row but a village's, and
 * of a village row only its walking order. The server enforces it (push.ts); the phone asks it too.
 */
export function teamMayWrite(change: { table: string; fields: object }): boolean {
  if (COMMUNE_TABLES.has(change.table) || change.table === 'unitFigures') return false;
  if (change.table !== 'villages') return true;
  const fields = Object.keys(change.fields);
  return fields.length > 0 && fields.every((f) => TEAM_VILLAGE_FIELDS.has(f));
}

/**
 * Whether an account of `role` may make this change in a scope of its own (the server checks the scope
 * itself, canWriteVillage): commune officers anything; a unit only its figures, activities and report;
 * members and leads what teamMayWrite allows, and a village's report is the lead's (plan VI.7: the
 * villages report to the commune). The server enforces it (push.ts); the phone asks it too.
 */
export function roleMayWrite(role: Role, change: { table: string; fields: object }): boolean {
  if (role === 'commune') return true;
  if (role === 'unit') return UNIT_TABLES.has(change.table);
  if (change.table === 'reports') return role === 'lead';
  return teamMayWrite(change);
}
