import { desc, lt } from 'drizzle-orm';
import { type AuditRow, auditLog } from './db/schema.js';
import type { Orm } from './db.js';

/** Actions written so far; new ones (e.g. `record.delete`, `export`) need no registration here. */
export type KnownAuditAction =
  | 'setup'
  | 'login.success'
  | 'login.failure'
  | 'logout'
  | 'user.create'
  | 'user.update'
  | 'user.disable'
  | 'user.enable'
  | 'user.password_reset'
  | 'user.unlock'
  | 'device.revoke';

export interface AuditEntry {
  /** The acting user, or null when nobody is known (an unknown username, the admin CLI). */
  userId: string | null;
  action: KnownAuditAction | (string & {});
  /** Never a password, token or other secret: the audit log is read by people. */
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry. Pass the transaction that makes the audited change, so the entry and the
 * change commit or roll back together.
 */
export async function audit(orm: Orm, entry: AuditEntry): Promise<void> {
  await orm
    .insert(auditLog)
    .values({ userId: entry.userId, action: entry.action, detail: entry.detail ?? {} });
}

/** Newest first; `before` is the smallest id of the previous page. */
export async function listAudit(orm: Orm, options: { limit: number; before?: number }): Promise<AuditRow[]> {
  const query = orm.select().from(auditLog);
  const filtered = options.before === undefined ? query : query.where(lt(auditLog.id, options.before));
  return filtered.orderBy(desc(auditLog.id)).limit(options.limit);
}
