import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { COMMUNE_OFFICE_ID, COMMUNE_VILLAGE_ID } from '../../core/sync/scope';
import { uuidSchema } from '../../core/uuid';
import { audit } from '../audit.js';
import {
  type AccountShape,
  accountShapeProblem,
  canAdministerUsers,
  canManageAccount,
} from '../auth/admin-policy.js';
import { type AuthContext, requireUser } from '../auth/authenticate.js';
import { forgetKnownDevices } from '../auth/known-devices.js';
import type { AuthOptions } from '../auth/options.js';
import { hashPassword } from '../auth/password.js';
import { revokeToken, revokeUserTokens } from '../auth/tokens.js';
import { findUserById, insertUser, toAdminView } from '../auth/users.js';
import { records, type TokenRow, tokens, type UserRow, users } from '../db/schema.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import {
  displayNameSchema,
  idParamsSchema,
  parseInput,
  passwordSchema,
  roleSchema,
  usernameSchema,
  villageIdsSchema,
} from '../validation.js';

export interface AdminUsersOptions {
  db: Database;
  auth: AuthOptions;
}

const createBody = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  role: roleSchema,
  villageIds: villageIdsSchema.default([]),
});

const updateBody = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    villageIds: villageIdsSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'Nothing to change.');

const passwordBody = z.strictObject({ password: passwordSchema });
const deviceParams = z.strictObject({ id: uuidSchema, tokenId: uuidSchema });

const forbidden = () => new ApiError(403, 'forbidden', 'You may not manage this account.');

function assertShape(account: AccountShape): void {
  const problem = accountShapeProblem(account);
  if (problem) {
    throw new ApiError(400, 'invalid_request', 'The request is not valid.', {
      extra: { details: [{ path: 'villageIds', code: 'too_small', message: problem }] },
    });
  }
}

/**
 * An account's scope ids must be of its kind (issue 19): a unit's account names one live reporting
 * unit, and a team's names no unit nor the commune's own scopes. Otherwise a "unit" account given a
 * village id would pull that village's people, and a member given a unit's id could write under it.
 * (A team's village need not be on the server yet: an officer may assign it before its first sync.)
 *
 * @throws ApiError 400 invalid_request naming villageIds
 */
async function assertScopeKinds(db: Database, account: AccountShape): Promise<void> {
  if (account.role === 'commune') return;
  const ids = account.villageIds.map((id) => id.toLowerCase());
  const units =
    ids.length === 0
      ? []
      : await db.orm
          .select({ id: records.id, data: records.data })
          .from(records)
          .where(and(eq(records.tbl, 'reportingUnits'), inArray(records.id, ids)));
  const liveUnits = new Set(units.filter((u) => !u.data.deletedAt).map((u) => u.id.toLowerCase()));
  const problem =
    account.role === 'unit'
      ? ids.every((id) => liveUnits.has(id))
        ? undefined
        : "A reporting unit's account belongs to a reporting unit the server has (Quản trị → Đơn vị báo cáo)."
      : units.length > 0 || ids.some((id) => id === COMMUNE_VILLAGE_ID || id === COMMUNE_OFFICE_ID)
        ? 'Members and leads belong to villages, not to a reporting unit or the commune office.'
        : undefined;
  if (problem) {
    throw new ApiError(400, 'invalid_request', 'The request is not valid.', {
      extra: { details: [{ path: 'villageIds', code: 'invalid_scope', message: problem }] },
    });
  }
}

