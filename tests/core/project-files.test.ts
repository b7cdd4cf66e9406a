import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * What a newcomer meets before any code runs (issue 15, kind 8): `npm install` on the Node version
 * the project declares must not warn EBADENGINE, and the README and docs must not point outside the
 * repository (a clone has nothing there) or at files that are gone.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
}

interface LockPackage {
  engines?: unknown;
  optional?: boolean;
}

describe('dependencies and the declared Node version', () => {
  const declared = (readJson('package.json') as { engines: { node: string } }).engines.node;
  const minimum = semver.minVersion(declared);

  it('the declared range has a minimum and the running Node is in it', () => {
    expect(minimum?.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(semver.satisfies(process.version, declared)).toBe(true);
  });

  it('every locked package admits the lowest Node the project declares (no EBADENGINE)', () => {
    const lock = readJson('package-lock.json') as { packages: Record<string, LockPackage> };
    const refused = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, pkg]) => {
        const range = (pkg.engines as { node?: unknown } | undefined)?.node;
        if (typeof range !== 'string' || !minimum) return [];
        return semver.satisfies(minimum, range) ? [] : [`${path} needs node ${range}`];
      });
    expect(refused, `Node ${minimum?.version} (package.json engines: ${declared})`).toEqual([]);
  });
});

/** README.md, bench-results/README.md and every Markdown file under docs/. */
function markdownFiles(): string[] {
  const docs = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? docs(join(dir, entry.name))
        : entry.name.endsWith('.md')
          ? [join(dir, entry.name)]
          : [],
    );
  return ['README.md', 'bench-results/README.md', ...docs('docs')];
}

/**
 * Targets of Markdown links and images (`[text](target)`, `![alt](target)`, `[ref]: target`) and
 * paths written in code spans that climb out of the file's folder (`../…`), outside fenced code.
 */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const inline = [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  const references = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)];
  const codePaths = [...prose.matchAll(/`(\.\.\/[^`\s]+)`/g)];
  return [...inline, ...references, ...codePaths].map((m) => m[1] ?? '');
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#');
}

describe('README and docs', () => {
  it('finds links, images and climbing code paths, and leaves web links alone', () => {
    const sample = [
      'See [the API](docs/API.md#push), ![shot](docs/screenshots/a.png "A") and `../shared/DESIGN.md`.',
      '[web](https://example.org) [mail](mailto:x@example.org) [here](#top)',
      '[ref]: ./docs/SECURITY.md',
      '```',
      '[not a link](inside/a/fence.md)',
      '```',
    ].join('\n');
    expect(linkTargets(sample).filter((t) => !isExternal(t))).toEqual([
      'docs/API.md#push',
      'docs/screenshots/a.png',
      './docs/SECURITY.md',
      '../shared/DESIGN.md',
    ]);
  });

  it('every relative link resolves to a file inside the repository', () => {
    const broken = markdownFiles().flatMap((file) =>
      linkTargets(readFileSync(join(ROOT, file), 'utf8'))
        .filter((target) => !isExternal(target))
        .flatMap((target) => {
          const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
          const absolute = path.startsWith('/') ? join(ROOT, path) : resolve(ROOT, dirname(file), path);
          const inside = relative(ROOT, absolute);
          if (inside.startsWith(`..${sep}`) || inside === '..') return [`${file}: ${target} is outside`];
          return existsSync(absolute) ? [] : [`${file}: ${target} does not exist`];
        }),
    );
    expect(broken).toEqual([]);
  });
});
