import { describe, expect, it } from 'vitest';
import { accountShapeProblem, canManageAccount } from '../../src/server/auth/admin-policy.js';
import { canReadVillage, canWriteVillage, visibleVillageIds } from '../../src/server/auth/scope.js';
import type { Role } from '../../src/server/db/schema.js';

const A = '0190a3e4-0000-7000-8000-00000000000a';
const B = '0190a3e4-0000-7000-8000-00000000000b';
const C = '0190a3e4-0000-7000-8000-00000000000c';

const member = { role: 'member' as const, villageIds: [A] };
const lead = { role: 'lead' as const, villageIds: [A, B] };
const commune = { role: 'commune' as const, villageIds: [] };

describe('village scope', () => {
  it.each([
    ['member', member, A, true],
    ['member', member, B, false],
    ['member', member, A.toUpperCase(), true],
    ['lead', lead, A, true],
    ['lead', lead, B, true],
    ['lead', lead, C, false],
    ['commune', commune, A, true],
    ['commune', commune, C, true],
  ])('%s on %s: read and write = %s', (_name, auth, village, allowed) => {
    expect(canReadVillage(auth, village)).toBe(allowed);
    expect(canWriteVillage(auth, village)).toBe(allowed);
  });

  it.each([
    ['member', member, [A]],
    ['lead', lead, [A, B]],
    ['commune', commune, 'all'],
  ] as const)('%s sees %j', (_name, auth, expected) => {
    expect(visibleVillageIds(auth)).toEqual(expected);
  });

  it('hands out a copy, so callers cannot widen the scope by mutation', () => {
    const ids = visibleVillageIds(member);
    if (ids !== 'all') ids.push(B);
    expect(canReadVillage(member, B)).toBe(false);
  });

  it('a member without villages sees nothing', () => {
    expect(visibleVillageIds({ role: 'member', villageIds: [] })).toEqual([]);
    expect(canReadVillage({ role: 'member', villageIds: [] }, A)).toBe(false);
  });
});

describe('who manages which account', () => {
  const account = (role: Role, villageIds: string[]) => ({ role, villageIds });
  it.each([
    ['commune', commune, account('commune', []), true],
    ['commune', commune, account('lead', [C]), true],
    ['commune', commune, account('member', [C]), true],
    ['lead', lead, account('member', [A]), true],
    ['lead', lead, account('member', [A, B]), true],
    ['lead', lead, account('member', [A, C]), false],
    ['lead', lead, account('member', [C]), false],
    ['lead', lead, account('member', []), false],
    ['lead', lead, account('lead', [A]), false],
    ['lead', lead, account('commune', []), false],
    ['member', member, account('member', [A]), false],
  ])('%s → %j: %s', (_name, actor, target, allowed) => {
    expect(canManageAccount(actor, target)).toBe(allowed);
  });

  it.each([
    [account('member', []), true],
    [account('lead', []), true],
    [account('commune', []), false],
    [account('member', [A]), false],
  ])('shape %j has a problem: %s', (shape, hasProblem) => {
    expect(accountShapeProblem(shape) !== undefined).toBe(hasProblem);
  });
});
