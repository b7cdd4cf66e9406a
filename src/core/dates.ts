/**
 * Calendar days in the commune's time zone. Vietnam (Asia/Ho_Chi_Minh) is UTC+7 all year with no
 * daylight saving, so a fixed offset gives the same day as the phone's clock there, and pure code
 * stays deterministic wherever tests and the server run.
 */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
const DAY_MS = 86_400_000;

/** The local calendar day ("2026-11-25") of an instant. */
export function localDay(instant: string | Date, offsetMinutes = VIETNAM_OFFSET_MINUTES): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The day `days` after `day` ("YYYY-MM-DD"). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function communeParts(instant: string | Date): { day: string; time: string } {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const shifted = new Date(ms + VIETNAM_OFFSET_MINUTES * 60_000).toISOString();
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** "25/11/2026": an instant's day in the commune, as people write it, whatever the phone's time zone. */
export function formatCommuneDate(instant: string | Date): string {
  const [year, month, date] = communeParts(instant).day.split('-');
  return `${date}/${month}/${year}`;
}

/** "08:30 25/11": an instant's time and day in the commune. */
export function formatCommuneTime(instant: string | Date, withYear = false): string {
  const { day, time } = communeParts(instant);
  const [year, month, date] = day.split('-');
  return `${time} ${date}/${month}${withYear ? `/${year}` : ''}`;
}
