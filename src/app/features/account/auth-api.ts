import { apiRequest } from '../../sync/api-client';
import type { Session, SessionUser } from '../../sync/session';

interface LoginReply {
  token: string;
  expiresAt: string;
  user: SessionUser;
  deviceKey?: string;
}

/**
 * This phone's key per account (the server's known devices, issue 14 kind 5): sent with the next
 * login of the same account, it lets its owner in while strangers' wrong guesses keep the account
 * locked. Not a password: useless without one. Kept across logouts on purpose.
 */
export const DEVICE_KEYS_STORAGE = 'ngo-so.deviceKeys';

function readDeviceKeys(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(DEVICE_KEYS_STORAGE) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function keepDeviceKey(username: string, key: string | undefined): void {
  if (!key) return;
  try {
    localStorage.setItem(DEVICE_KEYS_STORAGE, JSON.stringify({ ...readDeviceKeys(), [username]: key }));
  } catch {
    // Storage full or blocked: the login still worked; the next one is judged like a new phone's.
  }
}

function deviceName(): string {
  const ua = navigator.userAgent;
  const model = /Android [^;)]*;\s*([^;)]+)/.exec(ua)?.[1];
  return (model ?? /(Windows|Mac OS X|Linux|Android|iPhone)/.exec(ua)?.[1] ?? 'Trình duyệt').slice(0, 60);
}

export async function login(username: string, password: string): Promise<Session> {
  const account = username.trim().toLowerCase();
  const deviceKey = readDeviceKeys()[account];
  const reply = await apiRequest<LoginReply>('/api/auth/login', {
    body: { username, password, deviceName: deviceName(), ...(deviceKey ? { deviceKey } : {}) },
  });
  keepDeviceKey(reply.user.username, reply.deviceKey);
  return { token: reply.token, expiresAt: reply.expiresAt, user: reply.user };
}

export async function setupNeeded(): Promise<boolean> {
  return (await apiRequest<{ needed: boolean }>('/api/setup')).needed;
}

export async function setupFirstAccount(
  username: string,
  password: string,
  displayName: string,
): Promise<Session> {
  const reply = await apiRequest<LoginReply>('/api/setup', { body: { username, password, displayName } });
  keepDeviceKey(reply.user.username, reply.deviceKey);
  return { token: reply.token, expiresAt: reply.expiresAt, user: reply.user };
}

export async function logout(token: string): Promise<void> {
  await apiRequest('/api/auth/logout', { token, method: 'POST', body: {} });
}
