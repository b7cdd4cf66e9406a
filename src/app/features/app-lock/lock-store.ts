/**
 * Whether the app is locked (issue 14, kind 9). The app opens locked; it stays open across a reload
 * or Android restoring a discarded tab only while the last interaction is younger than the idle time,
 * as remembered in this tab's sessionStorage (gone when the tab or the installed app is closed). Past
 * `LOCK_AFTER_IDLE_MS` without a touch, or that long hidden, it locks again.
 */
import { create } from 'zustand';
import { checkPin, clearLock, type LockRecord, type PinCheck, readLock, setPin } from './pin';

/** Five minutes without interaction (or hidden that long) locks the app. */
export const LOCK_AFTER_IDLE_MS = 5 * 60_000;
/** sessionStorage key of the last interaction: `{ userId, at }` (epoch ms). */
const ACTIVE_KEY = 'ngo-so:lock:active';
/** The mark in sessionStorage is refreshed at most this often while someone is tapping. */
const MARK_EVERY_MS = 5_000;

interface ActiveMark {
  userId: string;
  at: number;
}

function readMark(): ActiveMark | undefined {
  try {
    const mark = JSON.parse(sessionStorage.getItem(ACTIVE_KEY) ?? 'null') as ActiveMark | null;
    return mark && typeof mark.userId === 'string' && typeof mark.at === 'number' ? mark : undefined;
  } catch {
    return undefined;
  }
}

/** When the mark was last written (epoch ms), to write it at most every MARK_EVERY_MS. */
let markedAt = 0;

function writeMark(mark: ActiveMark | undefined): void {
  markedAt = mark?.at ?? 0;
  try {
    if (mark) sessionStorage.setItem(ACTIVE_KEY, JSON.stringify(mark));
    else sessionStorage.removeItem(ACTIVE_KEY);
  } catch {
    // Storage turned off: the app then asks for the PIN after every reload, which is only safer.
  }
}

/** True when `lastActiveMs` is too old (or in the future: a clock moved) to stay open at `nowMs`. */
export function isIdle(lastActiveMs: number, nowMs: number): boolean {
  return nowMs - lastActiveMs >= LOCK_AFTER_IDLE_MS || lastActiveMs > nowMs + MARK_EVERY_MS;
}

interface AppLockState {
  /** The account the state was loaded for; undefined until loaded. */
  loadedFor: string | undefined;
  record: LockRecord | undefined;
  unlocked: boolean;
  /** Epoch ms of the last interaction while unlocked. */
  lastActiveMs: number;
  /** Reads the stored lock for `userId` and whether this tab was open recently enough to stay open. */
  load: (userId: string) => Promise<void>;
  /** Sets a new PIN for `userId` and opens the app. */
  choosePin: (userId: string, pin: string) => Promise<void>;
  /** Checks a PIN; the right one opens the app. */
  tryPin: (pin: string) => Promise<PinCheck>;
  /** An interaction at `nowMs`: the idle time starts again. */
  touch: (nowMs: number) => void;
  lock: () => void;
  /** No account on the phone any more (logged out, erased): nothing is remembered. */
  forget: () => void;
  /**
   * After a password login as `userId` (features/account/use-account-login.ts): the PIN stays only
   * when that same account had the app open; a login from the lock screen ("forgot PIN", ten wrong
   * PINs) or by another account asks for a new PIN.
   */
  afterLogin: (userId: string) => Promise<void>;
}

export const useAppLock = create<AppLockState>()((set, get) => ({
  loadedFor: undefined,
  record: undefined,
  unlocked: false,
  lastActiveMs: 0,
  load: async (userId) => {
    const record = await readLock();
    const mark = readMark();
    const now = Date.now();
    const unlocked =
      record !== undefined &&
      record.userId === userId &&
      !record.loginRequired &&
      mark?.userId === userId &&
      !isIdle(mark.at, now);
    // Opening a page of the app while it is open counts as using it (a link, Back, a reload): the
    // same person could have tapped instead. A locked tab stays locked whatever is loaded.
    if (unlocked) writeMark({ userId, at: now });
    set({ loadedFor: userId, record, unlocked, lastActiveMs: unlocked ? now : 0 });
  },
  choosePin: async (userId, pin) => {
    const record = await setPin(userId, pin);
    const now = Date.now();
    writeMark({ userId, at: now });
    set({ loadedFor: userId, record, unlocked: true, lastActiveMs: now });
  },
  tryPin: async (pin) => {
    const result = await checkPin(pin, Date.now());
    const record = await readLock();
    if (result.kind === 'right' && record) {
      const now = Date.now();
      writeMark({ userId: record.userId, at: now });
      set({ record, unlocked: true, lastActiveMs: now });
    } else {
      set({ record, unlocked: false });
    }
    return result;
  },
  touch: (nowMs) => {
    const { unlocked, record } = get();
    if (!unlocked || !record) return;
    if (Math.abs(nowMs - markedAt) >= MARK_EVERY_MS) {
      markedAt = nowMs;
      writeMark({ userId: record.userId, at: nowMs });
    }
    set({ lastActiveMs: nowMs });
  },
  forget: () => {
    writeMark(undefined);
    set({ loadedFor: undefined, record: undefined, unlocked: false, lastActiveMs: 0 });
  },
  lock: () => {
    writeMark(undefined);
    set({ unlocked: false });
  },
  afterLogin: async (userId) => {
    const { unlocked } = get();
    // From storage, not memory: an erasure (sync/local-wipe.ts) may have removed the PIN meanwhile.
    const record = await readLock();
    if (unlocked && record?.userId === userId && !record.loginRequired) return;
    await clearLock();
    writeMark(undefined);
    set({ record: undefined, unlocked: false, loadedFor: undefined });
  },
}));
