/**
 * Forbidden data (DESIGN §7, issue 14 kind 6) is refused on the phone before anything is saved or
 * sent, with a Vietnamese message beside the field that says which kind it is and why.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { type SessionUser, useSession } from '../../src/app/sync/session';
import { SyncEngine } from '../../src/app/sync/sync-engine';
import { householdInput, lostAnswer, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

/** Every copy the phone keeps of anything: its database and this tab's storage, as one text. */
async function everythingKept(): Promise<string> {
  const db = getDb();
  const tables = await Promise.all(db.tables.map((table) => table.toArray()));
  return JSON.stringify(tables) + JSON.stringify({ ...sessionStorage });
}

/** Every request the page makes; the server is never reached in these tests unless one says so. */
function recordFetches(): string[] {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
      const body = String(input).endsWith('/api/setup') ? { needed: true } : { users: [] };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

describe('household form: each kind of forbidden data beside its field', () => {
  it.each([
    ['Ghi chú', 'Mã OTP: 482913', /^Không được ghi mã OTP/],
    ['Ghi chú', 'mật khẩu VNeID: abc123', /^Không được ghi mật khẩu/],
    ['Ghi chú', '００１２０３００４５６７', /^Không được ghi số căn cước/],
    ['Tên chủ hộ', 'Bà Lan 0012 0300 4567', /^Không được ghi số căn cước/],
    ['Ngõ / xóm', 'mk: hoa1960', /^Không được ghi mật khẩu/],
  ])('%s: %j', async (label, text, message) => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    if (label !== 'Tên chủ hộ') await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Triệu Văn Sơn');
    await user.type(await screen.findByLabelText('Số nhân khẩu'), '4');
    await user.type(screen.getByLabelText(label), text);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const shown = await screen.findByText(message);
    // Beside the field: the message is the one the field's description points to.
    const describedBy = screen.getByLabelText(label).getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ')).toContain(shown.id);
    expect(screen.getByLabelText(label)).toHaveAttribute('aria-invalid', 'true');
    expect(await getDb().households.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('ordinary numbers still save: birth years and a phone number in the notes', async () => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Triệu Văn Sơn');
    await user.type(screen.getByLabelText('Số nhân khẩu'), '4');
    await user.type(screen.getByLabelText('Ghi chú'), 'Con sinh 2010 2012 2015, gọi 0912 345 678');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await getDb().households.count()).toBe(1));
  });
});

describe('accounts: names are checked before the server is asked', () => {
  function signIn(role: SessionUser['role']) {
    useSession.setState({
      loaded: true,
      session: {
        token: 'tok-admin',
        expiresAt: '2999-01-01T00:00:00.000Z',
        user: {
          id: '0191f5a0-0000-7000-8000-0000000000aa',
          username: 'quan.tv',
          displayName: 'Quản',
          role,
          villageIds: [],
        },
      },
    });
  }

  it('a new account with an ID number as its name or username is refused beside each field', async () => {
    const calls = recordFetches();
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: /Thêm tài khoản/ }));
    await user.type(screen.getByLabelText('Tên đăng nhập'), '001203004567');
    await user.type(screen.getByLabelText('Mật khẩu (ít nhất 8 ký tự)'), 'mat-khau-9');
    await user.type(screen.getByLabelText('Họ và tên'), 'Lan CCCD 001 203 004 567');
    await user.selectOptions(screen.getByLabelText('Vai trò'), 'commune');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findAllByText(/^Không được ghi số căn cước/)).toHaveLength(2);
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Họ và tên')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([]);
  });

  it('first-run setup refuses a password named in the display name, beside it', async () => {
    const calls = recordFetches();
    const user = userEvent.setup();
    renderAt('/setup');
    await user.type(await screen.findByLabelText('Họ và tên'), 'Cán bộ xã, mk: xa2025abc');
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'canbo.xa');
    await user.type(screen.getByLabelText('Mật khẩu (ít nhất 8 ký tự)'), 'mat-khau-xa-2025');
    await user.click(screen.getByRole('button', { name: 'Tạo tài khoản' }));

    expect(await screen.findByText(/^Không được ghi mật khẩu/)).toBeInTheDocument();
    expect(screen.getByLabelText('Họ và tên')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([]);
  });
});

describe('what the phone keeps of refused text hides the secret', () => {
  it('the team member’s name in settings: refused beside the field, kept as "***"', async () => {
    vi.stubGlobal('__APP_VERSION__', 'test');
    const user = userEvent.setup();
    renderAt('/settings');
    const field = await screen.findByLabelText('Tên của bạn (tổ viên)');
    await user.clear(field);
    await user.type(field, 'Hoa mk: hoa1960');
    expect(await screen.findByText(/^Không được ghi mật khẩu/)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(JSON.parse(localStorage.getItem('ngo-so.settings') ?? '{}').state.memberName).toBe('Hoa ***');
  });

  it('a draft of a form keeps "***" where an ID number was typed; the screen keeps it as typed', async () => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Triệu Văn Sơn');
    await user.type(screen.getByLabelText('Ghi chú'), 'CCCD 001203004567, OTP 482913');
    await waitFor(async () =>
      expect((await getDb().drafts.toArray())[0]?.values).toMatchObject({ notes: 'CCCD ***, ***' }),
    );
    expect(screen.getByLabelText('Ghi chú')).toHaveValue('CCCD 001203004567, OTP 482913');
    const kept = await everythingKept();
    expect(kept).not.toContain('001203004567');
    expect(kept).not.toContain('482913');
  });

  it('a change an old app version queued with an ID number, refused by the server, is kept with "***"', async () => {
    useSession.setState({
      loaded: true,
      session: {
        token: 't',
        expiresAt: '2999-01-01T00:00:00.000Z',
        user: { id: 'u', username: 'u', displayName: 'U', role: 'member', villageIds: [VILLAGE_ID] },
      },
    });
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Lò Văn Pằng' }));
    // As an older version, whose check missed groups of four, queued it.
    const [entry] = await getDb().outbox.toArray();
    await getDb().outbox.update(entry?.seq ?? 0, {
      fields: { ...entry?.fields, notes: 'CCCD 0012 0300 4567' },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.startsWith('/api/sync/lost')) return lostAnswer();
        const refused = {
          error: {
            code: 'invalid_changes',
            message: 'Some changes are not valid.',
            details: [
              {
                changeId: entry?.changeId,
                code: 'invalid_value',
                field: 'notes',
                message: '"notes": err.idNumberInText',
              },
            ],
          },
        };
        const pulled = {
          rows: [],
          cursor: 0,
          hasMore: false,
          remaining: 0,
          scope: 'v1-0000000000000000',
          serverTime: Date.now(),
        };
        return new Response(JSON.stringify(url.startsWith('/api/sync/push') ? refused : pulled), {
          status: url.startsWith('/api/sync/push') ? 400 : 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();

    const [rejected] = await getDb().rejected.toArray();
    expect(rejected?.change.fields).toMatchObject({ label: 'Lò Văn Pằng', notes: 'CCCD ***' });
    expect(rejected?.change.rowId).toBe(entry?.rowId);
    expect(await getDb().outbox.count()).toBe(0);
    expect(await everythingKept()).not.toContain('0012 0300 4567');
  });
});
