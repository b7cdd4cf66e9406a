/**
 * Issue 16: backup and restore of a 260,000-record commune on PGlite, and what a backup costs the
 * phones pushing meanwhile.
 *
 * A fresh server (PGlite in a temporary data dir) gets 13 villages of DESIGN §6's size (2,000
 * households with their field work, ~20,000 records each), pushed through the API as the field would.
 * Then, with the server running, a backup through its control socket (what `npm run backup` does),
 * while one client pushes a one-household change back to back: the push latency before and during the
 * backup tells how long a push waits for PGlite's single connection. The server's memory is sampled
 * (VmRSS) during the backup, which reads through a cursor and must not grow with the register. Last,
 * `npm run restore` of the file into an empty data dir, as a separate process, timed whole (PGlite's
 * first open and the migrations included) and as the restore itself reports it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatHlc, initialHlc, tickHlc } from '../../src/core/hlc';
import { newDeviceId, newId } from '../../src/core/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { callControlSocket, controlSocketPath } from '../../src/server/backup/control-socket';
import { projectRoot } from '../../src/server/project';
import { type ServerHandle, startServer } from '../../tests/e2e/global-setup';
import { seedVillage, setupCommune } from '../lib/server-seed';
import { log, median, percentile, registerCleanup, round } from './util';

export interface BackupBenchResult {
  villages: number;
  records: number;
  seedMs: number;
  backup: {
    ms: number;
    /** How long the read transaction held PGlite's connection. */
    transactionMs: number;
    bytes: number;
    rows: number;
    bytesPerRecord: number;
    /** The server's resident memory: before the backup, and the most it reached during it (MB). */
    rssBeforeMb: number;
    rssPeakMb: number;
  };
  pushWait: {
    /** One-change pushes back to back before the backup. */
    beforeMedianMs: number;
    duringCount: number;
    duringMedianMs: number;
    duringMaxMs: number;
  };
  restore: {
    /** `npm run restore` into an empty data dir, start to exit. */
    processMs: number;
    /** The restore's own time as it prints it (verification, load, commit). */
    reportedMs: number;
    rows: number;
  };
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

/** Pushes one new household at a time until `stop()`, timing each request. */
function pusher(url: string, token: string, villageId: string) {
  const deviceId = newDeviceId();
  let clock = initialHlc(deviceId);
  const samples: Array<{ start: number; end: number }> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      clock = tickHlc(clock, Date.now());
      const start = performance.now();
      const response = await fetch(`${url}/api/sync/push`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        },
        body: JSON.stringify({
          deviceId,
          changes: [
            {
              changeId: newId(),
              table: 'households',
              rowId: newId(),
              villageId,
              fields: {
                label: 'Hộ thử sao lưu',
                membersCount: 3,
                poor: false,
                createdAt: new Date().toISOString(),
              },
              hlc: formatHlc(clock),
            },
          ],
        }),
      });
      await response.text();
      if (!response.ok) throw new Error(`push during the backup: HTTP ${response.status}`);
      samples.push({ start, end: performance.now() });
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}

function runProcess(args: string[], env: Record<string, string>): Promise<{ ms: number; out: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve({ ms: performance.now() - started, out });
      else reject(new Error(`${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
}

export async function benchBackup(options: {
  villages: number;
  households: number;
}): Promise<BackupBenchResult> {
  const work = await mkdtemp(join(tmpdir(), 'ngo-so-bench-backup-'));
  let server: ServerHandle | undefined;
  const unregister = registerCleanup(async () => {
    await server?.stop();
    await rm(work, { recursive: true, force: true });
  });
  try {
    server = await startServer({ env: { BACKUP_SCHEDULE: 'off' } });
    const token = await setupCommune(server.url);
    const seedStarted = Date.now();
    let records = 0;
    let firstVillage = '';
    for (let i = 1; i <= options.villages; i++) {
      const village = await seedVillage(server.url, token, {
        name: `Thôn ${i}`,
        households: options.households,
        seed: i,
        fieldWork: true,
      });
      records += village.records;
      firstVillage ||= village.villageId;
      log(`backup: seeded ${i}/${options.villages} villages, ${records.toLocaleString('en-US')} records`);
    }
    const seedMs = Date.now() - seedStarted;
    const pid = server.child.pid ?? 0;

    const before = pusher(server.url, token, firstVillage);
    while (before.samples.length < 30) await new Promise((resolve) => setTimeout(resolve, 50));
    await before.stop();
    const beforeMs = before.samples.map((s) => s.end - s.start);

    const rssBeforeMb = await rssMb(pid);
    let rssPeakMb = rssBeforeMb;
    const sampler = setInterval(() => {
      void rssMb(pid).then((mb) => {
        rssPeakMb = Math.max(rssPeakMb, mb);
      });
    }, 100);
    const during = pusher(server.url, token, firstVillage);
    const backupStarted = performance.now();
    const lines = await callControlSocket(controlSocketPath(server.dataDir), 'POST', '/backup', {
      dir: join(work, 'backups'),
    });
    const backupEnded = performance.now();
    await during.stop();
    clearInterval(sampler);
    const done = (lines.at(-1) as { done?: Record<string, number | string> }).done;
    if (!done) throw new Error(`backup failed: ${JSON.stringify(lines.at(-1))}`);
    // Pushes that were waiting or running while the backup ran.
    const overlapping = during.samples
      .filter((s) => s.end > backupStarted && s.start < backupEnded)
      .map((s) => s.end - s.start);
    log(`backup: ${JSON.stringify(done)}`);
    await server.stop();
    server = undefined;

    const restored = await runProcess(['src/server/cli/restore.ts', String(done.file)], {
      DATA_DIR: join(work, 'restored'),
    });
    const reported = /Restored ([\d ]+) rows? in ([\d.]+) s/.exec(restored.out);
    log(`restore: ${restored.out.trim().split('\n').at(-1)}`);
    return {
      villages: options.villages,
      records,
      seedMs,
      backup: {
        ms: round(backupEnded - backupStarted),
        transactionMs: Number(done.transactionMs),
        bytes: Number(done.bytes),
        rows: Number(done.rows),
        bytesPerRecord: round(Number(done.bytes) / records, 1),
        rssBeforeMb,
        rssPeakMb,
      },
      pushWait: {
        beforeMedianMs: round(median(beforeMs), 1),
        duringCount: overlapping.length,
        duringMedianMs: round(median(overlapping), 1),
        duringMaxMs: round(percentile(overlapping, 100)),
      },
      restore: {
        processMs: round(restored.ms),
        reportedMs: reported ? round(Number(reported[2]) * 1000) : Number.NaN,
        rows: reported ? Number((reported[1] ?? '').replaceAll(' ', '')) : Number.NaN,
      },
    };
  } finally {
    await server?.stop();
    await rm(work, { recursive: true, force: true });
    unregister();
  }
}
