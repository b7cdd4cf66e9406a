/**
 * The app lock (issue 14, kind 9): a PIN set after the first login, asked on opening and after idle,
 * with nothing personal rendered while locked; wrong PINs wait longer and longer and the tenth asks
 * for the password again, keeping the data.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../../src/app/App';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { AppLock } from '../../src/app/features/app-lock/AppLock';
import { LOCK_AFTER_IDLE_MS, useAppLock } from '../../src/app/features/app-lock/lock-store';
import {
  checkPin,
  LOCK_KEY,
  type LockRecord,
  MAX_PIN_FAILURES,
  newPinProblem,
  readLock,
  setPin,
} from '../../src/app/features/app-lock/pin';
import { adoptAccount } from '../../src/app/sync/account';
import { householdInput, putVillage, signIn, VILLAGE_ID } from './fixtures';

const USER = {
  id: '0191f5a0-0000-7000-8000-00000000000a',
  username: 'to.vien.a',
  displayName: 'Lường Thị Hà',
};
const START = new Date('2026-11-25T08:00:00.000Z');

/** The whole app behind its lock, as main.tsx renders it. */
function renderLocked(path = '/') {
  const location = memoryLocation({ path, record: true });
  return render(
    <Router hook={location.hook}>
      <AppLock>
        <App />
      </AppLock>
    </Router>,
  );
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A member of village X with one household on the phone, logged in. */
async function memberWithData() {
  const session = signIn({ ...USER, villageIds: [VILLAGE_ID] });
  await adoptAccount(session);
  await putVillage(VILLAGE_ID, 'Thôn Nà Mò');
  await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Nhà ông Tâm' }));
  return session;
}

async function enterPin(user: ReturnType<typeof userEvent.setup>, pin: string) {
  const field = await screen.findByLabelText('Mã PIN');
  await user.type(field, pin);
  await user.click(screen.getByRole('button', { name: 'Mở khoá' }));
}

/** A reload: memory is gone, the tab's sessionStorage and IndexedDB stay. */
function reloaded() {
  useAppLock.setState({ loadedFor: undefined, record: undefined, unlocked: false, lastActiveMs: 0 });
}

/** What a person sees and what assistive technology reads: the page's text, inputs included. */
function pageText(): string {
  return document.body.textContent ?? '';
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
  useAppLock.getState().forget();
  // Network calls of the sync engine are not under test here.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => json(503, { error: { code: 'db_unavailable', message: 'test' } })),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('choosing a PIN', () => {
  it.each([
    ['2580', '2580', undefined],
    ['802413', '802413', undefined],
    ['7890', '7890', undefined],
    ['123', '123', 'pinFormat'],
    ['1234567', '1234567', 'pinFormat'],
    ['12a4', '12a4', 'pinFormat'],
    ['１２３４', '１２３４', 'pinFormat'],
    ['0000', '0000', 'pinTooSimple'],
    ['1234', '1234', 'pinTooSimple'],
    ['987654', '987654', 'pinTooSimple'],
    ['2580', '2581', 'pinMismatch'],
  ])('%s then %s → %s', (pin, repeated, problem) => {
    expect(newPinProblem(pin, repeated)).toBe(problem);
  });

  it('is asked right after the first login, before any village shows, and only a salted hash is kept', async () => {
    await memberWithData();
    const user = userEvent.setup();
    renderLocked('/');
    expect(await screen.findByRole('heading', { name: 'Đặt mã PIN cho máy này' })).toBeInTheDocument();
    expect(pageText()).not.toContain('Nà Mò');
    await user.type(screen.getByLabelText('Mã PIN mới (4–6 số)'), '2580');
    await user.type(screen.getByLabelText('Nhập lại mã PIN'), '2850');
    await user.click(screen.getByRole('button', { name: 'Đặt mã PIN' }));
    expect(await screen.findByText('Hai lần nhập không giống nhau.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Nhập lại mã PIN'));
    await user.type(screen.getByLabelText('Nhập lại mã PIN'), '2580');
    await user.click(screen.getByRole('button', { name: 'Đặt mã PIN' }));
    expect(await screen.findByText('Thôn Nà Mò')).toBeInTheDocument();

    const stored = (await getDb().meta.get(LOCK_KEY))?.value as LockRecord;
    expect(stored).toMatchObject({ userId: USER.id, iterations: 100_000, failures: 0 });
    expect(JSON.stringify(stored)).not.toContain('2580');
    expect(atob(stored.hash)).toHaveLength(32);
    // Another PIN's record for the same PIN differs: the salt is random.
    const other = await setPin(USER.id, '2580');
    expect(other.salt).not.toBe(stored.salt);
    expect(other.hash).not.toBe(stored.hash);
  });
});

