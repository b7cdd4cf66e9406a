/**
 * What the server writes to its log (issue 14, kind 4). A failed query used to be logged with its
 * parameters: scrypt password hashes, token hashes and whole pushes with residents' names. The log is
 * read by whoever runs the server and is often kept for months, so it holds no secret and no personal
 * value: errors keep their kind, code, SQL text and stack, never the values bound to the SQL; request
 * lines keep method, route and status, never credentials. DESIGN §7; Luật 91/2025/QH15 (minimisation).
 */
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
