import { forbiddenDataMessage } from '../../../core/forbidden-data';
import { hasForbiddenCharacters, normalizeLine } from '../../../core/text';
import type { VillageRow } from '../../db/database';
import type { MessageKey } from '../../i18n/i18n';
import type { SessionUser } from '../../sync/session';
import { ROLES, type Role } from './admin-api';

export type AccountErrors = Partial<
  Record<'username' | 'displayName' | 'password' | 'villageIds', MessageKey>
>;

// The server's rules (src/server/validation.ts), checked here too so a mistake is shown beside its field.
const USERNAME = /^[a-z0-9._-]{3,32}$/;
export const MIN_PASSWORD = 8;
const MAX_PASSWORD = 128;

export function normalizeUsername(text: string): string {
  return text.trim().toLowerCase();
}

export function usernameError(text: string): MessageKey | undefined {
  const username = normalizeUsername(text);
  if (username === '') return 'err.required';
  if (!USERNAME.test(username)) return 'admin.err.username';
  return forbiddenDataMessage(username);
}

/** As the server's display name: one storable line without an ID number, OTP or password (DESIGN §7). */
export function displayNameError(text: string): MessageKey | undefined {
  const name = normalizeLine(text);
  if (name === '') return 'err.required';
  if (name.length > 100) return 'err.tooLong';
  if (hasForbiddenCharacters(name)) return 'err.invalidCharacters';
  return forbiddenDataMessage(name);
}

export function passwordError(password: string): MessageKey | undefined {
  if (password.length < MIN_PASSWORD) return 'admin.err.password';
  return password.length > MAX_PASSWORD ? 'err.tooLong' : undefined;
}

/**
 * A team account without a village would see nothing and belong to no lead; the commune sees all; a
 * reporting unit's account belongs to exactly one unit, whose id is its one scope (issue 19; the
 * server's accountShapeProblem).
 */
export function villagesError(role: Role, villageIds: readonly string[]): MessageKey | undefined {
  if (role === 'unit') return villageIds.length === 1 ? undefined : 'admin.err.unit';
  return role !== 'commune' && villageIds.length === 0 ? 'admin.err.villages' : undefined;
}

/**
 * The villages (or unit) an account keeps when its role changes: a unit's account holds a unit, not
 * villages, so moving to or from `unit` starts the choice again — with the one unit or village there
 * is to choose, when there is only one (issue 15, kind 6).
 */
export function villageIdsForRole(
  from: Role,
  to: Role,
  villageIds: readonly string[],
  choices: { unitIds: readonly string[]; defaultVillageIds: readonly string[] },
): string[] {
  if ((from === 'unit') === (to === 'unit')) return [...villageIds];
  if (to === 'unit') return choices.unitIds.length === 1 ? [...choices.unitIds] : [];
  return [...choices.defaultVillageIds];
}

/** A lead manages only members: it can neither create a lead nor promote anyone. */
export function rolesFor(actor: SessionUser): readonly Role[] {
  return actor.role === 'commune' ? ROLES : ['member'];
}

export function assignableVillages(actor: SessionUser, villages: readonly VillageRow[]): VillageRow[] {
  return actor.role === 'commune' ? [...villages] : villages.filter((v) => actor.villageIds.includes(v.id));
}

/**
 * The villages a new account starts with: the one village the actor may give, when there is only one
 * (a lead of one village, or a commune's first village), else none — the app fills what it knows
 * (issue 15, kind 6), and a choice among several is the actor's to make.
 */
export function defaultVillageIds(actor: SessionUser, villages: readonly VillageRow[]): string[] {
  const assignable = assignableVillages(actor, villages);
  return assignable.length === 1 && assignable[0] ? [assignable[0].id] : [];
}

export function withoutEmpty(errors: AccountErrors): AccountErrors {
  return Object.fromEntries(Object.entries(errors).filter(([, e]) => e !== undefined));
}
