import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FALLBACK_SECURITY_HEADERS, setFallbackSecurityHeaders } from './security-headers.js';

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

export function sendError(
  reply: FastifyReply,
  statusCode: number,
  code: string,
  message: string,
  extra?: Record<string, unknown>,
) {
  const body: ErrorBody = { error: { ...extra, code, message } };
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
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'bad_url',
    message: 'The address is not valid (broken percent-encoding).',
  },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri_too_long', message: 'The address is too long.' },
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

/**
 * Fastify's `frameworkErrors`: errors raised before routing (a bad percent-encoding such as
 * `/api/%c0%ae`, an over-long path parameter), where no hook, not-found or error handler runs. They
 * get the same `{ error: { code, message } }` body (issue 14 kind 3) and the same security headers
 * (kind 7) as every other answer.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const { status, code, message } = classifyError(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed before routing');
  else request.log.info({ code, status }, 'request rejected before routing');
  setFallbackSecurityHeaders(request, reply);
  reply.header('cache-control', 'no-store');
  void sendError(reply, status, code, message);
}

const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: 'The request headers are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'The request took too long.' },
};

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request (headers too large → 431,
 * a timeout → 408, anything else it cannot parse → 400), so there is no request object and the
 * answer is written to the socket by hand — still as `{ error: { code, message } }` with the
 * security headers (issue 14, kinds 3 and 7). A reset connection gets nothing, as in Fastify.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = error.code ? CLIENT_ERRORS[error.code] : undefined;
  const { status, code, message } = known ?? {
    status: 400,
    code: 'bad_request',
    message: 'The request could not be read.',
  };
  if (socket.writable) {
    const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
    const headers: Record<string, string> = {
      ...FALLBACK_SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      connection: 'close',
    };
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n${body}`);
  }
  socket.destroy(error);
}
