import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Database, DatabaseKind } from '../../src/server/db.js';

export interface Backend {
  kind: DatabaseKind;
  databaseUrl: string | undefined;
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export function availableBackends(): Backend[] {
  const backends: Backend[] = [{ kind: 'pglite', databaseUrl: undefined }];
  const url = process.env.DATABASE_URL?.trim();
  if (url) backends.push({ kind: 'postgres', databaseUrl: url });
  return backends;
}

/** Stands in for a database in tests about HTTP behaviour, where SQL is irrelevant. */
export function fakeDatabase(overrides: Partial<Database> = {}): Database {
  return {
    kind: 'pglite',
    query: async <T>() => ({ rows: [] as T[] }),
    close: async () => undefined,
    ...overrides,
  };
}

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `ngo-so-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}
