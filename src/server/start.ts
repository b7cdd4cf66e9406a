import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.js';
import { DAY_MS } from './auth/options.js';
import { countUsers } from './auth/users.js';
import type { ControlChannel } from './backup/control-socket.js';
import { type BackupService, claimDataDir, startBackupService } from './backup/service.js';
import { needsBuild } from './build-check.js';
import { readConfig } from './config.js';
import { type Database, migrate, openDatabase, SERVER_APPLICATION_NAME } from './db.js';
import { projectRoot } from './project.js';

const SHUTDOWN_GRACE_MS = 10_000;

let shuttingDown = false;
let pendingDb: Promise<Database> | undefined;
let server: FastifyInstance | undefined;
let control: ControlChannel | undefined;
let backups: BackupService | undefined;

// Installed before anything slow: a Ctrl-C during PGlite's first open must still wait for it and
// close it, or the data directory is left half-initialised.
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

async function main(): Promise<void> {
  const config = readConfig(process.env);

  if (needsBuild(projectRoot)) {
    console.log('Building the app…');
    // Imported lazily: vite is heavy and most starts find dist/ fresh.
    const { build } = await import('vite');
    await build({ root: projectRoot });
  }
  if (shuttingDown) return;

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
  await migrate(db);
  if (shuttingDown) return;

  server = buildServer({
    db,
    distDir: join(projectRoot, 'dist'),
    logger: true,
    auth: { tokenTtlMs: config.tokenTtlDays * DAY_MS },
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
  });
  await server.listen({ port: config.port, host: config.host });
  const address = server.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  server.log.info(
    { db: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined },
    'database ready',
  );
  server.log.info(`Ngõ Số is running at http://localhost:${port}`);
  backups = startBackupService({ db, config: config.backup, control, log: server.log });
  if ((await countUsers(db.orm)) === 0) {
    server.log.info(
      'No accounts yet: open the app to create the first commune account, or run `npm run admin -- create-user`.',
    );
  }
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
  console.error('Ngõ Số failed to start:', error);
  // A signal-driven shutdown already owns closing and exiting.
  if (shuttingDown) return;
  shuttingDown = true;
  await server?.close().catch(() => undefined);
  const db = await pendingDb?.catch(() => undefined);
  await db?.close().catch(() => undefined);
  await control?.close().catch(() => undefined);
  process.exit(1);
});
