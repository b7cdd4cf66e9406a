/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and says where the time went: self time by package
 * or source file, the hottest functions, and the inclusive time of the project's own functions (how long
 * each was on the stack), which is what points at a step of a request (validation, merge, SQL…).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/server/project';
import { round, sleep } from './util';

/**
 * Environment for a server process that can be profiled on demand (see cpu-profiler-preload.mjs):
 * idle until `profileWhile` signals it, so it costs nothing when unused.
 */
export function profilerEnv(file: string): Record<string, string> {
  const preload = pathToFileURL(join(projectRoot, 'scripts', 'bench', 'cpu-profiler-preload.mjs')).href;
  return {
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${preload}`].filter(Boolean).join(' '),
    BENCH_CPU_PROFILE: file,
  };
}

/** Samples the process `pid` (started with profilerEnv(file)) while fn runs, and summarises it. */
export async function profileWhile<T>(
  pid: number,
  file: string,
  fn: () => Promise<T>,
): Promise<{ value: T; profile: ProfileSummary }> {
  process.kill(pid, 'SIGUSR2');
  await sleep(100);
  let value: T;
  try {
    value = await fn();
  } finally {
    process.kill(pid, 'SIGUSR2');
  }
  for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(100);
  if (!existsSync(file)) throw new Error('the server wrote no CPU profile');
  return { value, profile: summariseCpuProfile(file) };
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
}
export interface Profile {
  nodes: Node[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  sampledMs: number;
  /** Self time by package / source file / V8 category, ms. */
  byArea: Array<{ area: string; ms: number; share: number }>;
  topSelf: Array<{ fn: string; where: string; ms: number }>;
  /** Project functions (src/) by time on the stack, ms. */
  inclusive: Array<{ fn: string; where: string; ms: number; share: number }>;
}

function area(url: string, fn: string): string {
  if (!url) {
    if (fn.startsWith('(')) return fn; // (garbage collector), (program), (idle)
    return `${fn} (native)`;
  }
  if (url.startsWith('wasm://')) return 'WebAssembly (PGlite: PostgreSQL itself)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node internals';
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^.*\//, '');
}

/** The file, shortly: node_modules/drizzle-orm/entity.js → drizzle-orm/entity.js; src/… kept. */
function fileOf(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  if (url.startsWith('wasm://')) return 'pglite.wasm';
  return url.replace(/^.*\//, '');
}

export function summariseCpuProfile(path: string): ProfileSummary {
  return summariseProfile(JSON.parse(readFileSync(path, 'utf8')) as Profile);
}

/** Works for Node's profiles and for a page's (CDP Profiler.stop), whose URLs are the dist/ chunks. */
export function summariseProfile(profile: Profile): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfByArea = new Map<string, number>();
  const selfByFn = new Map<string, { fn: string; where: string; us: number }>();
  const inclusive = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const us = deltas[i + 1] ?? 0;
    const leaf = nodes.get(samples[i] as number);
    if (!leaf) continue;
    total += us;
    const { functionName, url, lineNumber, columnNumber } = leaf.callFrame;
    const fn = functionName || '(anonymous)';
    const a = area(url, fn);
    selfByArea.set(a, (selfByArea.get(a) ?? 0) + us);
    const where = url ? `${fileOf(url)}:${lineNumber + 1}:${(columnNumber ?? 0) + 1}` : '';
    const key = `${fn}@${where}`;
    const e = selfByFn.get(key) ?? { fn, where, us: 0 };
    e.us += us;
    selfByFn.set(key, e);
    // Inclusive: each project function on this sample's stack, once.
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = nodes.get(id)?.callFrame;
      if (!frame?.url.includes('/src/') || frame.url.includes('node_modules')) continue;
      const name = frame.functionName || '(anonymous)';
      const w = `${fileOf(frame.url)}:${frame.lineNumber + 1}`;
      const k = `${name}@${w}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const inc = inclusive.get(k) ?? { fn: name, where: w, us: 0 };
      inc.us += us;
      inclusive.set(k, inc);
    }
  }
  const ms = (us: number) => round(us / 1000);
  const share = (us: number) => (total ? round((100 * us) / total, 1) : 0);
  return {
    sampledMs: ms(total),
    byArea: [...selfByArea.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([a, us]) => ({ area: a, ms: ms(us), share: share(us) })),
    topSelf: [...selfByFn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 15)
      .map((e) => ({ fn: e.fn, where: e.where, ms: ms(e.us) })),
    inclusive: [...inclusive.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 20)
      .map((e) => ({ fn: e.fn, where: e.where, ms: ms(e.us), share: share(e.us) })),
  };
}
