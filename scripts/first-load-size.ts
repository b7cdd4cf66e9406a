/**
 * The JavaScript a phone downloads before the first screen: the entry script of dist/index.html and
 * every chunk it statically imports (vite lists them as modulepreload links), gzipped at level 9 as a
 * server would send them. Lazy route chunks are not counted; the service worker precaches them later.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FirstLoadSize {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  totalBytes: number;
  totalGzipBytes: number;
}

/** The first load's script files, as paths under `distDir` (`/assets/…js`), from dist/index.html. */
export function firstLoadScripts(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) if (m[1]) refs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
    if (m[1]) refs.add(m[1]);
  if (refs.size === 0) throw new Error('dist/index.html references no JavaScript: is the build complete?');
  return [...refs];
}

export function measureFirstLoad(distDir: string): FirstLoadSize {
  const files = firstLoadScripts(distDir).map((ref) => {
    const content = readFileSync(join(distDir, ref.replace(/^\//, '')));
    return { file: ref, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return {
    files,
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
    totalGzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  };
}
