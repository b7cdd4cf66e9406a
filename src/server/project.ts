import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Resolved from this file rather than process.cwd() so `npm start` works from any directory.
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export function readPackageVersion(root: string = projectRoot): string {
  const pkg: unknown = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
  if (pkg && typeof pkg === 'object' && 'version' in pkg && typeof pkg.version === 'string') {
    return pkg.version;
  }
  return '0.0.0';
}
