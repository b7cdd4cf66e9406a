/**
 * `npm run bench`: measurements that tests must not time (DESIGN §6). Builds the app, measures, prints
 * a table and writes bench-results/latest.json. Later benchmarks (sync, search, server) join here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { projectRoot } from '../src/server/project.js';
import { measureFirstLoad } from './first-load-size.js';

const FIRST_LOAD_BUDGET_GZIP = 150_000; // DESIGN §6: 150 KB, read as 1 kB = 1,000 bytes

async function main() {
  await build({ root: projectRoot, logLevel: 'warn' });
  const firstLoad = measureFirstLoad(join(projectRoot, 'dist'));
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    firstLoad: {
      gzipBytes: firstLoad.totalGzipBytes,
      rawBytes: firstLoad.totalBytes,
      budgetGzipBytes: FIRST_LOAD_BUDGET_GZIP,
      withinBudget: firstLoad.totalGzipBytes <= FIRST_LOAD_BUDGET_GZIP,
      files: firstLoad.files,
    },
  };
  const dir = join(projectRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  console.log('benchmark                     result');
  console.log(
    `first-load JS (gzip)          ${kb(firstLoad.totalGzipBytes)} of ${kb(FIRST_LOAD_BUDGET_GZIP)} budget (${firstLoad.files.length} files, ${kb(firstLoad.totalBytes)} raw)`,
  );
  console.log(`written to bench-results/latest.json`);
  if (!results.firstLoad.withinBudget) process.exitCode = 1;
}

await main();
