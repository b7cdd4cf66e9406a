import { eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit.js';
import { requireUser } from '../auth/authenticate.js';
import { DEVICE_KEY_PATTERN } from '../auth/known-devices.js';
import { FailureAudit, UnknownUserThrottle } from '../auth/lockout.js';
import { login, openSession } from '../auth/login.js';
import type { AuthOptions } from '../auth/options.js';
import { hashPassword } from '../auth/password.js';
import { revokeToken } from '../auth/tokens.js';
import { countUsers, findUserById, insertUser, toPublicUser } from '../auth/users.js';
import { tokens, users } from '../db/schema.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import {
  deviceNameSchema,
  displayNameSchema,
  loginPasswordSchema,
  lookupUsernameSchema,
  parseInput,
  passwordSchema,
  usernameSchema,
} from '../validation.js';

export interface AuthRoutesOptions {
  db: Database;
  auth: AuthOptions;
}

const setupBody = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  deviceName: deviceNameSchema.optional(),
});

const loginBody = z.strictObject({
  username: lookupUsernameSchema,
  password: loginPasswordSchema,
  deviceName: deviceNameSchema,
  /** Not a secret to refuse loudly: a malformed key is only not a known device. */
  deviceKey: z.string().regex(DEVICE_KEY_PATTERN).optional().catch(undefined),
});

const setupDone = () =>
  new ApiError(409, 'setup_done', 'The first account already exists; log in with it instead.');

/** First-run setup, login, logout and the caller's own session. */
export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, { db, auth: options }) => {
  // Guessing passwords, or keeping someone locked out, spends the guessing address's turns first.
  const guarded = { preHandler: (request: FastifyRequest) => app.limitLogin(request) };
  const guards = {
    throttle: new UnknownUserThrottle(options.lockout),
    failures: new FailureAudit((reason) => app.metrics.loginFailed(reason)),
  };

  app.get('/setup', async () => ({ needed: (await countUsers(db.orm)) === 0 }));

  app.post('/setup', guarded, async (request) => {
    const body = parseInput(setupBody, request.body);
    // Checked before hashing too, so a finished setup does not spend 100 ms per request.
    if ((await countUsers(db.orm)) > 0) throw setupDone();
    const passwordHash = await hashPassword(body.password, options.scryptLogN);
    const now = options.now();
    const deviceName = body.deviceName ?? 'Setup';
    return db.transaction(async (tx) => {
      // Two setups racing must not both see an empty table and create two first accounts.
      await tx.execute(sql`lock table ${users} in share row exclusive mode`);
      if ((await countUsers(tx)) > 0) throw setupDone();
      const user = await insertUser(
        tx,
        {
          username: body.username,
          displayName: body.displayName,
          passwordHash,
          role: 'commune',
          villageIds: [],
        },
        now,
      );
      if (!user) throw setupDone();
      const session = await openSession(tx, options, user, deviceName, now);
      await audit(tx, {
        userId: user.id,
        action: 'setup',
        detail: { username: user.username, deviceName, tokenId: session.tokenId },
      });
      return session.response;
    });
  });

  app.post('/auth/login', guarded, async (request) => {
    const body = parseInput(loginBody, request.body);
    return login(db, options, guards, body);
  });

  app.post('/auth/logout', { preHandler: app.authenticate }, async (request, reply) => {
    const auth = requireUser(request);
    await db.transaction(async (tx) => {
      await revokeToken(tx, auth.userId, auth.tokenId, options.now());
      await audit(tx, { userId: auth.userId, action: 'logout', detail: { tokenId: auth.tokenId } });
    });
    return reply.code(204).send();
  });

  app.get('/me', { preHandler: app.authenticate }, async (request) => {
    const auth = requireUser(request);
    const user = await findUserById(db.orm, auth.userId);
    const [device] = await db.orm.select().from(tokens).where(eq(tokens.id, auth.tokenId));
    if (!user || !device) throw new ApiError(401, 'token_invalid', 'This session is no longer valid.');
    return {
      user: toPublicUser(user),
      device: {
        tokenId: device.id,
        deviceName: device.deviceName,
        createdAt: device.createdAt.toISOString(),
        lastUsedAt: device.lastUsedAt.toISOString(),
        expiresAt: device.expiresAt.toISOString(),
      },
    };
  });
};
