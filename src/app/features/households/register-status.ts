/**
 * Who is still on the register's rolls (issue 18, item 1; DESIGN §2). A person moved out or deceased,
 * a household moved out or merged, stays listed — nothing is deleted — but greyed and after the rest,
 * since the team's work is with the people who live here. Tạm vắng (away) is not gone: the person
 * still counts as the village's, so they stay in place.
 */
import type { HouseholdStatus, ResidentStatus } from '../../../core/schemas';

/** Whether a person has left the village's rolls: `moved_out` or `deceased` (absent = present). */
export function residentGone(r: { status?: ResidentStatus | undefined }): boolean {
  return r.status === 'moved_out' || r.status === 'deceased';
}

/** Whether a household has left the village's rolls: `moved_out` or `merged` (absent = active). */
export function householdGone(h: { status?: HouseholdStatus | undefined }): boolean {
  return h.status === 'moved_out' || h.status === 'merged';
}

/** `rows` with the gone ones moved after the others, each part in its original order (stable). */
export function goneLast<T>(rows: readonly T[], gone: (row: T) => boolean): T[] {
  return [...rows.filter((r) => !gone(r)), ...rows.filter(gone)];
}

/** "2026-11-25" → "25/11/2026", by the string itself so no time zone can shift the day. */
export function statusDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
