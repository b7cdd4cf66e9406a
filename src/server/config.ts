import { isIP } from 'node:net';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** How long a device stays logged in without logging in again. */
  tokenTtlDays: number;
  /** Fastify's `trustProxy` (see ServerOptions.trustProxy); `false` unless TRUST_PROXY is set. */
  trustProxy: boolean | string;
}

/**
 * TRUST_PROXY: `true`/`false`, or a comma-separated list of proxy addresses, CIDR ranges or
 * proxy-addr's names (e.g. `loopback` or `127.0.0.1,10.0.0.0/8`), as Fastify's `trustProxy` takes them.
 * Behind Caddy on the same machine, `TRUST_PROXY=127.0.0.1` makes HTTPS requests known as such
 * (HSTS, issue 14 kind 7) and the client's real address known to per-address limits.
 */
export function parseTrustProxy(raw: string | undefined): boolean | string {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  const entries = value.split(',').map((entry) => entry.trim());
  const isAddress = (entry: string) => {
    if (/^(loopback|linklocal|uniquelocal)$/.test(entry)) return true;
    const [address = '', prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    if (version === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
  };
  if (entries.every(isAddress)) return entries.join(',');
  throw new Error(`TRUST_PROXY must be true, false or a comma-separated list of addresses, got "${value}".`);
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
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: env.DATA_DIR?.trim() || './data',
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    tokenTtlDays,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}
