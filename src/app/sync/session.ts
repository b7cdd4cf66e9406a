/**
 * The logged-in session, cached on the phone so it keeps working offline. An expired or revoked token
 * only stops syncing: local data is never touched by logging out or in.
 */
import { create } from 'zustand';
import type { Role } from '../../core/sync/scope';
import { getDb } from '../db/database';
import { communeNowMs } from '../state/commune-clock';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  villageIds: string[];
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
  /** Set when the server refused the token; sync waits for a new login. */
  invalid?: boolean;
}

const SESSION_KEY = 'session';

interface SessionState {
  session: Session | undefined;
  loaded: boolean;
  load: () => Promise<void>;
  save: (session: Session) => Promise<void>;
  markInvalid: () => Promise<void>;
  clear: () => Promise<void>;
}

export const useSession = create<SessionState>()((set, get) => ({
  session: undefined,
  loaded: false,
  load: async () => {
    const entry = await getDb().meta.get(SESSION_KEY);
    set({ session: (entry?.value as Session | undefined) ?? undefined, loaded: true });
  },
  save: async (session) => {
    await getDb().meta.put({ key: SESSION_KEY, value: session });
    set({ session, loaded: true });
  },
  markInvalid: async () => {
    const session = get().session;
    if (!session || session.invalid) return;
    await get().save({ ...session, invalid: true });
  },
  clear: async () => {
    await getDb().meta.delete(SESSION_KEY);
    set({ session: undefined });
  },
}));

export function canSync(session: Session | undefined): session is Session {
  return session !== undefined && !session.invalid && Date.parse(session.expiresAt) > communeNowMs();
}
