import type { Server } from 'node:http';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.js';
import { DAY_MS } from './auth/options.js';
import { countUsers } from './auth/users.js';
import type { ControlChannel } from './backup/control-socket.js';
import { type BackupService, claimDataDir, startBackupService } from './backup/service.js';
import { needsBuild } from './build-check.js';
import { readConfig, type ServerConfig } from './config.js';
import { DatabaseTooNewError } from './db/migrate.js';
import { type Database, migrate, openDatabase, SERVER_APPLICATION_NAME } from './db.js';
import { projectRoot } from './project.js';
import { type Certificate, hasExpired, httpsUrl, listenHttpRedirect, loadCertificate } from './tls.js';

const SHUTDOWN_GRACE_MS = 10_000;

let shuttingDown = false;
let pendingDb: Promise<Database> | undefined;
let server: FastifyInstance | undefined;
let redirect: Server | undefined;
let control: ControlChannel | undefined;
let backups: BackupService | undefined;

// Installed before anything slow: a Ctrl-C during PGlite's first open must still wait for it and
// close it, or the data directory is left half-initialised.
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

/**
 * The settings and the certificate, or exit with one plain sentence: a wrong variable or an unusable
 * certificate is the operator's to fix, and a stack trace would only hide the sentence.
 */
function readSettingsOrExit(): { config: ServerConfig; certificate: Certificate | undefined } {
  try {
    const config = readConfig(process.env);
    return { config, certificate: config.tls ? loadCertificate(config.tls) : undefined };
  } catch (error) {
    console.error(`Ngõ Số cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const { config, certificate } = readSettingsOrExit();

  // Before PGlite opens the directory: a process already holding it answers here (backup/service.ts).
  control = await claimDataDir(config, 'server');
  pendingDb = openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    applicationName: SERVER_APPLICATION_NAME,
    onBackgroundError: (error) =>
      server ? server.log.error({ err: error }, 'database connection error') : console.error(error),
  });
  const db = await pendingDb;
  if (shuttingDown) return;
  // Before the build: a database this version cannot run on is refused at once (issue 16, part 3).
  await migrate(db);
  if (shuttingDown) return;

  if (needsBuild(projectRoot)) {
    console.log('Building the app…');
    // Imported lazily: vite is heavy and most starts find dist/ fresh.
    const { build } = await import('vite');
    await build({ root: projectRoot });
  }
  if (shuttingDown) return;

  server = buildServer({
    db,
    distDir: join(projectRoot, 'dist'),
    logger: true,
    auth: { tokenTtlMs: config.tokenTtlDays * DAY_MS },
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    ...(config.tls && certificate ? { tls: { files: config.tls, certificate } } : {}),
    metricsToken: config.metricsToken,
  });
  await server.listen({ port: config.port, host: config.host });
  const address = server.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  server.log.info(
    { db: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined },
    'database ready',
  );
  if (!certificate) {
    server.log.info(`Ngõ Số is running at http://localhost:${port}`);
  } else {
    await startHttps(server, config, certificate, port);
  }
  backups = startBackupService({ db, config: config.backup, control, log: server.log });
  if ((await countUsers(db.orm)) === 0) {
    server.log.info(
      'No accounts yet: open the app to create the first commune account, or run `npm run admin -- create-user`.',
    );
  }
}

async function startHttps(
  app: FastifyInstance,
  config: ServerConfig,
  certificate: Certificate,
  port: number,
): Promise<void> {
  app.log.info(
    { names: certificate.names, validTo: certificate.validTo, fingerprint: certificate.fingerprint },
    `Ngõ Số is running at ${httpsUrl(certificate, port)}`,
  );
  if (hasExpired(certificate)) {
    app.log.warn({ validTo: certificate.validTo }, 'the TLS certificate has expired: phones will refuse it');
  }
  const httpPort = config.tls?.httpPort;
  if (httpPort === undefined || shuttingDown) return;
  redirect = await listenHttpRedirect({ host: config.host, port: httpPort, httpsPort: port });
  const bound = redirect.address();
  app.log.info(
    `Plain HTTP on port ${bound && typeof bound === 'object' ? bound.port : httpPort} redirects to HTTPS`,
  );
}

async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  const log = (msg: string) => (server ? server.log.info(msg) : console.log(msg));
  log(`${signal} received, shutting down`);
  setTimeout(() => {
    console.error('Shutdown took too long, exiting anyway.');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();

  let exitCode = 0;
  redirect?.closeAllConnections();
  redirect?.close();
  await backups?.stop();
  try {
    await server?.close();
  } catch (error) {
    exitCode = 1;
    console.error('Error while closing the HTTP server:', error);
  }
  try {
    const db = await pendingDb;
    await db?.close();
  } catch (error) {
    exitCode = 1;
    console.error('Error while closing the database:', error);
  }
  await control?.close();
  log(exitCode === 0 ? 'Stopped cleanly.' : 'Stopped with errors.');
  process.exit(exitCode);
}

main().catch(async (error: unknown) => {
  // A refusal is the operator's to act on: its message says what to do, a stack trace would bury it.
  if (error instanceof DatabaseTooNewError) console.error(`Ngõ Số did not start: ${error.message}`);
  else console.error('Ngõ Số failed to start:', error);
  // A signal-driven shutdown already owns closing and exiting.
  if (shuttingDown) return;
  shuttingDown = true;
  redirect?.close();
  await server?.close().catch(() => undefined);
  const db = await pendingDb?.catch(() => undefined);
  await db?.close().catch(() => undefined);
  await control?.close().catch(() => undefined);
  process.exit(1);
});
