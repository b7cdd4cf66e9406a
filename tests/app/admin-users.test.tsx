import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { villageRepository } from '../../src/app/db/village-repository';
import type { AdminUser } from '../../src/app/features/admin/admin-api';
import { type SessionUser, useSession } from '../../src/app/sync/session';
import { renderAt } from './render-route';

const ACTOR_ID = '0191f5a0-0000-7000-8000-0000000000aa';

interface Call {
  method: string;
  path: string;
  body: unknown;
  auth: string | undefined;
}
type Reply = (call: Call) => Response | Promise<Response>;

const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });

/** Records every request and answers it with `reply`; unknown routes get a 404 so nothing hangs. */
function stubServer(reply: Reply): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const call: Call = {
        method: init?.method ?? 'GET',
        path: String(input),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        auth: headers.authorization,
      };
      calls.push(call);
      return reply(call);
    }),
  );
  return calls;
}

function adminUser(overrides: Partial<AdminUser>): AdminUser {
  return {
    id: '0191f5a0-0000-7000-8000-0000000000b1',
    username: 'lan.ht',
    displayName: 'Hoàng Thị Lan',
    role: 'member',
    villageIds: [],
    disabled: false,
    lockedUntil: null,
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-01-05T08:00:00.000Z',
    ...overrides,
  };
}

function signIn(role: SessionUser['role'], villageIds: string[] = []) {
  useSession.setState({
    loaded: true,
    session: {
      token: 'tok-admin',
      expiresAt: '2999-01-01T00:00:00.000Z',
      user: { id: ACTOR_ID, username: 'quan.tv', displayName: 'Quản Trị Viên', role, villageIds },
    },
  });
}

let napai: string;
let banchang: string;

beforeEach(async () => {
  napai = (await villageRepository.create({ name: 'Thôn Nà Pài', code: 'NP' })).id;
  banchang = (await villageRepository.create({ name: 'Thôn Bản Chặng', code: 'BC' })).id;
  await getDb().outbox.clear();
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.setState({ session: undefined, loaded: false });
});

const listReply =
  (users: AdminUser[], more: Reply = () => json({ error: { code: 'not_found' } }, 404)): Reply =>
  (call) =>
    call.method === 'GET' && call.path === '/api/admin/users' ? json({ users }) : more(call);

describe('admin: accounts list', () => {
  it('renders the accounts from the server with role labels, village names from this phone and a disabled badge', async () => {
    const calls = stubServer(
      listReply([
        adminUser({ villageIds: [napai, '0191f5a0-0000-7000-8000-00000000ffff'] }),
        adminUser({
          id: '0191f5a0-0000-7000-8000-0000000000b2',
          username: 'son.tv',
          displayName: 'Triệu Văn Sơn',
          role: 'lead',
          villageIds: [banchang],
          disabled: true,
        }),
      ]),
    );
    signIn('commune');
    renderAt('/admin');

    const list = await screen.findByTestId('admin-user-list');
    const [lan, son] = within(list).getAllByRole('listitem');
    expect(lan).toHaveTextContent('Hoàng Thị Lan');
    expect(lan).toHaveTextContent('@lan.ht · Tổ viên');
    expect(lan).toHaveTextContent('Thôn: Thôn Nà Pài, Thôn chưa có trên máy');
    expect(lan).not.toHaveTextContent('Đã khóa');
    expect(son).toHaveTextContent('@son.tv · Tổ trưởng');
    expect(son).toHaveTextContent('Thôn: Thôn Bản Chặng');
    expect(son).toHaveTextContent('Đã khóa');
    expect(calls.find((c) => c.path === '/api/admin/users')).toMatchObject({
      method: 'GET',
      auth: 'Bearer tok-admin',
    });
  });

  it('without a connection says that accounts need one, and retries on request', async () => {
    let online = false;
    stubServer((call) => {
      if (!online) throw new TypeError('Failed to fetch');
      return listReply([adminUser({ villageIds: [napai] })])(call);
    });
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');

    expect(await screen.findByText('Quản lý tài khoản cần có mạng.')).toBeInTheDocument();
    // Villages are local: they stay usable offline.
    expect(screen.getByRole('button', { name: /Thêm thôn/ })).toBeEnabled();
    online = true;
    await user.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByText('Hoàng Thị Lan')).toBeInTheDocument();
    expect(screen.queryByText('Quản lý tài khoản cần có mạng.')).not.toBeInTheDocument();
  });

  it('shows other server failures with their code', async () => {
    stubServer(() => json({ error: { code: 'token_expired', message: 'expired' } }, 401));
    signIn('lead', [napai]);
    renderAt('/admin');
    expect(await screen.findByText('Không thực hiện được (token_expired).')).toBeInTheDocument();
  });
});