describe('opening the app', () => {
  it('asks for the PIN on opening and renders nothing of the register until it is right', async () => {
    await memberWithData();
    await setPin(USER.id, '2580');
    const user = userEvent.setup();
    renderLocked('/');
    expect(await screen.findByRole('heading', { name: 'Ngõ Số đang khoá' })).toBeInTheDocument();
    // Not hidden behind the lock: not in the page at all, nor the account's name, nor the menu.
    expect(pageText()).not.toContain('Nà Mò');
    expect(pageText()).not.toContain(USER.displayName);
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(screen.queryByTestId('sync-bar')).not.toBeInTheDocument();

    await enterPin(user, '2581');
    expect(await screen.findByText(/Sai mã PIN\./)).toBeInTheDocument();
    expect(pageText()).not.toContain('Nà Mò');
    await enterPin(user, '2580');
    expect(await screen.findByText('Thôn Nà Mò')).toBeInTheDocument();
    expect((await readLock())?.failures).toBe(0);
  });

  it('stays open across a reload within the idle time, and asks again after it', async () => {
    await memberWithData();
    await setPin(USER.id, '2580');
    const user = userEvent.setup();
    const first = renderLocked('/');
    await enterPin(user, '2580');
    await screen.findByText('Thôn Nà Mò');
    first.unmount();

    // A reload: the tab's sessionStorage remembers the last interaction.
    vi.setSystemTime(START.getTime() + LOCK_AFTER_IDLE_MS - 60_000);
    reloaded();
    const second = renderLocked('/');
    expect(await screen.findByText('Thôn Nà Mò')).toBeInTheDocument();
    second.unmount();

    // That reload counted as use (someone opened a page); the idle time runs from it.
    vi.setSystemTime(START.getTime() + 2 * LOCK_AFTER_IDLE_MS - 60_000);
    reloaded();
    renderLocked('/');
    expect(await screen.findByRole('heading', { name: 'Ngõ Số đang khoá' })).toBeInTheDocument();
    expect(pageText()).not.toContain('Nà Mò');
  });

  it('locks when the app comes back after being hidden longer than the idle time, not after a touch', async () => {
    await memberWithData();
    await setPin(USER.id, '2580');
    const user = userEvent.setup();
    renderLocked('/');
    await enterPin(user, '2580');
    await screen.findByText('Thôn Nà Mò');
    let visibility: DocumentVisibilityState = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    const show = (state: DocumentVisibilityState) =>
      act(() => {
        visibility = state;
        document.dispatchEvent(new Event('visibilitychange'));
      });

    // Four minutes, a tap, four more minutes hidden: nine minutes since opening, four since the tap.
    vi.setSystemTime(START.getTime() + 4 * 60_000);
    act(() => void window.dispatchEvent(new Event('pointerdown')));
    show('hidden');
    vi.setSystemTime(START.getTime() + 8 * 60_000);
    show('visible');
    expect(screen.getByText('Thôn Nà Mò')).toBeInTheDocument();

    show('hidden');
    vi.setSystemTime(START.getTime() + 4 * 60_000 + LOCK_AFTER_IDLE_MS);
    show('visible');
    expect(await screen.findByRole('heading', { name: 'Ngõ Số đang khoá' })).toBeInTheDocument();
    expect(pageText()).not.toContain('Nà Mò');
  });
});

