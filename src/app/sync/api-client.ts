/**
 * HTTP to the Ngõ Số server. Every failure becomes an ApiFailure with a machine-readable code, so the
 * sync bar can say in plain Vietnamese what went wrong ("network" when there was no answer at all).
 */
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../core/sync/protocol';
import { saveClockOffset } from '../db/clock';

/**
 * Every answer tells the server's time: sync replies and clock errors in `serverTime` (ms), any other
 * answer in its Date header (whole seconds, so the middle of that second). The phone corrects its
 * clock from it (issue 13, kind 6): a login is enough to date the day's first visit right.
 */
function noteServerTime(response: Response, json: unknown, started: number): void {
  const body = json as { serverTime?: unknown; error?: { serverTime?: unknown } } | undefined;
  const precise = body?.serverTime ?? body?.error?.serverTime;
  const header = Date.parse(response.headers.get('date') ?? '');
  const serverTime = typeof precise === 'number' ? precise : Number.isNaN(header) ? undefined : header + 500;
  if (serverTime !== undefined) void saveClockOffset(serverTime, started).catch(() => {});
}

export interface FailureDetail {
  changeId?: string;
  code: string;
  message?: string;
  field?: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FailureDetail[] = [],
    readonly retryAfterSeconds?: number,
    /** The server's clock when it answered (clock errors carry it). */
    readonly serverTime?: number,
    /** The whole `error` object of the answer, for codes that carry more (scope_changed). */
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** The session can no longer sync until the person logs in again. */
  get needsLogin(): boolean {
    return this.status === 401 || this.code === 'account_disabled';
  }
}

/**
 * How long one request may take, body included, before it counts as lost (ms). A dead 2G link can
 * leave a request open for minutes with no error at all; the sync would wait on it silently and take
 * no new "Đồng bộ ngay" (issue 13, kind 10). A 500-change push at 10 kB/s takes ~20 s: 60 s is room.
 */
let requestTimeoutMs = 60_000;

/** For tests: a shorter limit, so a stalled request can be shown without waiting a minute. */
export function setRequestTimeout(ms: number): void {
  requestTimeoutMs = ms;
}

export async function apiRequest<T>(
  path: string,
  options: {
    method?: string;
    token?: string | undefined;
    body?: unknown;
    signal?: AbortSignal;
    /** More request headers, e.g. the outbox count of a push or pull (PENDING_CHANGES_HEADER). */
    headers?: Record<string, string>;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  // One controller for both the caller's signal and the time limit (AbortSignal.any is too new for
  // the WebViews of older phones).
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, requestTimeoutMs);
  const forward = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forward();
  else options.signal?.addEventListener('abort', forward, { once: true });
  const signal = controller.signal;
  let response: Response;
  let text: string;
  const started = Date.now();
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal,
      cache: 'no-store',
    });
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (timedOut) throw new ApiFailure(0, 'timeout', `No answer within ${requestTimeoutMs / 1000} s`);
    throw new ApiFailure(0, 'network', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forward);
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  // An answer that is not ours — a Wi-Fi login page, a carrier's "no credit" page — comes as HTML
  // with 200: the network, not the server, is in the way.
  if (response.ok && text && json === undefined) {
    throw new ApiFailure(0, 'not_our_server', `Not the Ngõ Số server (HTTP ${response.status}, no JSON)`);
  }
  noteServerTime(response, json, started);
  if (!response.ok) {
    const error = (
      json as
        | { error?: { code?: string; message?: string; details?: FailureDetail[]; serverTime?: number } }
        | undefined
    )?.error;
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    // A server-side failure under any name (db_unavailable, internal_error, a proxy's 502 page) is
    // "the server has a problem, we will retry" to the person; its own code stays in the message.
    const code = response.status >= 500 ? 'server_error' : (error?.code ?? 'bad_request');
    throw new ApiFailure(
      response.status,
      code,
      error?.code && error.code !== code
        ? `${error.code}: ${error.message ?? ''}`
        : (error?.message ?? `HTTP ${response.status}`),
      error?.details ?? [],
      Number.isFinite(retryAfter) ? retryAfter : undefined,
      error?.serverTime,
      (error as Record<string, unknown> | undefined) ?? {},
    );
  }
  // 204 No Content (logout, password reset) is a success with nothing to read.
  if (json === undefined && response.status !== 204) {
    throw new ApiFailure(response.status, 'server_error', 'The server sent no JSON');
  }
  return json as T;
}