describe('admin: creating an account', () => {
  it('a commune officer POSTs the normalised account and sees it in the list', async () => {
    const calls = stubServer(
      listReply([], (call) =>
        call.method === 'POST' && call.path === '/api/admin/users'
          ? json(
              adminUser({ ...(call.body as Partial<AdminUser>), id: '0191f5a0-0000-7000-8000-0000000000c1' }),
              201,
            )
          : json({}, 404),
      ),
    );
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: /Thêm tài khoản/ }));
    await user.type(screen.getByLabelText('Tên đăng nhập'), ' Son.TV ');
    await user.type(screen.getByLabelText('Mật khẩu (ít nhất 8 ký tự)'), 'mat-khau-9');
    await user.type(screen.getByLabelText('Họ và tên'), 'Triệu Văn Sơn');
    await user.selectOptions(screen.getByLabelText('Vai trò'), 'lead');
    await user.click(screen.getByLabelText('Thôn Bản Chặng'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const list = await screen.findByTestId('admin-user-list');
    expect(within(list).getByText('Triệu Văn Sơn')).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.auth).toBe('Bearer tok-admin');
    expect(posts[0]?.body).toEqual({
      username: 'son.tv',
      displayName: 'Triệu Văn Sơn',
      password: 'mat-khau-9',
      role: 'lead',
      villageIds: [banchang],
    });
  });

  it('checks the account before asking the server: short password, bad username, no village', async () => {
    const calls = stubServer(listReply([]));
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: /Thêm tài khoản/ }));
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'sơn');
    await user.type(screen.getByLabelText('Mật khẩu (ít nhất 8 ký tự)'), 'ngan');
    await user.type(screen.getByLabelText('Họ và tên'), 'Triệu Văn Sơn');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText('Mật khẩu cần ít nhất 8 ký tự.')).toBeInTheDocument();
    expect(screen.getByText(/Tên đăng nhập gồm 3–32 ký tự/)).toBeInTheDocument();
    expect(screen.getByText('Chọn ít nhất một thôn.')).toBeInTheDocument();
    expect(screen.getByLabelText('Mật khẩu (ít nhất 8 ký tự)')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('a lead may only create members, and only in its own villages', async () => {
    const calls = stubServer(
      listReply([], (call) =>
        call.method === 'POST' ? json(adminUser({ villageIds: [napai] }), 201) : json({}, 404),
      ),
    );
    signIn('lead', [napai]);
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: /Thêm tài khoản/ }));

    const role = screen.getByLabelText('Vai trò') as HTMLSelectElement;
    expect([...role.options].map((o) => o.value)).toEqual(['member']);
    expect(screen.getByLabelText('Thôn Nà Pài')).toBeInTheDocument();
    expect(screen.queryByLabelText('Thôn Bản Chặng')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Tên đăng nhập'), 'lan.ht');
    await user.type(screen.getByLabelText('Mật khẩu (ít nhất 8 ký tự)'), '12345678');
    await user.type(screen.getByLabelText('Họ và tên'), 'Hoàng Thị Lan');
    // The lead's only village is ticked already (issue 15, kind 6).
    expect(screen.getByLabelText('Thôn Nà Pài')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      role: 'member',
      villageIds: [napai],
    });
  });

  it('explains a username that is already taken', async () => {
    stubServer(listReply([], () => json({ error: { code: 'username_taken', message: 'taken' } }, 409)));
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: /Thêm tài khoản/ }));
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'lan.ht');
    await user.type(screen.getByLabelText('Mật khẩu (ít nhất 8 ký tự)'), '12345678');
    await user.type(screen.getByLabelText('Họ và tên'), 'Hoàng Thị Lan');
    await user.selectOptions(screen.getByLabelText('Vai trò'), 'commune');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText(/Tên đăng nhập này đã có người dùng/)).toBeInTheDocument();
    // The form stays open with what was typed.
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveValue('lan.ht');
  });
});

