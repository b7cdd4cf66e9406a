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

export async function apiRequest<T>(
  path: string,
  options: { method?: string; token?: string | undefined; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  const started = Date.now();
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiFailure(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  noteServerTime(response, json, started);
  if (!response.ok) {
    const error = (
      json as
        | { error?: { code?: string; message?: string; details?: FailureDetail[]; serverTime?: number } }
        | undefined
    )?.error;
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    throw new ApiFailure(
      response.status,
      error?.code ?? (response.status >= 500 ? 'server_error' : 'bad_request'),
      error?.message ?? `HTTP ${response.status}`,
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
