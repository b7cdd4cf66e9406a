/**
 * The control channel of a process that holds a PGlite data directory (issue 16). A second process
 * cannot open that directory (PGlite is embedded: two would corrupt it), so `npm run backup` and
 * `npm run restore` ask the process that has it open, through a Unix domain socket at
 * `DATA_DIR/control.sock`:
 *
 *   GET  /status                         → { role: "server" | "backup" | "restore", pid }
 *   POST /backup  { dir? }               → progress lines, then { done: BackupSummary }
 *   POST /restore { file, force: true }  → progress lines, then { done: RestoreSummary }
 *
 * Answers are NDJSON lines (`{ progress }`…, then `{ done }` or `{ error: { code, message } }`), so the
 * CLI prints the progress of a restore run by the server. Only the machine's operator can use it: the
 * socket is created with mode 0600 (the server's user, and root), nothing listens on the network, and
 * paths in requests are used as given by that user. Its presence also tells a starting server that
 * another process has the directory open: a live socket refuses the start; a stale one (left by a
 * crash) answers nothing and is replaced.
 */
import { chmod, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';

export const CONTROL_SOCKET_NAME = 'control.sock';
/** Request bodies are a path and a flag. */
const MAX_BODY_BYTES = 64 * 1024;
/** Unix socket paths longer than this do not fit in sockaddr_un on Linux. */
const MAX_SOCKET_PATH = 107;

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, CONTROL_SOCKET_NAME);
}

export interface ControlStatus {
  role: 'server' | 'backup' | 'restore';
  pid: number;
}

export type ControlLine =
  | { progress: Record<string, unknown> }
  | { done: Record<string, unknown> }
  | { error: { code: string; message: string } };

/** A handler's refusal with a code the CLI maps to its exit status and words. */
export class ControlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/** Runs a POST; `progress` sends a line before the answer. Resolves to the `done` line's content. */
export type ControlRun = (
  action: 'backup' | 'restore',
  body: Record<string, unknown>,
  progress: (line: Record<string, unknown>) => void,
) => Promise<Record<string, unknown>>;

/**
 * A listening control socket. Until `run` is set (the server once its database is open; never for
 * `npm run backup` holding the directory itself) backup and restore requests are answered `busy`.
 */
export interface ControlChannel {
  readonly status: ControlStatus;
  run: ControlRun | undefined;
  close(): Promise<void>;
}

export class ControlSocketInUse extends Error {
  constructor(
    readonly path: string,
    readonly status: ControlStatus,
  ) {
    super(
      `Another process (pid ${status.pid}, ${status.role === 'server' ? 'a Ngõ Số server' : `npm run ${status.role}`}) ` +
        `has this data directory open (${path} answers). One process at a time may open a PGlite data directory.`,
    );
    this.name = 'ControlSocketInUse';
  }
}

/**
 * Listens on `path` (mode 0600) for the process described by `status`.
 * @throws ControlSocketInUse when a live process answers there; an Error for a path too long
 */
export async function serveControlSocket(path: string, status: ControlStatus): Promise<ControlChannel> {
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new Error(
      `The control socket path ${path} is longer than ${MAX_SOCKET_PATH} bytes: use a shorter DATA_DIR.`,
    );
  }
  const running = await probeControlSocket(path);
  if (running) throw new ControlSocketInUse(path, running);
  await unlink(path).catch(() => {}); // a crash's leftover: nobody answered on it
  const channel: ControlChannel = {
    status,
    run: undefined,
    close: () => closeServer(server, path),
  };
  const server = createServer((req, res) => void answer(req, res, channel));
  // Created 0600 from the start: a chmod after listening would leave a moment when others may connect.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
  } finally {
    process.umask(umask);
  }
  await chmod(path, 0o600);
  return channel;
}

async function closeServer(server: Server, path: string): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A request still running (a restore) ends with the process: its transaction rolls back.
  server.closeAllConnections();
  await closed;
  await unlink(path).catch(() => {});
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ControlError('bad_request', 'The request body is too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const body: unknown = JSON.parse(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ControlError('bad_request', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

async function answer(req: IncomingMessage, res: ServerResponse, channel: ControlChannel): Promise<void> {
  const send = (line: ControlLine) => res.write(`${JSON.stringify(line)}\n`);
  res.setHeader('content-type', 'application/x-ndjson');
  try {
    if (req.method === 'GET' && req.url === '/status') {
      res.end(`${JSON.stringify(channel.status)}\n`);
      return;
    }
    const action = req.method === 'POST' && (req.url === '/backup' || req.url === '/restore') ? req.url : '';
    if (!action) {
      res.statusCode = 404;
      send({ error: { code: 'not_found', message: 'GET /status, POST /backup or POST /restore.' } });
      res.end();
      return;
    }
    const body = await readBody(req).catch((error: unknown) => {
      throw error instanceof ControlError ? error : new ControlError('bad_request', 'The body is not JSON.');
    });
    const run = channel.run;
    if (!run) {
      const who =
        channel.status.role === 'server'
          ? 'the server is still starting'
          : `npm run ${channel.status.role} is running`;
      throw new ControlError('busy', `The data directory is in use (${who}); try again when it ends.`);
    }
    const done = await run(action === '/backup' ? 'backup' : 'restore', body, (progress) =>
      send({ progress }),
    );
    send({ done });
  } catch (error) {
    const code = error instanceof ControlError ? error.code : 'failed';
    send({ error: { code, message: error instanceof Error ? error.message : String(error) } });
  }
  res.end();
}

/** What a process answers on `path`, or undefined when nothing does (no socket, or a stale one). */
export async function probeControlSocket(path: string): Promise<ControlStatus | undefined> {
  try {
    const lines = await callControlSocket(path, 'GET', '/status');
    const status = lines[0] as Partial<ControlStatus> | undefined;
    return typeof status?.pid === 'number' && typeof status.role === 'string'
      ? (status as ControlStatus)
      : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ENOTSOCK') return undefined;
    throw error;
  }
}

/**
 * Sends one request and collects the answer's lines, calling `onLine` for each as it arrives.
 * @throws the socket's error (ENOENT: nobody there; ECONNREFUSED: a stale socket; EACCES: not the
 *   operator's)
 */
export function callControlSocket(
  path: string,
  method: 'GET' | 'POST',
  url: string,
  body?: Record<string, unknown>,
  onLine?: (line: unknown) => void,
): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: path, method, path: url }, (res) => {
      const lines: unknown[] = [];
      let rest = '';
      res.setEncoding('utf8');
      const take = (text: string) => {
        if (text.trim() === '') return;
        const line: unknown = JSON.parse(text);
        lines.push(line);
        onLine?.(line);
      };
      res.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        for (const part of parts) take(part);
      });
      res.on('end', () => {
        try {
          take(rest);
          resolve(lines);
        } catch (error) {
          reject(error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) {
      req.setHeader('content-type', 'application/json');
      req.end(JSON.stringify(body));
    } else req.end();
  });
}
