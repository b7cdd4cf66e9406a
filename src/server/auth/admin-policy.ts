import type { Role } from '../db/schema.js';
import type { ScopeSubject } from './scope.js';

export interface AccountShape {
  role: Role;
  villageIds: readonly string[];
}

/**
 * Whether `actor` may manage an account shaped like `account`. Checked on the account as it is
 * and as it would become, so a lead can neither touch a lead nor promote a member, nor move one
 * into a village that is not theirs.
 */
export function canManageAccount(actor: ScopeSubject, account: AccountShape): boolean {
  if (actor.role === 'commune') return true;
  if (actor.role !== 'lead' || account.role !== 'member') return false;
  // A member with no village belongs to no team: only the commune decides where it goes.
  return account.villageIds.length > 0 && account.villageIds.every((id) => actor.villageIds.includes(id));
}

/** Whether `actor` may open the user administration at all. */
export function canAdministerUsers(actor: ScopeSubject): boolean {
  return actor.role === 'commune' || actor.role === 'lead';
}

/** Why an account cannot exist in this shape, or undefined when it can. */
export function accountShapeProblem(account: AccountShape): string | undefined {
  // A team account without a village would see nothing and belong to no lead.
  if (account.role !== 'commune' && account.villageIds.length === 0) {
    return account.role === 'unit'
      ? "A reporting unit's account needs its unit."
      : 'Members and leads need at least one village.';
  }
  // A unit's account sees its own unit (its id is its scope, scope.ts) and nothing else.
  if (account.role === 'unit' && account.villageIds.length !== 1) {
    return "A reporting unit's account belongs to exactly one unit.";
  }
  return undefined;
}