describe('wrong PINs', () => {
  it('wait 30 s, 1 min, then 5 min from the third, counted before the check, and the tenth needs the password', async () => {
    await setPin(USER.id, '2580');
    let now = START.getTime();
    const waits: number[] = [];
    for (let attempt = 1; attempt < MAX_PIN_FAILURES; attempt++) {
      const result = await checkPin('1111', now);
      expect(result.kind).toBe('wrong');
      const waitUntil = result.kind === 'wrong' ? result.waitUntil : 0;
      waits.push(waitUntil === 0 ? 0 : waitUntil - now);
      // Too early: refused without being checked, even the right PIN.
      if (waitUntil > now) expect(await checkPin('2580', waitUntil - 1)).toEqual({ kind: 'wait', waitUntil });
      now = Math.max(now, waitUntil);
    }
    expect(waits).toEqual([0, 0, 30_000, 60_000, 300_000, 300_000, 300_000, 300_000, 300_000]);
    expect(await checkPin('1111', now)).toEqual({ kind: 'loginRequired' });
    // Now not even the right PIN opens it.
    expect(await checkPin('2580', now + 3_600_000)).toEqual({ kind: 'loginRequired' });
  });

  it('keep their count and wait across a reload, and a check cut off by one counts as wrong', async () => {
    await memberWithData();
    await setPin(USER.id, '2580');
    await checkPin('1111', START.getTime());
    await checkPin('2222', START.getTime());
    // The third attempt is written as wrong before its hash runs: a reload during the hash (here, a
    // hash that never ends, as when the page goes away) cannot undo it.
    const thirdAt = START.getTime();
    const hash = vi.spyOn(crypto.subtle, 'deriveBits').mockImplementationOnce(() => new Promise(() => {}));
    void checkPin('2580', thirdAt);
    await waitFor(async () => expect((await readLock())?.failures).toBe(3));
    hash.mockRestore();

    const user = userEvent.setup();
    renderLocked('/');
    expect(await screen.findByText('Đã nhập sai nhiều lần. Thử lại sau 30 giây.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mở khoá' })).toBeDisabled();
    vi.setSystemTime(thirdAt + 30_000);
    await waitFor(() => expect(screen.queryByText(/Thử lại sau/)).not.toBeInTheDocument());
    await enterPin(user, '4444');
    expect(await screen.findByText(/Còn 6 lần thử/)).toBeInTheDocument();
    expect((await readLock())?.failures).toBe(4);
  });

  it('after ten, only a password login opens the phone; the data and outbox stay, and a new PIN is set', async () => {
    const session = await memberWithData();
    const record = await setPin(USER.id, '2580');
    await getDb().meta.put({
      key: LOCK_KEY,
      value: { ...record, failures: MAX_PIN_FAILURES, loginRequired: true },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.includes('/api/auth/login')
          ? json(200, { token: 'new-token', expiresAt: session.expiresAt, user: session.user })
          : json(503, { error: { code: 'db_unavailable', message: 'test' } }),
      ),
    );
    const user = userEvent.setup();
    renderLocked('/');
    expect(await screen.findByText(/Đã nhập sai mã PIN 10 lần/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Mã PIN')).not.toBeInTheDocument();
    expect(pageText()).not.toContain('Nà Mò');
    expect(await getDb().households.count()).toBe(1);
    expect(await getDb().outbox.count()).toBe(1);

    await user.type(await screen.findByLabelText('Tên đăng nhập'), USER.username);
    await user.type(screen.getByLabelText('Mật khẩu'), 'mật-khẩu-đủ-dài');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByRole('heading', { name: 'Đặt mã PIN cho máy này' })).toBeInTheDocument();
    expect(await readLock()).toBeUndefined();
    await user.type(screen.getByLabelText('Mã PIN mới (4–6 số)'), '4702');
    await user.type(screen.getByLabelText('Nhập lại mã PIN'), '4702');
    await user.click(screen.getByRole('button', { name: 'Đặt mã PIN' }));
    expect(await screen.findByText('Thôn Nà Mò')).toBeInTheDocument();
    expect(await getDb().outbox.count()).toBe(1);
  });

  it('"forgot PIN" logs in with the password from the lock screen and asks for a new PIN', async () => {
    const session = await memberWithData();
    await setPin(USER.id, '2580');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.includes('/api/auth/login')
          ? json(200, { token: 'new-token', expiresAt: session.expiresAt, user: session.user })
          : json(503, { error: { code: 'db_unavailable', message: 'test' } }),
      ),
    );
    const user = userEvent.setup();
    renderLocked('/');
    await user.click(await screen.findByRole('button', { name: 'Quên mã PIN? Đăng nhập lại' }));
    await user.type(await screen.findByLabelText('Tên đăng nhập'), USER.username);
    await user.type(screen.getByLabelText('Mật khẩu'), 'mật-khẩu-đủ-dài');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByRole('heading', { name: 'Đặt mã PIN cho máy này' })).toBeInTheDocument();
    expect(pageText()).not.toContain('Nà Mò');
  });
});
