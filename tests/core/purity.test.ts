/**
 * src/core is shared by the browser app and the server: it must not pull in React, Dexie, Fastify,
 * database drivers or Node APIs, nor reach into ../app or ../server.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier in a source text: static imports/exports, side-effect imports, import(), require(). */
function importSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1] ?? ''));
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0] ?? m]));

function forbiddenReason(specifier: string, file: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    const rel = relative(CORE, target);
    return rel.startsWith('..') ? 'reaches outside src/core' : undefined;
  }
  if (specifier.startsWith('node:')) return 'Node builtin';
  const bare = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0];
  if (bare === undefined) return undefined;
  if (NODE_BUILTINS.has(bare)) return 'Node builtin';
  if (bare === 'react' || bare.startsWith('react-')) return 'React';
  if (bare === 'dexie' || bare.startsWith('dexie-')) return 'Dexie';
  if (bare === 'fastify' || bare.startsWith('@fastify/')) return 'Fastify';
  if (bare === 'pg' || bare.startsWith('@electric-sql/') || bare === 'drizzle-orm') return 'database driver';
  return undefined;
}

const files = sourceFiles(CORE);

describe('src/core stays pure', () => {
  it('finds the core modules and their imports (the scan is not vacuous)', () => {
    const names = files.map((f) => relative(CORE, f));
    expect(names).toEqual(expect.arrayContaining(['schemas.ts', 'hlc.ts', 'search.ts', 'changes.ts']));
    const schemaImports = importSpecifiers(readFileSync(join(CORE, 'schemas.ts'), 'utf8'));
    expect(schemaImports).toContain('zod');
    const changesImports = importSpecifiers(readFileSync(join(CORE, 'changes.ts'), 'utf8'));
    expect(changesImports).toContain('./change-schema');
  });

  it('the checker flags each forbidden kind of import', () => {
    const file = join(CORE, 'x.ts');
    const sample = [
      "import React from 'react';",
      "import { useState } from 'react-dom/client';",
      "import Dexie from 'dexie';",
      "import { useLiveQuery } from 'dexie-react-hooks';",
      "import Fastify from 'fastify';",
      "import compress from '@fastify/compress';",
      "import pg from 'pg';",
      "import { PGlite } from '@electric-sql/pglite';",
      "import { eq } from 'drizzle-orm/sql';",
      "import { readFileSync } from 'node:fs';",
      "import path from 'path';",
      "import * as crypto from 'crypto';",
      "const os = require('os');",
      "import 'fs/promises';",
      "export { db } from '../app/db';",
      "const s = await import('../server/app');",
    ].join('\n');
    const specifiers = importSpecifiers(sample);
    expect(specifiers).toHaveLength(16);
    for (const s of specifiers) expect(forbiddenReason(s, file), s).toBeDefined();
    for (const ok of ['zod', 'uuid', './hlc', './sub/x'])
      expect(forbiddenReason(ok, file), ok).toBeUndefined();
  });

  it.each(files.map((f) => [relative(CORE, f), f]))('%s imports nothing forbidden', (_name, file) => {
    const bad = importSpecifiers(readFileSync(file, 'utf8'))
      .map((s) => [s, forbiddenReason(s, file)])
      .filter(([, reason]) => reason !== undefined);
    expect(bad).toEqual([]);
  });

  it.each(files.map((f) => [relative(CORE, f), f]))('%s uses no Node-only globals', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/\b(process\.|Buffer\.|__dirname|__filename|require\s*\()/);
  });
});
