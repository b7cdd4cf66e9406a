export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** How long a device stays logged in without logging in again. */
  tokenTtlDays: number;
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
  };
}
