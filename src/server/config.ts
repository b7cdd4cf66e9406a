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
  /** HTTPS served by this server itself (tls.ts); undefined: plain HTTP on `port`, as before issue 16. */
  tls: TlsSettings | undefined;
  /** METRICS_TOKEN: serves Prometheus metrics at /metrics to requests bearing it (metrics.ts). */
  metricsToken: string | undefined;
  /** BACKUP_SCHEDULE, BACKUP_DIR, BACKUP_KEEP (backup/schedule.ts). */
  backup: BackupConfig;
}

/** Where the certificate lives and where plain HTTP is redirected from (issue 16, item 1). */
export interface TlsSettings {
  /** TLS_CERT: a PEM file, the certificate then its chain (Let's Encrypt's `fullchain.pem`). */
  certFile: string;
  /** TLS_KEY: the certificate's unencrypted PEM private key. */
  keyFile: string;
  /** HTTP_PORT: plain HTTP answering every request with a 308 to HTTPS; undefined with `off`. */
  httpPort: number | undefined;
}

/** With TLS on, PORT defaults to 8443 and HTTP_PORT to 8080, so addresses phones saved over HTTP redirect. */
export const DEFAULT_HTTPS_PORT = 8443;
export const DEFAULT_REDIRECT_PORT = 8080;

function readTrustProxy(raw: string | undefined): boolean | string {
  const value = raw?.trim();
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value;
}

function readPort(name: string, raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${name} must be an integer between 0 and 65535, got "${raw}".`);
  }
  return port;
}

/**
 * TLS_CERT, TLS_KEY and HTTP_PORT (issue 16, item 1). Only the settings: the files are read and
 * checked by tls.ts when the server starts, so the admin CLI never needs the server's private key.
 * @throws Error naming the variable when one of the pair is missing or HTTP_PORT is wrong.
 */
function readTlsSettings(env: NodeJS.ProcessEnv, httpsPort: number): TlsSettings | undefined {
  const certFile = env.TLS_CERT?.trim();
  const keyFile = env.TLS_KEY?.trim();
  const rawHttpPort = env.HTTP_PORT?.trim();
  if (!certFile && !keyFile) {
    if (rawHttpPort) {
      throw new Error(
        'HTTP_PORT is only used with TLS_CERT and TLS_KEY; without them PORT serves plain HTTP.',
      );
    }
    return undefined;
  }
  if (!certFile || !keyFile) {
    const [set, missing] = certFile ? ['TLS_CERT', 'TLS_KEY'] : ['TLS_KEY', 'TLS_CERT'];
    throw new Error(
      `${set} is set but ${missing} is not: set both (the certificate and its private key, PEM files) to serve HTTPS, or neither for plain HTTP.`,
    );
  }
  const httpPort =
    rawHttpPort === 'off' ? undefined : readPort('HTTP_PORT', rawHttpPort || String(DEFAULT_REDIRECT_PORT));
  if (httpPort !== undefined && httpPort !== 0 && httpPort === httpsPort) {
    throw new Error(
      `HTTP_PORT and PORT are both ${httpPort}: HTTPS (PORT) and the redirect from HTTP (HTTP_PORT) need two ports, or HTTP_PORT=off.`,
    );
  }
  return { certFile, keyFile, httpPort };
}

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const tlsOn = Boolean(env.TLS_CERT?.trim() || env.TLS_KEY?.trim());
  const port = readPort('PORT', env.PORT?.trim() || String(tlsOn ? DEFAULT_HTTPS_PORT : 8080));
  const rawTtl = env.TOKEN_TTL_DAYS?.trim() || '30';
  const tokenTtlDays = Number(rawTtl);
  if (!Number.isFinite(tokenTtlDays) || tokenTtlDays <= 0 || tokenTtlDays > 3650) {
    throw new Error(`TOKEN_TTL_DAYS must be a number of days between 0 and 3650, got "${rawTtl}".`);
  }
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    // /metrics may face the internet: a short token could be guessed.
    throw new Error('METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`).');
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
    tls: readTlsSettings(env, port),
    metricsToken,
    backup: readBackupConfig(env, dataDir),
  };
}
