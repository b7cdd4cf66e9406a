/**
 * CPU time of processes from /proc (Linux): how a benchmark's load splits between the Node server, the
 * PostgreSQL backends and the load generator itself. Returns zeros where /proc is unreadable.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function pidsNamed(name: string): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((pid) => commOf(pid) === name);
  } catch {
    return [];
  }
}

export interface CpuSnapshot {
  server: number;
  /** Backends serving `database` (their process title names it). */
  backends: Map<number, number>;
  /** The cluster's shared processes (WAL writer, checkpointer…), which also serve other users. */
  background: Map<number, number>;
  self: number;
}

export function cpuSnapshot(serverPid: number | undefined, database?: string): CpuSnapshot {
  const backends = new Map<number, number>();
  const background = new Map<number, number>();
  for (const pid of pidsNamed('postgres')) {
    const title = cmdlineOf(pid);
    if (database && title.includes(` ${database} `)) backends.set(pid, ticksOf(pid));
    else if (/: (walwriter|checkpointer|background writer)/.test(title)) background.set(pid, ticksOf(pid));
  }
  return { server: serverPid ? ticksOf(serverPid) : 0, backends, background, self: ticksOf(process.pid) };
}

const delta = (before: Map<number, number>, after: Map<number, number>) => {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks / TICKS_PER_SECOND;
};

/** CPU seconds used between two snapshots. */
export function cpuSeconds(
  before: CpuSnapshot,
  after: CpuSnapshot,
): { server: number; postgresBackends: number; postgresBackground: number; loadGenerator: number } {
  return {
    server: (after.server - before.server) / TICKS_PER_SECOND,
    postgresBackends: delta(before.backends, after.backends),
    postgresBackground: delta(before.background, after.background),
    loadGenerator: (after.self - before.self) / TICKS_PER_SECOND,
  };
}
