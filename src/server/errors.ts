import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  FALLBACK_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
  setFallbackSecurityHeaders,
} from './security-headers.js';

export interface ErrorBody {
  /** `extra` carries machine-readable specifics, e.g. `details` or `retryAfterSeconds`. */
  error: { code: string; message: string; [extra: string]: unknown };
}

export interface ApiErrorOptions {
  /** Merged into the `error` object of the body. */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Throw from a route to answer with a specific status and machine-readable code. */
export class ApiError extends Error {
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.extra = options.extra;
    this.headers = options.headers;
  }
}

/**
 * At most this many entries of `details` leave the server in one answer (issue 14, kind 2): a push of
 * 500 changes × 800 unknown fields once answered with 53.9 MB. One push names at most 500 changes, and
 * a phone moves aside the changes an answer names, then sends the rest again, so every refused change
 * is still reported, a page at a time.
 */
export const MAX_ERROR_DETAILS = 500;

/** Longest text one detail or message carries: field names and paths come from the client. */
const MAX_TEXT = 200;

function cut(value: unknown): unknown {
  return typeof value === 'string' && value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
}

/**
 * `extra` with its `details` cut to MAX_ERROR_DETAILS (`detailsOmitted` counts the rest) and every
 * text in them cut to MAX_TEXT: an answer's size never grows with the size of what was sent.
 */
function boundDetails(extra: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const details = extra?.details;
  if (!Array.isArray(details)) return extra;
  const kept = details
    .slice(0, MAX_ERROR_DETAILS)
    .map((detail) =>
      typeof detail === 'object' && detail !== null
        ? Object.fromEntries(Object.entries(detail).map(([key, value]) => [key, cut(value)]))
        : cut(detail),
    );
  return details.length > MAX_ERROR_DETAILS
    ? { ...extra, details: kept, detailsOmitted: details.length - MAX_ERROR_DETAILS }
    : { ...extra, details: kept };
}

export function sendError(
  reply: FastifyReply,
  statusCode: number,
  code: string,
  message: string,
  extra?: Record<string, unknown>,
) {
  const body: ErrorBody = { error: { ...boundDetails(extra), code, message: cut(message) as string } };
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'bad_json',
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_json', message: 'The JSON request body is empty.' },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_request',
    message: 'The Content-Length header does not match the body.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'This content type is not accepted.',
  },
};

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

interface Classified {
  status: number;
  code: string;
  message: string;
  extra?: Record<string, unknown> | undefined;
  headers?: Record<string, string> | undefined;
}

export function classifyError(error: FastifyError | ApiError | Error): Classified {
  if (error instanceof ApiError) {
    return {
      status: error.statusCode,
      code: error.code,
      message: error.message,
      extra: error.extra,
      headers: error.headers,
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return known;
  if (fastifyError.validation) {
    return { status: 400, code: 'invalid_request', message: error.message };
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, code: CODES_BY_STATUS[status] ?? 'bad_request', message: error.message };
  }
  // Internal details stay in the log; clients get a stable, harmless message.
  return { status: 500, code: 'internal_error', message: 'Something went wrong on the server.' };
}

/**
 * Errors Fastify raises before routing (issue 14, kind 3): a path that is not valid percent-encoding
 * (`/api/%c0%ae`) answers in the API's shape, like every other client mistake. No hook runs for it,
 * so the security headers are set here (kind 7).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  setFallbackSecurityHeaders(request, reply);
  const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400;
  const code = error.code === 'FST_ERR_BAD_URL' ? 'bad_url' : (CODES_BY_STATUS[status] ?? 'bad_request');
  const message =
    error.code === 'FST_ERR_BAD_URL' ? 'The address is not valid.' : 'The request is not valid.';
  void sendError(reply, status, code, message);
}

const CLIENT_ERRORS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'headers_too_large',
    message: 'The request headers are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'request_timeout',
    message: 'The request took too long to arrive.',
  },
};

/**
 * What Node's HTTP parser refuses (oversized headers, a request that is not HTTP, one that never
 * finishes) never reaches Fastify's error handler: this answers it on the socket in the same
 * `{ error: { code, message } }` shape, and closes the connection, whose state is unknown.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const known = error.code ? CLIENT_ERRORS[error.code] : undefined;
  const { status, reason, code, message } = known ?? {
    status: 400,
    reason: 'Bad Request',
    code: 'bad_request',
    message: 'The request is not valid HTTP.',
  };
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  // The security headers too (kind 7): no hook runs for an answer written on the socket.
  const security = Object.entries(FALLBACK_SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`);
  // On the server's own TLS (tls.ts) the socket is a TLSSocket: HSTS belongs on every HTTPS answer.
  if ((socket as Socket & { encrypted?: boolean }).encrypted) {
    security.push(`strict-transport-security: ${STRICT_TRANSPORT_SECURITY}\r\n`);
  }
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n${security.join('')}\r\n${body}`,
  );
}

/** Every error leaves the server as `{ error: { code, message } }`, never as an HTML page. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, code, message, extra, headers } = classifyError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, status }, 'request rejected');
    if (headers) reply.headers(headers);
    return sendError(reply, status, code, message, extra);
  });
}
