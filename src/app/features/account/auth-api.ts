import { apiRequest } from '../../sync/api-client';
import type { Session, SessionUser } from '../../sync/session';

interface LoginReply {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

function deviceName(): string {
  const ua = navigator.userAgent;
  const model = /Android [^;)]*;\s*([^;)]+)/.exec(ua)?.[1];
  return (model ?? /(Windows|Mac OS X|Linux|Android|iPhone)/.exec(ua)?.[1] ?? 'Trình duyệt').slice(0, 60);
}

export async function login(username: string, password: string): Promise<Session> {
  const reply = await apiRequest<LoginReply>('/api/auth/login', {
    body: { username, password, deviceName: deviceName() },
  });
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
  return { token: reply.token, expiresAt: reply.expiresAt, user: reply.user };
}

export async function logout(token: string): Promise<void> {
  await apiRequest('/api/auth/logout', { token, method: 'POST', body: {} });
}