function deviceView(row: TokenRow, now: Date) {
  const status = row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active';
  return {
    id: row.id,
    deviceName: row.deviceName,
    status,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Account administration. Commune officers manage everyone; a lead manages only members whose
 * villages are all the lead's own (see canManageAccount); members are refused outright.
 */
export const adminUserRoutes: FastifyPluginAsync<AdminUsersOptions> = async (app, { db, auth: options }) => {
  app.addHook('preHandler', app.authenticate);
  app.addHook('preHandler', async (request) => {
    if (!canAdministerUsers(requireUser(request))) throw forbidden();
  });

  async function loadManageable(request: FastifyRequest): Promise<{ actor: AuthContext; target: UserRow }> {
    const actor = requireUser(request);
    const { id } = parseInput(idParamsSchema, request.params, 'address');
    const target = await findUserById(db.orm, id);
    // An account the caller may not manage is answered as if it did not exist: a 403 would let a lead
    // tell which ids are real accounts elsewhere (issue 14, kind 10).
    if (!target || !canManageAccount(actor, target)) throw new ApiError(404, 'not_found', 'No such user.');
    return { actor, target };
  }

  app.get('/', async (request) => {
    const actor = requireUser(request);
    const rows = await db.orm.select().from(users).orderBy(asc(users.username));
    return { users: rows.filter((row) => canManageAccount(actor, row)).map(toAdminView) };
  });

  app.post('/', async (request, reply) => {
    const actor = requireUser(request);
    const body = parseInput(createBody, request.body);
    assertShape(body);
    if (!canManageAccount(actor, body)) throw forbidden();
    await assertScopeKinds(db, body);
    const passwordHash = await hashPassword(body.password, options.scryptLogN);
    const created = await db.transaction(async (tx) => {
      const { password: _omit, ...fields } = body;
      const row = await insertUser(tx, { ...fields, passwordHash }, options.now());
      if (!row) throw new ApiError(409, 'username_taken', 'This username is already in use.');
      await audit(tx, {
        userId: actor.userId,
        action: 'user.create',
        detail: { targetId: row.id, username: row.username, role: row.role, villageIds: row.villageIds },
      });
      return row;
    });
    return reply.code(201).send(toAdminView(created));
  });

  app.get('/:id', async (request) => toAdminView((await loadManageable(request)).target));

  app.patch('/:id', async (request) => {
    const { actor, target } = await loadManageable(request);
    const body = parseInput(updateBody, request.body);
    const next = { role: body.role ?? target.role, villageIds: body.villageIds ?? target.villageIds };
    assertShape(next);
    if (!canManageAccount(actor, next)) throw forbidden();
    await assertScopeKinds(db, next);
    const demotesSelf = body.role !== undefined && body.role !== target.role;
    if (target.id === actor.userId && (body.disabled === true || demotesSelf)) {
      // Otherwise the last commune officer could lock everyone out of administration.
      throw new ApiError(403, 'own_account', 'You cannot disable or change the role of your own account.');
    }
    const now = options.now();
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ ...body, updatedAt: now })
        .where(eq(users.id, target.id))
        .returning();
      if (!row) throw new ApiError(404, 'not_found', 'No such user.');
      const { disabled, ...changes } = body;
      if (Object.values(changes).some((value) => value !== undefined)) {
        await audit(tx, {
          userId: actor.userId,
          action: 'user.update',
          detail: { targetId: row.id, changes },
        });
      }
      if (disabled !== undefined && disabled !== target.disabled) {
        const revokedDevices = disabled ? await revokeUserTokens(tx, row.id, now) : 0;
        await audit(tx, {
          userId: actor.userId,
          action: disabled ? 'user.disable' : 'user.enable',
          detail: { targetId: row.id, ...(disabled ? { revokedDevices } : {}) },
        });
      }
      return toAdminView(row);
    });
  });

  app.post('/:id/password', async (request, reply) => {
    const { actor, target } = await loadManageable(request);
    const body = parseInput(passwordBody, request.body);
    const passwordHash = await hashPassword(body.password, options.scryptLogN);
    const now = options.now();
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now })
        .where(eq(users.id, target.id));
      // Whoever knew the old password may be holding a session opened with it.
      const revokedDevices = await revokeUserTokens(tx, target.id, now);
      await audit(tx, {
        userId: actor.userId,
        action: 'user.password_reset',
        detail: { targetId: target.id, revokedDevices },
      });
    });
    return reply.code(204).send();
  });

  /**
   * Ends a lock set by wrong passwords (issue 14, kind 5): for an owner whose phone is not a known
   * device, e.g. a new phone, while a stranger keeps the account locked.
   */
  app.post('/:id/unlock', async (request, reply) => {
    const { actor, target } = await loadManageable(request);
    await db.transaction(async (tx) => {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, target.id));
      await audit(tx, { userId: actor.userId, action: 'user.unlock', detail: { targetId: target.id } });
    });
    return reply.code(204).send();
  });

  app.get('/:id/devices', async (request) => {
    const { target } = await loadManageable(request);
    const rows = await db.orm
      .select()
      .from(tokens)
      .where(eq(tokens.userId, target.id))
      .orderBy(desc(tokens.createdAt))
      .limit(100);
    const now = options.now();
    return { devices: rows.map((row) => deviceView(row, now)) };
  });

  app.delete('/:id/devices/:tokenId', async (request) => {
    const { tokenId } = parseInput(deviceParams, request.params, 'address');
    const { actor, target } = await loadManageable(request);
    const [device] = await db.orm
      .select({ id: tokens.id })
      .from(tokens)
      .where(and(eq(tokens.id, tokenId), eq(tokens.userId, target.id)));
    if (!device) throw new ApiError(404, 'not_found', 'No such device for this user.');
    return db.transaction(async (tx) => {
      const now = options.now();
      // A lost phone's key must not get around the account's lock for whoever holds the phone.
      await forgetKnownDevices(tx, target.id, now, [tokenId]);
      const revoked = (await revokeToken(tx, target.id, tokenId, now)) ? 1 : 0;
      if (revoked) {
        await audit(tx, {
          userId: actor.userId,
          action: 'device.revoke',
          detail: { targetId: target.id, tokenId },
        });
      }
      return { revoked };
    });
  });

  app.delete('/:id/devices', async (request) => {
    const { actor, target } = await loadManageable(request);
    return db.transaction(async (tx) => {
      const now = options.now();
      await forgetKnownDevices(tx, target.id, now);
      const revoked = await revokeUserTokens(tx, target.id, now);
      await audit(tx, {
        userId: actor.userId,
        action: 'device.revoke',
        detail: { targetId: target.id, all: true, revoked },
      });
      return { revoked };
    });
  });
};
