import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Role, tokens, users } from '../db/schema.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import { SYNC_CONTACT_ROUTES } from '../sync/device-status.js';
import type { AuthOptions } from './options.js';
import { hashToken } from './tokens.js';

/** Who is calling, as established from the bearer token. */
export interface AuthContext {
  userId: string;
  username: string;
  /** The name people know the account by: a submitted report is signed with it (issue 19). */
  displayName: string;
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
    // A push or pull writes its token row once, with its sync status (sync/device-status.ts).
    const touch = !SYNC_CONTACT_ROUTES.has(request.routeOptions.url ?? '');
    request.auth = await authenticateHeader(db, options, request.headers.authorization, touch);
    await app.limitAccount(request);
  });
}

/** The caller's identity; throws 401 when the route forgot `preHandler: app.authenticate`. */
export function requireUser(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new ApiError(401, 'auth_required', 'Log in first.');
  return request.auth;
}

/**
 * The caller behind `Authorization: Bearer <token>`, or an ApiError 401 with one of: `auth_required`
 * (no bearer token), `token_invalid` (a token this server never issued), `account_disabled` (its
 * account is disabled), `device_revoked` (revoked: signed out, the device revoked by an officer or
 * lead, the password reset), `token_expired` (past its lifetime, `TOKEN_TTL_DAYS`). The first two
 * differ from the others for the phone (issue 14, kind 9; docs/SECURITY.md): a disabled account or a
 * revoked device erases the phone's copy of the register.
 *
 * @param touch whether to write `tokens.last_used_at` (at most every `lastUsedResolutionMs`)
 */
export async function authenticateHeader(
  db: Database,
  options: AuthOptions,
  header: string | undefined,
  touch = true,
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
      displayName: users.displayName,
      role: users.role,
      villageIds: users.villageIds,
      disabled: users.disabled,
    })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .where(eq(tokens.tokenHash, hashToken(token)));

  // The order matters to the phone (issue 14, kind 9): `account_disabled` and `device_revoked` make it
  // erase its copy of the register, `token_invalid` and `token_expired` only ask for a new login.
  // Disabling revokes every token, so the account is checked before the revocation; a token never
  // issued here (another server, a restored database) is not a decision about this phone.
  if (!row) throw new ApiError(401, 'token_invalid', 'This session is no longer valid. Log in again.');
  if (row.disabled) throw new ApiError(401, 'account_disabled', 'This account has been disabled.');
  if (row.revokedAt) {
    throw new ApiError(401, 'device_revoked', 'This device has been signed out. Log in again.');
  }
  const now = options.now();
  if (row.expiresAt.getTime() <= now.getTime()) {
    throw new ApiError(401, 'token_expired', 'This session has expired. Log in again.');
  }

  if (touch && now.getTime() - row.lastUsedAt.getTime() >= options.lastUsedResolutionMs) {
    await db.orm.update(tokens).set({ lastUsedAt: now }).where(eq(tokens.id, row.tokenId));
  }
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    villageIds: row.villageIds,
    tokenId: row.tokenId,
  };
}
