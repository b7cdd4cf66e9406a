import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needsBuild } from '../../src/server/build-check.js';
import { makeTempDir, removeDir, writeFiles } from './helpers.js';

const OLD = new Date('2024-01-01T00:00:00Z');
const BUILT = new Date('2024-06-01T00:00:00Z');
const NEW = new Date('2024-09-01T00:00:00Z');

describe('needsBuild', () => {
  let root: string;

  beforeEach(async () => {
    root = await makeTempDir('build-check');
    await writeFiles(root, {
      'index.html': '<!doctype html>',
      'vite.config.ts': 'export default {};',
      'src/app/main.tsx': '',
      'src/app/features/home/home.tsx': '',
      'src/core/schema.ts': '',
      'public/icon.png': '',
      'src/server/start.ts': '',
    });
    for (const path of [
      'index.html',
      'vite.config.ts',
      'src/app/main.tsx',
      'src/app/features/home/home.tsx',
      'src/app/features/home',
      'src/app/features',
      'src/app',
      'src/core/schema.ts',
      'src/core',
      'public/icon.png',
      'public',
      'src/server/start.ts',
    ]) {
      await utimes(join(root, path), OLD, OLD);
    }
  });

  afterEach(async () => {
    await removeDir(root);
  });

  async function build(at: Date = BUILT): Promise<void> {
    await writeFiles(root, { 'dist/index.html': '<!doctype html>' });
    await utimes(join(root, 'dist/index.html'), at, at);
  }

  it('is true when dist/index.html is missing', () => {
    expect(needsBuild(root)).toBe(true);
  });

  it('is false when dist is newer than every input', async () => {
    await build();
    expect(needsBuild(root)).toBe(false);
  });

  it.each([
    'index.html',
    'vite.config.ts',
    'src/app/features/home/home.tsx',
    'src/core/schema.ts',
    'public/icon.png',
  ])('is true when %s is newer than dist', async (path) => {
    await build();
    await utimes(join(root, path), NEW, NEW);
    expect(needsBuild(root)).toBe(true);
  });

  it('is true when a source file was deleted (its directory changed)', async () => {
    await build();
    await utimes(join(root, 'src/app/features'), NEW, NEW);
    expect(needsBuild(root)).toBe(true);
  });

  it('ignores files the browser build does not read', async () => {
    await build();
    await utimes(join(root, 'src/server/start.ts'), NEW, NEW);
    expect(needsBuild(root)).toBe(false);
  });

  it('tolerates missing optional inputs', async () => {
    await removeDir(join(root, 'public'));
    await build();
    expect(needsBuild(root)).toBe(false);
  });
});
