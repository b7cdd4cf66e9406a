import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Everything vite reads to produce dist/; a change to any of them makes the build stale. */
export const BUILD_INPUTS = ['src/app', 'src/core', 'public', 'index.html', 'vite.config.ts'] as const;

export function needsBuild(root: string): boolean {
  const builtAt = mtimeMs(join(root, 'dist', 'index.html'));
  if (builtAt === undefined) return true;
  return BUILD_INPUTS.some((input) => hasNewer(join(root, input), builtAt));
}

function mtimeMs(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

// Directory mtimes count too: deleting or renaming a source file only touches its directory.
function hasNewer(path: string, than: number): boolean {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return false;
  }
  if (stat.mtimeMs > than) return true;
  if (!stat.isDirectory()) return false;
  return readdirSync(path).some((name) => hasNewer(join(path, name), than));
}
