import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Role, tokens, users } from '../db/schema.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import type { AuthOptions } from './options.js';
import { hashToken } from './tokens.js';

/** Who is calling, as established from the bearer token. */
export interface AuthContext {
  userId: string;
  username: string;
  role: Role;
  villageIds: string[];
  tokenId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `app.authenticate`; read it through `requireUser(request)`. */
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /**
     * preHandler: answers 401 unless the request carries a live token of an enabled user, and 429
     * once that account is over its rate limit (rate-limits.ts).
     */
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Adds `app.authenticate` and `request.auth` to `app` and every plugin registered inside it
 * afterwards. Called directly (not registered as a plugin) so the decorators are not
 * encapsulated away from sibling route plugins.
 */
export function installAuth(app: FastifyInstance, db: Database, options: AuthOptions): void {
  app.decorateRequest('auth', null);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    request.auth = await authenticateHeader(db, options, request.headers.authorization);
    await app.limitAccount(request);
  });
}

/** The caller's identity; throws 401 when the route forgot `preHandler: app.authenticate`. */
export function requireUser(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new ApiError(401, 'auth_required', 'Log in first.');
  return request.auth;
}

export async function authenticateHeader(
  db: Database,
  options: AuthOptions,
  header: string | undefined,
): Promise<AuthContext> {
  const token = header ? BEARER.exec(header)?.[1] : undefined;
  if (!token) throw new ApiError(401, 'auth_required', 'Log in first.');

  const [row] = await db.orm
    .select({
      tokenId: tokens.id,
      expiresAt: tokens.expiresAt,
      revokedAt: tokens.revokedAt,
      lastUsedAt: tokens.lastUsedAt,
      userId: users.id,
      username: users.username,
      role: users.role,
      villageIds: users.villageIds,
      disabled: users.disabled,
    })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .where(eq(tokens.tokenHash, hashToken(token)));

  if (!row || row.revokedAt) {
    throw new ApiError(401, 'token_invalid', 'This session is no longer valid. Log in again.');
  }
  const now = options.now();
  if (row.expiresAt.getTime() <= now.getTime()) {
    throw new ApiError(401, 'token_expired', 'This session has expired. Log in again.');
  }
  if (row.disabled) throw new ApiError(401, 'account_disabled', 'This account has been disabled.');

  if (now.getTime() - row.lastUsedAt.getTime() >= options.lastUsedResolutionMs) {
    await db.orm.update(tokens).set({ lastUsedAt: now }).where(eq(tokens.id, row.tokenId));
  }
  return {
    userId: row.userId,
    username: row.username,
    role: row.role,
    villageIds: row.villageIds,
    tokenId: row.tokenId,
  };
}
