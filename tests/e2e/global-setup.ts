import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { needsBuild } from '../../src/server/build-check.js';
import { projectRoot } from '../../src/server/project.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const LOG_DIR = join(projectRoot, '.tmp', 'e2e');
const BUILD_TIMEOUT_MS = 300_000;
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

export interface ServerHandle {
  /** e.g. http://127.0.0.1:41234 (no trailing slash); https:// when `env` sets TLS_CERT. */
  url: string;
  port: number;
  dataDir: string;
  logFile: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL if the server does not exit in time; removes a data dir it created. */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Reuse a data dir (e.g. to restart a server over the same data); it is then not deleted on stop. */
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
}

// The child must not inherit vitest's NODE_ENV=test (React would be bundled in development mode) nor,
// by default, DATABASE_URL: e2e runs against the embedded PGlite, like a plain `npm start`, and must
// not share a PostgreSQL database with the server tests running at the same time.
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key === 'DATABASE_URL') delete env[key];
  }
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  return { ...env, ...extra };
}

export async function buildAppIfNeeded(root: string = projectRoot): Promise<void> {
  if (!needsBuild(root)) return;
  console.log('e2e: building the app (vite build)…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build'], { cwd: root, env: childEnv({}) });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${output.slice(-4000)}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `src/server/start.ts` as its own process, exactly as `npm start` would, and waits for health. */
/**
 * Every phone of the e2e tests and of the bench reaches the server from 127.0.0.1, as a whole commune
 * behind one shared address would, but far faster than people tap. The rate limits themselves are
 * tested with small numbers in tests/server/rate-limits.test.ts; here they must not be what is measured.
 */
const MANY_PHONES_ONE_ADDRESS = {
  RATE_LIMIT_PER_ADDRESS: '1000000',
  RATE_LIMIT_LOGIN: '100000',
  RATE_LIMIT_PER_ACCOUNT: '1000000',
};

export async function startServer(options: StartServerOptions = {}): Promise<ServerHandle> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ngo-so-e2e-')));
  const port = options.port ?? (await freePort());
  // 127.0.0.1 is a secure context for Chromium, so service workers register over plain http.
  const url = `${options.env?.TLS_CERT ? 'https' : 'http'}://127.0.0.1:${port}`;
  await mkdir(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `server-${port}.log`);
  const log = createWriteStream(logFile);

  const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'server', 'start.ts')], {
    cwd: projectRoot,
    env: childEnv({
      ...MANY_PHONES_ONE_ADDRESS,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...options.env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // 'close' comes after the child's output streams have ended: only then may the log file close.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // Never leave a server behind if vitest itself dies.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await closed;
    log.end();
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, exited);
  } catch (error) {
    await stop();
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).slice(-4000);
    throw new Error(`${(error as Error).message}\nServer log (${logFile}):\n${tail}`);
  }
  return { url, port, dataDir, logFile, child, stop };
}

/**
 * One probe of `/api/health`: true on a 200. Over HTTPS the certificate is not checked: this asks
 * only whether the server is up, and the tests that serve HTTPS check the certificate themselves.
 */
function isHealthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (res: import('node:http').IncomingMessage) => {
      res.resume();
      resolve(res.statusCode === 200);
    };
    const req = url.startsWith('https:')
      ? httpsGet(`${url}/api/health`, { rejectUnauthorized: false, timeout: 2_000 }, done)
      : httpGet(`${url}/api/health`, { timeout: 2_000 }, done);
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function waitForHealth(url: string, exited: Promise<void>): Promise<void> {
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error('The server exited before becoming healthy.');
    if (await isHealthy(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server at ${url} was not healthy after ${READY_TIMEOUT_MS / 1000} s.`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildAppIfNeeded();
  const server = await startServer();
  console.log(`e2e: server at ${server.url} (log: ${server.logFile})`);
  project.provide('baseUrl', server.url);
  return () => server.stop();
}
