/**
 * The phone keeps the key the server gives it per account and sends it with that account's next
 * login (issue 14, kind 5): with it, a stranger keeping the account locked does not lock out its
 * owner's phone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEVICE_KEYS_STORAGE, login } from '../../src/app/features/account/auth-api';

const KEY_A = 'a'.repeat(43);
const KEY_B = 'b'.repeat(43);

function replyFor(username: string, deviceKey: string): Response {
  const body = {
    token: 't',
    expiresAt: '2026-12-31T00:00:00.000Z',
    user: {
      id: '0190a3e4-0000-7000-8000-000000000001',
      username,
      displayName: username,
      role: 'member',
      villageIds: [],
    },
    deviceKey,
  };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('the phone’s key per account', () => {
  it('is kept after a login and sent with the next login of the same account only', async () => {
    const sent: Record<string, unknown>[] = [];
    const keys: Record<string, string> = { 'to.vien.a': KEY_A, 'to.vien.b': KEY_B };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const body = JSON.parse(String(init.body)) as { username: string };
        sent.push(body);
        return replyFor(
          body.username.trim().toLowerCase(),
          keys[body.username.trim().toLowerCase()] as string,
        );
      }),
    );
    await login('to.vien.a', 'mật-khẩu-đủ-dài');
    expect(sent[0]).not.toHaveProperty('deviceKey');
    await login(' To.Vien.A ', 'mật-khẩu-đủ-dài');
    expect(sent[1]).toMatchObject({ deviceKey: KEY_A });
    await login('to.vien.b', 'mật-khẩu-đủ-dài');
    expect(sent[2]).not.toHaveProperty('deviceKey');
    expect(JSON.parse(localStorage.getItem(DEVICE_KEYS_STORAGE) ?? '{}')).toEqual({
      'to.vien.a': KEY_A,
      'to.vien.b': KEY_B,
    });
  });

  it('a broken stored value is ignored, not a failed login', async () => {
    localStorage.setItem(DEVICE_KEYS_STORAGE, '{broken');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => replyFor('to.vien.a', KEY_A)),
    );
    await expect(login('to.vien.a', 'mật-khẩu-đủ-dài')).resolves.toMatchObject({ token: 't' });
  });
});
