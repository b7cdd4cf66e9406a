/**
 * When the server backs itself up, where to, and how many backups it keeps (issue 16), from the
 * environment:
 *
 *   BACKUP_SCHEDULE  `02:00` (default): every day at that time in the commune's time (Asia/Ho_Chi_Minh,
 *                    UTC+7 all year); `every 6h`: every 6 hours from midnight there (1–24 h); `off`
 *   BACKUP_DIR       default: `backups` beside DATA_DIR (`./data` → `./backups`)
 *   BACKUP_KEEP      how many scheduled backups to keep, newest first (default 14)
 *
 * Retention (pruneBackups) deletes only files named as backups (backup-file.ts), oldest first, and any
 * backup older than 30 days: an erased person's values leave the last backup within 30 days
 * (docs/erasure.md), so a schedule that would keep them longer is refused here.
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { VIETNAM_OFFSET_MINUTES } from '../../core/dates';
import { BACKUP_FILE_PATTERN, listBackups } from './backup-file.js';

/** The longest a backup is kept: the promise made to an erased person (docs/erasure.md). */
export const MAX_BACKUP_AGE_DAYS = 30;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const OFFSET_MS = VIETNAM_OFFSET_MINUTES * 60_000;

export type BackupSchedule =
  | { kind: 'off' }
  /** Every day at `minute` minutes after midnight in the commune's time. */
  | { kind: 'daily'; minute: number }
  /** Every `hours` hours, counted from midnight in the commune's time. */
  | { kind: 'every'; hours: number };

export interface BackupConfig {
  /** Absolute directory of scheduled backups, and the CLI's default. */
  dir: string;
  schedule: BackupSchedule;
  keep: number;
}

/**
 * @throws Error naming the variable, what it got and what it takes
 */
export function readBackupConfig(env: NodeJS.ProcessEnv, dataDir: string): BackupConfig {
  const schedule = parseBackupSchedule(env.BACKUP_SCHEDULE?.trim() || '02:00');
  const rawKeep = env.BACKUP_KEEP?.trim() || '14';
  const keep = Number(rawKeep);
  if (!Number.isInteger(keep) || keep < 1 || keep > 1000) {
    throw new Error(`BACKUP_KEEP must be a whole number of backups from 1 to 1000, got "${rawKeep}".`);
  }
  const period = schedule.kind === 'off' ? 0 : schedule.kind === 'daily' ? DAY_MS : schedule.hours * HOUR_MS;
  if (period * keep > MAX_BACKUP_AGE_DAYS * DAY_MS) {
    throw new Error(
      `BACKUP_KEEP=${keep} with BACKUP_SCHEDULE=${env.BACKUP_SCHEDULE?.trim() || '02:00'} keeps backups for ` +
        `${Math.round((period * keep) / DAY_MS)} days; an erased person must leave every backup within ` +
        `${MAX_BACKUP_AGE_DAYS} days (docs/erasure.md). Keep at most ${Math.floor((MAX_BACKUP_AGE_DAYS * DAY_MS) / period)}.`,
    );
  }
  const dir = env.BACKUP_DIR?.trim() || join(dirname(resolve(dataDir)), 'backups');
  return { dir: resolve(dir), schedule, keep };
}

/** @throws Error for anything but `off`, `HH:MM` or `every Nh` (N from 1 to 24) */
export function parseBackupSchedule(raw: string): BackupSchedule {
  const text = raw.toLowerCase();
  if (text === 'off') return { kind: 'off' };
  const time = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (time) {
    const hours = Number(time[1]);
    const minutes = Number(time[2]);
    if (hours < 24 && minutes < 60) return { kind: 'daily', minute: hours * 60 + minutes };
  }
  const every = /^every\s*(\d{1,2})\s*h$/.exec(text);
  if (every) {
    const hours = Number(every[1]);
    if (hours >= 1 && hours <= 24) return { kind: 'every', hours };
  }
  throw new Error(
    `BACKUP_SCHEDULE must be a time of day in the commune's time such as "02:00", "every 6h" ` +
      `(1 to 24 hours), or "off"; got "${raw}".`,
  );
}

/**
 * The first scheduled time strictly after `now` (ms since the epoch). Every server process computes
 * the same times, so several processes on one PostgreSQL agree on which backup is due (service.ts).
 */
export function nextBackupAt(schedule: Exclude<BackupSchedule, { kind: 'off' }>, now: number): number {
  const local = now + OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  if (schedule.kind === 'daily') {
    const today = midnight + schedule.minute * 60_000;
    return (today > local ? today : today + DAY_MS) - OFFSET_MS;
  }
  const step = schedule.hours * HOUR_MS;
  const next = midnight + (Math.floor((local - midnight) / step) + 1) * step;
  // A step that does not divide the day (every 5h) starts again at midnight.
  return Math.min(next, midnight + DAY_MS) - OFFSET_MS;
}

/** The time a backup's name says it was taken (UTC), in ms. */
function takenAt(name: string): number {
  const m = /^ngoso-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(name);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * Deletes, in `dir`, the backups beyond the newest `keep` and those older than MAX_BACKUP_AGE_DAYS,
 * and what a backup cut off by a crash left (`.ngoso-partial-*` older than a day). Only names of
 * backups are touched: whatever else the directory holds stays.
 * @returns the names deleted
 */
export async function pruneBackups(dir: string, keep: number, now: number = Date.now()): Promise<string[]> {
  const backups = await listBackups(dir);
  const oldest = now - MAX_BACKUP_AGE_DAYS * DAY_MS;
  const doomed = backups.filter((b, i) => i < backups.length - keep || takenAt(b.name) < oldest);
  for (const b of doomed) await unlink(b.path);
  const deleted = doomed.map((b) => b.name);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith('.ngoso-partial-') || BACKUP_FILE_PATTERN.test(name)) continue;
    const path = join(dir, name);
    if ((await stat(path)).mtimeMs < now - DAY_MS) {
      await unlink(path);
      deleted.push(name);
    }
  }
  return deleted;
}
