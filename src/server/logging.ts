/**
 * What the server writes to its log (issue 14, kind 4). A failed query used to be logged with its
 * parameters: scrypt password hashes, token hashes and whole pushes with residents' names. The log is
 * read by whoever runs the server and is often kept for months, so it holds no secret and no personal
 * value: errors keep their kind, code, SQL text and stack, never the values bound to the SQL; request
 * lines keep method, route template, status, time, sizes and the account's and device's ids (issue
 * 16), never credentials, paths as sent or bodies. DESIGN §7; Luật 91/2025/QH15 (minimisation).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';

/** Headers and body fields that carry credentials, whatever logs them. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-device-key"]',
  'res.headers["set-cookie"]',
  'password',
  'newPassword',
  'token',
  'deviceKey',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.deviceKey',
  '*.passwordHash',
  '*.tokenHash',
];

/**
 * Properties of a database error worth keeping: its kind and where it happened. PostgreSQL's `detail`
 * ("Key (username)=(…) already exists"), `where`, drizzle's `params` and PGlite's `query` carry values
 * and are dropped.
 */
const KEPT = [
  'code',
  'severity',
  'routine',
  'constraint',
  'table',
  'column',
  'schema',
  'statusCode',
] as const;

/**
 * drizzle puts the bound values in the message itself ("Failed query: …\nparams: …"); the SQL is
 * kept, the values are not.
 */
function withoutParams(text: string): string {
  return text.replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]');
}

export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  cause?: SafeError;
  [kept: string]: unknown;
}

/**
 * pino's `err` serializer: an Error (or anything thrown) as a plain object without bound values.
 * Causes are followed three deep, enough for drizzle → pg.
 */
export function serializeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: '[non-error value]' };
  const out: SafeError = { type: error.name, message: withoutParams(error.message) };
  const source = error as unknown as Record<string, unknown>;
  for (const key of KEPT) {
    const value = source[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  // Only the frames: the first line of a stack repeats the message, values and all.
  const frames = error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at '));
  if (frames && frames.length > 0) out.stack = frames.join('\n');
  if (error.cause !== undefined && depth < 3) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

interface LoggedRequest {
  method?: string;
  routeOptions?: { url?: string };
}

/**
 * A request as the log keeps it: method and route pattern (`/api/admin/users/:id`), never the path or
 * query string as sent. Both come from the client and carry what people type: a tester's
 * `/api/health?cccd=001203004567&mk=…` or a path made of a name and an ID number were logged verbatim.
 */
export function serializeRequest(request: unknown): { method: string; route: string } {
  // The request id is on every line already (`reqId`).
  const r = request as LoggedRequest;
  return { method: r.method ?? '?', route: r.routeOptions?.url ?? '(no route)' };
}

/**
 * Options for Fastify's pino logger.
 *
 * @param level pino level name (LOG_LEVEL, default `info`)
 * @param stream where to write; tests pass one to read the log back
 */
export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: (error: unknown) => serializeError(error), req: serializeRequest },
    ...(stream ? { stream } : {}),
  };
}

/** What one request's log line holds besides `req` (method and route template) and pino's own fields. */
export interface RequestLine {
  status: number;
  /** From arrival to the last byte handed to the socket. */
  ms: number;
  /** The account's id (a UUID, never its username), once its token was checked. */
  userId?: string;
  /** The device's session (`tokens.id`, the id the admin devices list and revocation use). */
  deviceId?: string;
  /** The request body's size, from its Content-Length. */
  reqBytes?: number;
  /** Bytes written to the connection for the answer, headers included (after compression). */
  resBytes?: number;
}

/** The socket's write count when each request arrived: the answer's size is the difference. */
const writtenBefore = new WeakMap<FastifyRequest, number>();

function socketBytesWritten(request: FastifyRequest): number | undefined {
  const written = (request.raw.socket as { bytesWritten?: unknown } | undefined)?.bytesWritten;
  return typeof written === 'number' ? written : undefined;
}

function headerBytes(value: unknown): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * One log line per request (issue 16, item 4), written when the answer has been sent: `msg:
 * "request"`, `req: { method, route }` and the fields of RequestLine. Never the path as sent, the
 * query string, a header's value, a body, a username or a token: what people type reaches the server
 * in all of these (serializeRequest). Fastify's own two lines per request stay off (app.ts).
 */
export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const written = socketBytesWritten(request);
    if (written !== undefined) writtenBefore.set(request, written);
  });
  app.addHook('onResponse', async (request, reply) => {
    const before = writtenBefore.get(request);
    const after = socketBytesWritten(request);
    // Injected requests (tests) have no real socket: the body's declared length stands in.
    const resBytes =
      before !== undefined && after !== undefined
        ? after - before
        : headerBytes(reply.getHeader('content-length'));
    const line: RequestLine = { status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    const auth = request.auth;
    if (auth) {
      line.userId = auth.userId;
      line.deviceId = auth.tokenId;
    }
    const reqBytes = headerBytes(request.headers['content-length']);
    if (reqBytes !== undefined) line.reqBytes = reqBytes;
    if (resBytes !== undefined) line.resBytes = resBytes;
    request.log.info({ req: request, ...line }, 'request');
  });
}
