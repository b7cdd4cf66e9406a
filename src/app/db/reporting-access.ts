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
 * A unit's quarter figures: a commune officer (entering on its behalf), or the unit's own account,
 * whose one "village" is the unit's id.
 */
export function mayWriteUnitFigures(unitId: string, user: Who = currentUser()): boolean {
  if (!user) return false;
  if (user.role === 'commune') return true;
  return (
    user.villageIds.includes(unitId.toLowerCase()) &&
    roleMayWrite(user.role, { table: 'unitFigures', fields: {} })
  );
}

/**
 * An activity in `scopeId` (a village, a unit, or COMMUNE_OFFICE_ID): commune officers anywhere;
 * a team or a unit account in a scope of its own. The office's scope is in nobody's list, so only
 * officers log there. `demo`: a demo village's rows never leave the phone, so anyone may practise.
 */
export function mayWriteActivities(scopeId: string, demo = false, user: Who = currentUser()): boolean {
  if (demo) return true;
  if (!user) return false;
  if (user.role === 'commune') return true;
  return (
    user.villageIds.includes(scopeId.toLowerCase()) &&
    roleMayWrite(user.role, { table: 'activities', fields: {} })
  );
}
