/**
 * Which migrations a database has, said the way a person can act on: "up to 0005_ops (6 migrations)".
 * A backup records the level of the database it was taken from; a restore refuses a backup of another
 * level than this version's (issue 16): the rows of one schema do not load into another.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from '../db/migrate.js';
import type { Orm } from '../db.js';

export interface MigrationLevel {
  /** How many migrations are applied. */
  count: number;
  /** The tag of the last one (its file name without `.sql`, e.g. `0005_ops`). */
  last: string;
}

interface JournalEntry {
  tag: string;
  when: number;
}

function journal(): JournalEntry[] {
  const text = readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8');
  return (JSON.parse(text) as { entries: JournalEntry[] }).entries;
}

/** The level this version of Ngõ Số migrates a database to (drizzle/meta/_journal.json). */
export function expectedMigrationLevel(): MigrationLevel {
  const entries = journal();
  return { count: entries.length, last: entries.at(-1)?.tag ?? 'none' };
}

/**
 * The level of the database `orm` reaches (drizzle's `__drizzle_migrations` in the current schema,
 * whose `created_at` is the journal's `when` of each migration). A migration this version does not
 * know (the database was upgraded by a newer version) is named by its time.
 */
export async function appliedMigrationLevel(orm: Orm): Promise<MigrationLevel> {
  const result = await orm.execute<{ n: number | string; last: number | string | null }>(
    sql`select count(*) as n, max(created_at) as last from "__drizzle_migrations"`,
  );
  const row = result.rows[0];
  const count = Number(row?.n ?? 0);
  if (count === 0 || row?.last == null) return { count: 0, last: 'none' };
  const when = Number(row.last);
  const known = journal().find((e) => e.when === when);
  return { count, last: known?.tag ?? `unknown migration of ${new Date(when).toISOString()}` };
}

export function sameLevel(a: MigrationLevel, b: MigrationLevel): boolean {
  return a.count === b.count && a.last === b.last;
}

export function describeLevel(level: MigrationLevel): string {
  return `${level.last} (${level.count} migrations)`;
}
