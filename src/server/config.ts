import { type BackupConfig, readBackupConfig } from './backup/schedule.js';
import { type RateLimits, readRateLimits } from './rate-limits.js';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** How long a device stays logged in without logging in again. */
  tokenTtlDays: number;
  /** Requests per minute per address, per login address and per account (rate-limits.ts). */
  rateLimits: RateLimits;
  /**
   * TRUST_PROXY: `true`, or the proxy's addresses, comma-separated (Fastify's `trustProxy`). Set it
   * when a reverse proxy (Caddy) is in front, so limits count phones' addresses, not the proxy's, and
   * HTTPS requests get HSTS (security-headers.ts).
   */
  trustProxy: boolean | string;
  /** BACKUP_SCHEDULE, BACKUP_DIR, BACKUP_KEEP (backup/schedule.ts). */
  backup: BackupConfig;
}

function readTrustProxy(raw: string | undefined): boolean | string {
  const value = raw?.trim();
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value;
}

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const rawPort = env.PORT?.trim() || '8080';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${rawPort}".`);
  }
  const rawTtl = env.TOKEN_TTL_DAYS?.trim() || '30';
  const tokenTtlDays = Number(rawTtl);
  if (!Number.isFinite(tokenTtlDays) || tokenTtlDays <= 0 || tokenTtlDays > 3650) {
    throw new Error(`TOKEN_TTL_DAYS must be a number of days between 0 and 3650, got "${rawTtl}".`);
  }
  const dataDir = env.DATA_DIR?.trim() || './data';
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    tokenTtlDays,
    rateLimits: readRateLimits(env),
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    backup: readBackupConfig(env, dataDir),
  };
}
