/**
 * Rate limits (issue 14, kinds 2 and 5): no one address and no one account can take the server's
 * time from everybody else. Three limits, checked in this order:
 *
 * 1. per address, on every request (static files, API, health): the outer bound, checked before any
 *    work, so a flood never reaches the database;
 * 2. per address on login and setup, much lower: password guessing, and keeping someone's account
 *    locked, cost the attacker's address its turn first (kind 5: "per-address limits before
 *    per-account ones");
 * 3. per account, on every authenticated request: a stolen or buggy phone cannot flood on its own.
 *
 * Over a limit: `429 too_many_requests` with `Retry-After` (seconds) and `error.retryAfterSeconds`.
 *
 * The defaults leave room for honest use. A whole commune behind one shared address (the commune
 * hall's Wi-Fi on a training day, a mobile operator's carrier-grade NAT) stays under the per-address
 * limit: a phone installing the app fetches ≈80 files, its first sync of 20,000 rows is 20 pulls, so
 * 30 phones starting together make ≈3,000 requests over a few minutes. Behind a reverse proxy set TRUST_PROXY so the address is the
 * phone's, not the proxy's (docs/SECURITY.md).
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_KEY_PATTERN } from './auth/known-devices.js';
import { hashToken } from './auth/tokens.js';
import { ApiError } from './errors.js';

export interface RateLimitPolicy {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export interface RateLimits {
  perAddress: RateLimitPolicy;
  login: RateLimitPolicy;
  perAccount: RateLimitPolicy;
}

const MINUTE = 60_000;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perAddress: { max: 3000, windowMs: MINUTE },
  login: { max: 60, windowMs: MINUTE },
  perAccount: { max: 300, windowMs: MINUTE },
};

const ENV_NAMES: Record<keyof RateLimits, string> = {
  perAddress: 'RATE_LIMIT_PER_ADDRESS',
  login: 'RATE_LIMIT_LOGIN',
  perAccount: 'RATE_LIMIT_PER_ACCOUNT',
};

/**
 * Limits from the environment: `RATE_LIMIT_PER_ADDRESS`, `RATE_LIMIT_LOGIN` and
 * `RATE_LIMIT_PER_ACCOUNT`, each requests per minute (a positive integer).
 *
 * @throws Error naming the variable when one is not a positive integer
 */
export function readRateLimits(env: NodeJS.ProcessEnv): RateLimits {
  const limits = structuredClone(DEFAULT_RATE_LIMITS);
  for (const key of Object.keys(ENV_NAMES) as (keyof RateLimits)[]) {
    const raw = env[ENV_NAMES[key]]?.trim();
    if (!raw) continue;
    const max = Number(raw);
    if (!Number.isInteger(max) || max < 1) {
      throw new Error(`${ENV_NAMES[key]} must be a positive number of requests per minute, got "${raw}".`);
    }
    limits[key] = { max, windowMs: MINUTE };
  }
  return limits;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one request of the account in `request.auth`; throws 429 over the per-account limit. */
    limitAccount: (request: FastifyRequest) => Promise<void>;
    /**
     * The per-address limit as a preHandler, for the not-found handler: the plugin's own hook only
     * reaches declared routes, and a flood of unknown paths must count too.
     */
    limitAddress: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /**
     * The lower per-address limit of login and setup, as a preHandler (the body holds the device key).
     *
     * A login that presents a device key (known-devices.ts) counts in a bucket of its own, address and
     * key together: one hostile client behind the commune hall's Wi-Fi or an operator's shared address
     * can use up the address's login turns, but not those of the phones that logged in before (issue
     * 14, kind 5). Inventing keys gains nothing: an unknown key is judged by the account's lock, and
     * every request still counts against the general per-address limit, checked before it.
     */
    limitLogin: (request: FastifyRequest) => Promise<void>;
  }
}

function tooMany(ttlMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new ApiError(429, 'too_many_requests', `Too many requests. Try again in ${seconds} s.`, {
    extra: { retryAfterSeconds: seconds },
    headers: { 'retry-after': String(seconds) },
  });
}

/**
 * Registers the per-address limit on every route and decorates `app.limitAccount`. Call before any
 * route is added: the plugin attaches its hook to routes as they are declared.
 */
export function installRateLimits(app: FastifyInstance, limits: RateLimits): void {
  app.register(fastifyRateLimit, {
    global: true,
    max: limits.perAddress.max,
    timeWindow: limits.perAddress.windowMs,
    errorResponseBuilder: (_request, context) => tooMany(context.ttl),
  });
  app.decorate(
    'limitAccount',
    lazyLimit(app, limits.perAccount, (r) => `account:${r.auth?.userId ?? ''}`),
  );
  app.decorate('limitLogin', lazyLimit(app, limits.login, loginKey));
  let perAddress: ReturnType<FastifyInstance['rateLimit']> | undefined;
  app.decorate('limitAddress', async (request: FastifyRequest, reply: FastifyReply) => {
    perAddress ??= app.rateLimit();
    await perAddress.call(app, request, reply);
  });
}

/**
 * A limit of its own (its own counts), checked by calling the returned function: 429 when over.
 * Made on first use: `createRateLimit` exists once the plugin has loaded, before any request.
 */
function lazyLimit(
  app: FastifyInstance,
  policy: RateLimitPolicy,
  keyGenerator: (request: FastifyRequest) => string,
): (request: FastifyRequest) => Promise<void> {
  let limiter: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  return async (request) => {
    limiter ??= app.createRateLimit({ max: policy.max, timeWindow: policy.windowMs, keyGenerator });
    const result = await limiter(request);
    if (!result.isAllowed && result.isExceeded) throw tooMany(result.ttl);
  };
}

/** Which login bucket a request counts in: its address, or its address and device key together. */
function loginKey(request: FastifyRequest): string {
  const key = (request.body as { deviceKey?: unknown } | undefined)?.deviceKey;
  if (typeof key !== 'string' || !DEVICE_KEY_PATTERN.test(key)) return `login:${request.ip}`;
  return `login:${request.ip}|${hashToken(key).slice(0, 22)}`;
}
