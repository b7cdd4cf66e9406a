import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { tokens } from '../db/schema.js';
import type { Orm } from '../db.js';

/** 32 random bytes, base64url: what the device keeps and sends as `Authorization: Bearer …`. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this is stored: a leaked database cannot be replayed as sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssuedToken {
  token: string;
  tokenId: string;
  expiresAt: Date;
}

export async function issueToken(
  orm: Orm,
  input: { userId: string; deviceName: string; now: Date; ttlMs: number; knownDeviceId?: string },
): Promise<IssuedToken> {
  const token = newToken();
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  const [row] = await orm
    .insert(tokens)
    .values({
      userId: input.userId,
      tokenHash: hashToken(token),
      deviceName: input.deviceName,
      createdAt: input.now,
      lastUsedAt: input.now,
      expiresAt,
      knownDeviceId: input.knownDeviceId ?? null,
    })
    .returning({ id: tokens.id });
  if (!row) throw new Error('inserting a token returned no row');
  return { token, tokenId: row.id, expiresAt };
}

/** Revokes one device of one user; false when it does not exist or was already revoked. */
export async function revokeToken(orm: Orm, userId: string, tokenId: string, now: Date): Promise<boolean> {
  const rows = await orm
    .update(tokens)
    .set({ revokedAt: now })
    .where(and(eq(tokens.id, tokenId), eq(tokens.userId, userId), isNull(tokens.revokedAt)))
    .returning({ id: tokens.id });
  return rows.length > 0;
}

/** Signs a user out everywhere; returns how many live tokens were revoked. */
export async function revokeUserTokens(orm: Orm, userId: string, now: Date): Promise<number> {
  const rows = await orm
    .update(tokens)
    .set({ revokedAt: now })
    .where(and(eq(tokens.userId, userId), isNull(tokens.revokedAt)))
    .returning({ id: tokens.id });
  return rows.length;
}
