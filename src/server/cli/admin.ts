/**
 * Account administration from a shell, for the first account on a new server and for recovery
 * when nobody can log in: `npm run admin -- <command> [options]`. Uses DATA_DIR / DATABASE_URL
 * like the server; with PGlite, stop the server first (one process per data directory).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { asc, eq } from 'drizzle-orm';
import type { ZodType } from 'zod';
import { audit } from '../audit.js';
import { accountShapeProblem } from '../auth/admin-policy.js';
import { hashPassword } from '../auth/password.js';
import { revokeUserTokens } from '../auth/tokens.js';
import { findUserByUsername, insertUser } from '../auth/users.js';
import { readConfig } from '../config.js';
import { type Role, users } from '../db/schema.js';
import { type Database, migrate, openDatabase } from '../db.js';
import {
  displayNameSchema,
  lookupUsernameSchema,
  passwordSchema,
  roleSchema,
  usernameSchema,
  villageIdsSchema,
} from '../validation.js';

export const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-user     --username <u> --password <p> --display-name <name> --role member|lead|commune
                  [--villages <id1,id2>]   (members and leads need at least one village id)
  list-users
  reset-password  --username <u> --password <p>   (also signs the user out on every device)
  help

Reads DATA_DIR or DATABASE_URL like the server.`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliOptions {
  /** log2 of scrypt's N for new hashes (tests lower it). */
  scryptLogN?: number;
}

/** A mistake in how the command was called: exit code 2. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

type Command =
  | { name: 'help' }
  | { name: 'list-users' }
  | {
      name: 'create-user';
      username: string;
      password: string;
      displayName: string;
      role: Role;
      villageIds: string[];
    }
  | { name: 'reset-password'; username: string; password: string };

/** Parses, opens the configured database, runs one command and returns the process exit code. */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io = consoleIo,
  options: CliOptions = {},
): Promise<number> {
  // Parsed before the database is opened: a typo should not wait for PGlite to start.
  const command = parseOrReport(argv, io);
  if (typeof command === 'number') return command;
  if (command.name === 'help') {
    io.out(USAGE);
    return 0;
  }
  let db: Database | undefined;
  try {
    const config = readConfig(env);
    db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    await migrate(db);
    return await runCommand(db, command, io, options);
  } catch (error) {
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.close();
  }
}

function parseOrReport(argv: string[], io: CliIo): Command | number {
  try {
    return parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`Error: ${error.message}`);
    io.err(
      error.showUsage ? `\n${USAGE}` : 'Run "npm run admin -- help" for the list of commands and options.',
    );
    return 2;
  }
}

function parseCommand(argv: string[]): Command {
  const [name, ...args] = argv;
  switch (name) {
    case undefined:
      throw new UsageError('No command given.', true);
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'list-users':
      readOptions(args, []);
      return { name: 'list-users' };
    case 'create-user': {
      const values = readOptions(args, ['username', 'password', 'display-name', 'role', 'villages']);
      // Checked in the order the usage lists the flags, so the first complaint is the first mistake.
      const username = check(usernameSchema, values.username, 'username');
      const password = check(passwordSchema, values.password, 'password');
      const displayName = check(displayNameSchema, values['display-name'], 'display-name');
      const role = check(roleSchema, values.role, 'role');
      const villages = villageIdsSchema.safeParse(splitList(values.villages) ?? []);
      if (!villages.success) throw new UsageError('--villages must be UUIDs separated by commas.');
      const problem = accountShapeProblem({ role, villageIds: villages.data });
      if (problem) throw new UsageError(problem);
      return { name, username, password, displayName, role, villageIds: villages.data };
    }
    case 'reset-password': {
      const values = readOptions(args, ['username', 'password']);
      return {
        name,
        username: check(lookupUsernameSchema, values.username, 'username'),
        password: check(passwordSchema, values.password, 'password'),
      };
    }
    default:
      throw new UsageError(`Unknown command "${name}".`, true);
  }
}

function readOptions(args: string[], names: string[]): Record<string, string | undefined> {
  try {
    const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), true);
  }
}

/** The app's rule keys, said in words for whoever runs the CLI. */
const RULES: Record<string, string> = {
  'err.idNumberInText': 'must not hold an ID-card number (DESIGN §7: never stored)',
  'err.otpInText': 'must not hold an OTP (DESIGN §7: never stored)',
  'err.passwordInText': 'must not hold a password (DESIGN §7: never stored)',
  'err.invalidCharacters': 'holds control characters or broken text',
};

function check<T>(schema: ZodType<T>, value: string | undefined, flag: string): T {
  if (value === undefined) throw new UsageError(`--${flag} is required.`);
  const result = schema.safeParse(value);
  if (!result.success) {
    const messages = result.error.issues.map((issue) => RULES[issue.message] ?? issue.message);
    throw new UsageError(`--${flag}: ${messages.join('; ')}`);
  }
  return result.data;
}

function splitList(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function runCommand(
  db: Database,
  command: Exclude<Command, { name: 'help' }>,
  io: CliIo,
  options: CliOptions,
): Promise<number> {
  switch (command.name) {
    case 'create-user':
      return createUser(db, command, io, options);
    case 'list-users':
      return listUsers(db, io);
    case 'reset-password':
      return resetPassword(db, command, io, options);
  }
}

async function createUser(
  db: Database,
  command: Extract<Command, { name: 'create-user' }>,
  io: CliIo,
  options: CliOptions,
): Promise<number> {
  const { username, password, displayName, role, villageIds } = command;
  const passwordHash = await hashPassword(password, options.scryptLogN);
  const created = await db.transaction(async (tx) => {
    const row = await insertUser(tx, { username, displayName, passwordHash, role, villageIds }, new Date());
    if (row) {
      await audit(tx, {
        userId: null,
        action: 'user.create',
        detail: { via: 'cli', targetId: row.id, username, role, villageIds },
      });
    }
    return row;
  });
  if (!created) {
    io.err(`Error: the username "${username}" is already taken.`);
    return 1;
  }
  io.out(`Created ${role} account "${username}" (${created.id}).`);
  return 0;
}

async function listUsers(db: Database, io: CliIo): Promise<number> {
  const rows = await db.orm.select().from(users).orderBy(asc(users.username));
  if (rows.length === 0) {
    io.out('No accounts yet. Create one with: npm run admin -- create-user …');
    return 0;
  }
  for (const row of rows) {
    const villages = row.role === 'commune' ? 'all villages' : row.villageIds.join(',') || '-';
    const state = row.disabled ? 'disabled' : 'active';
    io.out([row.username, row.role, state, row.displayName, villages].join('\t'));
  }
  return 0;
}

async function resetPassword(
  db: Database,
  command: Extract<Command, { name: 'reset-password' }>,
  io: CliIo,
  options: CliOptions,
): Promise<number> {
  const { username, password } = command;
  const user = await findUserByUsername(db.orm, username);
  if (!user) {
    io.err(`Error: no account is called "${username}".`);
    return 1;
  }
  const passwordHash = await hashPassword(password, options.scryptLogN);
  const now = new Date();
  const revokedDevices = await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now })
      .where(eq(users.id, user.id));
    const revoked = await revokeUserTokens(tx, user.id, now);
    await audit(tx, {
      userId: null,
      action: 'user.password_reset',
      detail: { via: 'cli', targetId: user.id, revokedDevices: revoked },
    });
    return revoked;
  });
  io.out(`Password of "${username}" changed; ${revokedDevices} device(s) signed out.`);
  return 0;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
