/**
 * Who may write the quarterly reporting rows on this phone (issue 19), the server's rule asked first
 * (core/sync/scope.ts roleMayWrite, the server's push.ts): a change the server can only refuse is
 * never queued. The units' list is the commune's; a unit's figures are its own account's and the
 * commune officers'; an activity belongs to the scope it is logged in (a village's team, a unit's
 * account, the commune office's officers).
 */
import { roleMayWrite } from '../../core/sync/scope';
import { type SessionUser, useSession } from '../sync/session';

/** Thrown when the account on this phone may not write a reporting row: nothing is written. */
export class ReportingWriteForbiddenError extends Error {
  constructor(what: string) {
    super(`This account may not write ${what}`);
    this.name = 'ReportingWriteForbiddenError';
  }
}

type Who = Pick<SessionUser, 'role' | 'villageIds'> | undefined;

function currentUser(): Who {
  return useSession.getState().session?.user;
}

/** Commune officers keep the list of reporting units (a commune row, COMMUNE_VILLAGE_ID). */
export function mayWriteUnits(user: Who = currentUser()): boolean {
  return user?.role === 'commune';
}

/**
 * Whether the account may write a row of `table` in `scopeId`: commune officers anywhere; any other
 * role in a scope of its own (a team's village, a unit account's unit) when its role writes that table.
 * The office's scope (COMMUNE_OFFICE_ID) is in nobody's list, so only officers write there.
 */
function mayWriteIn(table: string, scopeId: string, user: Who): boolean {
  if (!user) return false;
  if (user.role === 'commune') return true;
  return user.villageIds.includes(scopeId.toLowerCase()) && roleMayWrite(user.role, { table, fields: {} });
}

/** A unit's quarter figures: a commune officer (entering on its behalf), or the unit's own account. */
export function mayWriteUnitFigures(unitId: string, user: Who = currentUser()): boolean {
  return mayWriteIn('unitFigures', unitId, user);
}

/**
 * An activity in `scopeId` (a village, a unit, or COMMUNE_OFFICE_ID). `demo`: a demo village's rows
 * never leave the phone, so anyone may practise.
 */
export function mayWriteActivities(scopeId: string, demo = false, user: Who = currentUser()): boolean {
  return demo || mayWriteIn('activities', scopeId, user);
}

/** A report of `scopeId`: the commune's by its officers, a village's by its lead, a unit's by the unit. */
export function mayWriteReport(scopeId: string, user: Who = currentUser()): boolean {
  return mayWriteIn('reports', scopeId, user);
}
