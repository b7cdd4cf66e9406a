/**
 * The server's account administration (/api/admin/users). Unlike records, accounts live only on the
 * server, so every call here needs a connection; the server decides who may see and change what.
 */
import type { DeviceSyncList } from '../../../core/device-sync';
import type { MessageKey, Translate } from '../../i18n/i18n';
import { ApiFailure, apiRequest } from '../../sync/api-client';
import type { SessionUser } from '../../sync/session';

export type Role = SessionUser['role'];
export const ROLES: readonly Role[] = ['member', 'lead', 'commune', 'unit'];

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  villageIds: string[];
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  villageIds: string[];
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  villageIds?: string[];
  disabled?: boolean;
}

export interface Device {
  id: string;
  deviceName: string;
  status: 'active' | 'expired' | 'revoked';
}

export type { DeviceSyncList, DeviceSyncStatus } from '../../../core/device-sync';

const BASE = '/api/admin/users';
const userPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export async function listUsers(token: string): Promise<AdminUser[]> {
  return (await apiRequest<{ users: AdminUser[] }>(BASE, { token })).users;
}

export function createUser(token: string, user: NewUser): Promise<AdminUser> {
  return apiRequest<AdminUser>(BASE, { token, body: user });
}

export function updateUser(token: string, id: string, changes: UserChanges): Promise<AdminUser> {
  return apiRequest<AdminUser>(userPath(id), { token, method: 'PATCH', body: changes });
}

export async function resetPassword(token: string, id: string, password: string): Promise<void> {
  await apiRequest(`${userPath(id)}/password`, { token, body: { password } });
}

/** Ends a lock set by wrong passwords (issue 14, kind 5). */
export async function unlockUser(token: string, id: string): Promise<void> {
  await apiRequest(`/api/admin/users/${id}/unlock`, { token, method: 'POST', body: {} });
}

export async function listDevices(token: string, id: string): Promise<Device[]> {
  return (await apiRequest<{ devices: Device[] }>(`${userPath(id)}/devices`, { token })).devices;
}

/**
 * GET /api/admin/devices. An answer without its list (a proxy's page, an older server) is a failure
 * the screen shows with its retry, not a list it would crash on.
 *
 * @throws Error when the answer has no `devices` list
 */
export async function listDeviceSync(token: string): Promise<DeviceSyncList> {
  const reply = await apiRequest<Partial<DeviceSyncList>>('/api/admin/devices', { token });
  if (!Array.isArray(reply?.devices) || typeof reply.serverTime !== 'string') {
    throw new Error('The server answered the device list without one.');
  }
  return reply as DeviceSyncList;
}

export async function revokeDevices(token: string, id: string): Promise<number> {
  return (await apiRequest<{ revoked: number }>(`${userPath(id)}/devices`, { token, method: 'DELETE' }))
    .revoked;
}

/** Server refusals a person can act on get their own sentence; the rest show their code. */
const EXPLAINED = new Set(['username_taken', 'forbidden', 'own_account']);

export function adminFailureMessage(t: Translate, failure: unknown): string {
  if (failure instanceof ApiFailure) {
    if (failure.code === 'network') return t('admin.onlineOnly');
    if (EXPLAINED.has(failure.code)) return t(`admin.error.${failure.code}` as MessageKey);
    return t('admin.error', { code: failure.code });
  }
  return t('admin.error', { code: failure instanceof Error ? failure.message : String(failure) });
}
