import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { type CliIo, main } from '../../src/server/cli/admin.js';
import { openDatabase } from '../../src/server/db.js';
import { TEST_SCRYPT_LOG_N } from './auth-harness.js';
import { backendsForFile, makeTempDir, openTestDatabase, removeDir, type TestDatabase } from './helpers.js';

const A = '0190a3e4-0000-7000-8000-00000000000a';

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

describe.each(backendsForFile('cli'))('admin CLI on $kind', (backend) => {
  let env: NodeJS.ProcessEnv;
  let tempDir: string | undefined;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    if (backend.databaseUrl) {
      // Only for its private schema: the CLI opens its own connection from DATABASE_URL.
      database = await openTestDatabase(backend, 'cli', { migrate: false });
      env = { DATABASE_URL: database.databaseUrl };
    } else {
      tempDir = await makeTempDir('cli');
      env = { DATA_DIR: `${tempDir}/pgdata` };
    }
  });
  afterAll(async () => {
    await database?.dispose();
    if (tempDir) await removeDir(tempDir);
  });

  async function run(...argv: string[]) {
    const io = captureIo();
    const code = await main(argv, env, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  }

  /** Logs in through the HTTP API against what the CLI wrote (the CLI has closed its database). */
  async function httpLogin(username: string, password: string): Promise<number> {
    const db = await openDatabase({ dataDir: env.DATA_DIR ?? 'unused', databaseUrl: env.DATABASE_URL });
    const app = buildServer({ db, distDir: '/nonexistent', auth: { scryptLogN: TEST_SCRYPT_LOG_N } });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password, deviceName: 'cli test' },
      });
      return res.statusCode;
    } finally {
      await app.close();
      await db.close();
    }
  }

  it('create-user makes an account that can log in', async () => {
    const res = await run(
      'create-user',
      '--username',
      'CanBo',
      '--password',
      'mật khẩu đầu tiên',
      '--display-name',
      'Cán bộ xã',
      '--role',
      'commune',
    );
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toMatch(/^Created commune account "canbo" \(/);
    expect(await httpLogin('canbo', 'mật khẩu đầu tiên')).toBe(200);
  });

  it('create-user takes villages for members', async () => {
    const res = await run(
      ...['create-user', '--username', 'lan', '--password', 'password-1', '--display-name', 'Lan'],
      ...['--role', 'member', '--villages', ` ${A.toUpperCase()} ,${A}`],
    );
    expect(res.code).toBe(0);
    const list = await run('list-users');
    expect(list.code).toBe(0);
    expect(list.out.split('\n')).toEqual([
      'canbo\tcommune\tactive\tCán bộ xã\tall villages',
      `lan\tmember\tactive\tLan\t${A}`,
    ]);
  });

  it('reset-password changes the password', async () => {
    const res = await run('reset-password', '--username', 'LAN', '--password', 'password-2');
    expect(res.code).toBe(0);
    expect(await httpLogin('lan', 'password-2')).toBe(200);
    expect(await httpLogin('lan', 'password-1')).toBe(401);
  });

  it.each([
    [['create-user', '--username', 'x'], /--username/],
    [
      [
        'create-user',
        '--username',
        'new.one',
        '--password',
        'short',
        '--display-name',
        'N',
        '--role',
        'member',
      ],
      /--password/,
    ],
    [
      [
        'create-user',
        '--username',
        'new.one',
        '--password',
        'password-1',
        '--display-name',
        'N',
        '--role',
        'boss',
      ],
      /--role/,
    ],
    [
      [
        'create-user',
        '--username',
        'new.one',
        '--password',
        'password-1',
        '--display-name',
        'N',
        '--role',
        'lead',
      ],
      /village/,
    ],
    [
      [
        'create-user',
        '--username',
        'new.one',
        '--password',
        'password-1',
        '--display-name',
        'N',
        '--role',
        'member',
        '--villages',
        'x',
      ],
      /--villages/,
    ],
    // Issue 14, kind 6: no ID number in an account's names, said in words.
    [
      [
        'create-user',
        '--username',
        'new.one',
        '--password',
        'password-1',
        '--display-name',
        'N 001203004567',
      ],
      /--display-name: must not hold an ID-card number/,
    ],
    [['create-user', '--username', '001203004567', '--password', 'password-1'], /--username: must not hold/],
    [['create-user', '--user', 'x'], /Unknown option/],
    [['delete-everything'], /Unknown command/],
    [[], /Usage/],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const res = await run(...argv);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(message);
  });

  it('wrote nothing for the rejected command lines', async () => {
    expect((await run('list-users')).out).not.toContain('new.one');
  });

  it.each([
    [
      [
        'create-user',
        '--username',
        'canbo',
        '--password',
        'password-1',
        '--display-name',
        'N',
        '--role',
        'commune',
      ],
      /already taken/,
    ],
    [['reset-password', '--username', 'nobody', '--password', 'password-1'], /no account/],
    // Only looked up: an account named before the rule can still have its password reset.
    [['reset-password', '--username', '001203004567', '--password', 'password-1'], /no account/],
  ])('fails %j with exit code 1', async (argv, message) => {
    const res = await run(...argv);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(message);
  });

  it('help prints the usage', async () => {
    const res = await run('help');
    expect(res.code).toBe(0);
    expect(res.out).toContain('create-user');
  });
});