describe('admin: managing an account', () => {
  const lan = () => adminUser({ villageIds: [napai] });

  function serverWith(extra: Reply): Call[] {
    return stubServer(
      listReply([lan()], (call) =>
        call.path.endsWith('/devices') && call.method === 'GET'
          ? json({ devices: [{ id: 'd1', deviceName: 'Redmi', status: 'active' }] })
          : extra(call),
      ),
    );
  }

  async function openLan() {
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: 'Sửa tài khoản Hoàng Thị Lan' }));
    return user;
  }

  it('sends only the changed villages', async () => {
    const calls = serverWith((call) =>
      call.method === 'PATCH' ? json({ ...lan(), ...(call.body as object) }) : json({}, 404),
    );
    signIn('commune');
    const user = await openLan();
    await user.click(screen.getByLabelText('Thôn Bản Chặng'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const list = await screen.findByTestId('admin-user-list');
    expect(within(list).getByText('Thôn: Thôn Nà Pài, Thôn Bản Chặng')).toBeInTheDocument();
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.path).toBe(`/api/admin/users/${lan().id}`);
    expect(patch?.body).toEqual({ villageIds: [napai, banchang] });
  });

  it('resets a password only after confirmation, accepting the empty 204 reply', async () => {
    const calls = serverWith((call) =>
      call.method === 'POST' && call.path.endsWith('/password')
        ? new Response(null, { status: 204 })
        : json({}, 404),
    );
    signIn('commune');
    const user = await openLan();
    expect(await screen.findByText('1 thiết bị đang đăng nhập')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Mật khẩu mới'), 'moi-12345');
    await user.click(screen.getByRole('button', { name: 'Đặt lại mật khẩu' }));

    const dialog = await screen.findByRole('dialog', { name: 'Đặt lại mật khẩu cho Hoàng Thị Lan?' });
    expect(calls.filter((c) => c.path.endsWith('/password'))).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Đặt lại mật khẩu' }));

    expect(await screen.findByText('Đã đặt lại mật khẩu.')).toBeInTheDocument();
    expect(screen.queryByText(/Không thực hiện được/)).not.toBeInTheDocument();
    expect(calls.filter((c) => c.path.endsWith('/password')).map((c) => c.body)).toEqual([
      { password: 'moi-12345' },
    ]);
    expect(screen.getByText('0 thiết bị đang đăng nhập')).toBeInTheDocument();
  });

  it('ends a lock set by wrong passwords, where one is in force (issue 14, kind 5)', async () => {
    const lockedUntil = new Date(Date.now() + 10 * 60_000).toISOString();
    const calls = stubServer(
      listReply([adminUser({ villageIds: [napai], lockedUntil })], (call) =>
        call.path.endsWith('/devices')
          ? json({ devices: [] })
          : call.method === 'POST' && call.path.endsWith('/unlock')
            ? new Response(null, { status: 204 })
            : json({}, 404),
      ),
    );
    signIn('commune');
    const user = await openLan();
    expect(await screen.findByTestId('account-locked')).toHaveTextContent('Đang tạm chặn đăng nhập đến');
    await user.click(screen.getByRole('button', { name: 'Cho đăng nhập lại ngay' }));
    expect(await screen.findByText('Đã mở khóa. Người này có thể đăng nhập lại.')).toBeInTheDocument();
    expect(screen.queryByTestId('account-locked')).not.toBeInTheDocument();
    expect(calls.filter((c) => c.path.endsWith('/unlock')).map((c) => c.path)).toEqual([
      `/api/admin/users/${lan().id}/unlock`,
    ]);
  });

  it('offers no unlock for an account that is not locked', async () => {
    serverWith(() => json({}, 404));
    signIn('commune');
    await openLan();
    expect(await screen.findByText('1 thiết bị đang đăng nhập')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cho đăng nhập lại ngay' })).not.toBeInTheDocument();
  });

  it('logs out every device after confirmation, and not when cancelled', async () => {
    const calls = serverWith((call) => (call.method === 'DELETE' ? json({ revoked: 2 }) : json({}, 404)));
    signIn('lead', [napai]);
    const user = await openLan();
    await user.click(screen.getByRole('button', { name: 'Đăng xuất mọi thiết bị' }));
    let dialog = await screen.findByRole('dialog', { name: 'Đăng xuất mọi thiết bị của Hoàng Thị Lan?' });
    await user.click(within(dialog).getByRole('button', { name: 'Hủy' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Đăng xuất mọi thiết bị' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Đăng xuất mọi thiết bị' }));
    expect(await screen.findByText('Đã đăng xuất 2 thiết bị.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([
      `/api/admin/users/${lan().id}/devices`,
    ]);
  });

  it('disables an account after confirmation and shows the badge', async () => {
    const calls = serverWith((call) =>
      call.method === 'PATCH' ? json({ ...lan(), ...(call.body as object) }) : json({}, 404),
    );
    signIn('commune');
    const user = await openLan();
    await user.click(screen.getByRole('button', { name: 'Khóa tài khoản' }));
    const dialog = await screen.findByRole('dialog', { name: 'Khóa tài khoản Hoàng Thị Lan?' });
    await user.click(within(dialog).getByRole('button', { name: 'Khóa tài khoản' }));
    expect(await screen.findByRole('button', { name: 'Mở khóa' })).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ disabled: true });
  });

  it('does not offer to disable or change the role of one’s own account', async () => {
    stubServer(
      listReply(
        [adminUser({ id: ACTOR_ID, username: 'quan.tv', displayName: 'Quản Trị Viên', role: 'commune' })],
        (call) => (call.path.endsWith('/devices') ? json({ devices: [] }) : json({}, 404)),
      ),
    );
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: 'Sửa tài khoản Quản Trị Viên' }));
    expect(screen.getByLabelText('Vai trò')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Khóa tài khoản' })).not.toBeInTheDocument();
  });
});
