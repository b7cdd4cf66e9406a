import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { assistRepository } from '../../src/app/db/assist-repository';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { ValidationError } from '../../src/app/db/repository-errors';
import { residentRepository } from '../../src/app/db/resident-repository';
import { visitRepository } from '../../src/app/db/visit-repository';
import { useSettings } from '../../src/app/state/settings-store';
import { localDay } from '../../src/core/dates';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

async function setup(overrides: Parameters<typeof residentInput>[1] = {}) {
  const household = await householdRepository.create(VILLAGE_ID, householdInput());
  const resident = await residentRepository.create(VILLAGE_ID, residentInput(household.id, overrides));
  const path = `/v/${VILLAGE_ID}/h/${household.id}/r/${resident.id}/skills`;
  return { household, resident, path };
}

/** Opens the profile; its route is lazy, so the first import in a run may take a while to compile. */
async function openProfile(path: string) {
  const view = renderAt(path);
  await screen.findByRole('heading', { name: /^Kỹ năng số của/ });
  return view;
}

beforeEach(() => {
  useSettings.setState({ memberName: '' });
});

/** The item's own button (it opens the recording panel), not e.g. a history entry's delete button. */
function toggle(name: RegExp): HTMLElement {
  const found = screen.getAllByRole('button', { name }).filter((b) => b.hasAttribute('aria-expanded'));
  if (found.length !== 1) throw new Error(`${found.length} items named ${name}`);
  return found[0] as HTMLElement;
}

/** The journey step or checklist item (a list item) named by this skill. */
function step(name: RegExp): HTMLElement {
  const item = toggle(name).closest('li');
  if (!item) throw new Error(`No step ${name}`);
  return item;
}

/** Records the step as done, by the words that step's "done" has (issue 15, kind 7). */
async function recordDone(user: ReturnType<typeof userEvent.setup>, name: RegExp, done = 'Đã tự làm được') {
  await user.click(toggle(name));
  await user.click(screen.getByLabelText(done));
  await user.click(screen.getByRole('button', { name: 'Lưu' }));
}

describe('resident digital-skills profile', () => {
  it('records VNeID level 1 then level 2: the journey, next step and household line follow', async () => {
    const { path, resident } = await setup();
    useSettings.setState({ memberName: 'Lâm Thu Hà' });
    const user = userEvent.setup();
    await openProfile(path);
    expect(await screen.findByRole('heading', { name: 'Kỹ năng số của Hoàng Thị Lan' })).toBeInTheDocument();
    expect(await screen.findByText('Bước tiếp: cài VNeID từ CH Play hoặc App Store')).toBeInTheDocument();
    expect(screen.getByText(/Chỉ cài ứng dụng từ CH Play hoặc App Store/)).toBeInTheDocument();

    await recordDone(user, /Tài khoản VNeID mức 1/, 'Đã làm được (có tài khoản mức 1)');
    await waitFor(() =>
      expect(within(step(/Tài khoản VNeID mức 1/)).getByText(/Đã xong/)).toBeInTheDocument(),
    );
    expect(
      within(step(/Cài ứng dụng VNeID/)).getByText('Đã xong (bước sau đã làm được)'),
    ).toBeInTheDocument();
    expect(within(step(/Tài khoản VNeID mức 1/)).getByText(/Tận mắt thấy · Lâm Thu Hà/)).toBeInTheDocument();
    expect(screen.getByText(/Bước tiếp: đưa đến Công an xã để kích hoạt mức 2/)).toBeInTheDocument();
    expect(screen.getByText(/Công an không bao giờ kích hoạt tài khoản qua điện thoại/)).toBeInTheDocument();

    await recordDone(user, /mức 2 đã kích hoạt/, 'Đã làm được (đã kích hoạt mức 2)');
    await waitFor(() => expect(within(step(/mức 2 đã kích hoạt/)).getByText(/Đã xong/)).toBeInTheDocument());
    expect(
      within(step(/Hẹn lên Công an xã/)).getByText('Đã xong (bước sau đã làm được)'),
    ).toBeInTheDocument();
    expect(within(step(/Xác nhận phổ cập/)).getByText('Chưa xong')).toBeInTheDocument();
    expect(screen.getByText(/Bước tiếp: học và xác nhận phổ cập kỹ năng số/)).toBeInTheDocument();

    const assists = await getDb().assists.where('residentId').equals(resident.id).toArray();
    expect(assists.map((a) => [a.kind, a.status, a.howKnown, a.by, a.on])).toEqual(
      expect.arrayContaining([
        ['vneid_level1', 'done', 'observed', 'Lâm Thu Hà', localDay(new Date())],
        ['vneid_level2_active', 'done', 'observed', 'Lâm Thu Hà', localDay(new Date())],
      ]),
    );
    expect(within(screen.getByTestId('assist-history')).getAllByRole('listitem')).toHaveLength(2);

    await user.click(screen.getByRole('link', { name: /Về hộ Nông Văn Tâm/ }));
    const row = (await screen.findByTestId('resident-list')).querySelector('li');
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByText('VNeID mức 2')).toBeInTheDocument();
    expect(
      within(row as HTMLElement).getByText(/Còn thiếu: Dùng điện thoại, Dịch vụ công, Mua bán online/),
    ).toBeInTheDocument();
  });

  it('shows each skill’s status, how it is known and the basic-skills badge when all are done', async () => {
    const { resident } = await setup();
    const base = { residentId: resident.id, householdId: resident.householdId, by: 'Tổ viên Hà' };
    for (const kind of [
      'device_basics',
      'public_services_online',
      'online_shopping',
      'cashless_payment',
      'online_safety',
    ] as const) {
      await assistRepository.record(VILLAGE_ID, {
        ...base,
        kind,
        status: 'done',
        howKnown: 'observed',
        on: '2026-11-20',
      });
    }
    await assistRepository.record(VILLAGE_ID, {
      ...base,
      kind: 'local_platforms',
      status: 'in_progress',
      howKnown: 'self_reported',
      on: '2026-11-21',
    });
    await openProfile(`/v/${VILLAGE_ID}/h/${resident.householdId}/r/${resident.id}/skills`);
    await screen.findByText('Hành trình VNeID');
    const localItem = step(/Nền tảng số của địa phương/);
    expect(within(localItem as HTMLElement).getByText('Đang học, chưa tự làm được')).toBeInTheDocument();
    expect(
      within(localItem as HTMLElement).getByText('21/11/2026 · Người dân tự báo · Tổ viên Hà'),
    ).toBeInTheDocument();
    const aiItem = step(/trí tuệ nhân tạo/);
    expect(within(aiItem as HTMLElement).getByText('Chưa ghi gì')).toBeInTheDocument();
    expect(screen.queryByText(/Có kỹ năng số cơ bản/)).not.toBeInTheDocument();

    const user = userEvent.setup();
    await recordDone(user, /Nền tảng số của địa phương/);
    expect(await screen.findByText(/Có kỹ năng số cơ bản/)).toBeInTheDocument();
  });

  it('without consent for skills support shows how to get it, no recording controls, and record() refuses', async () => {
    const { path, resident } = await setup({
      consent: undefined,
      sex: undefined,
      hasChipId: undefined,
      name: 'Cụ ông',
    });
    await openProfile(path);
    expect(
      await screen.findByText(/chưa đồng ý cho ghi việc hướng dẫn, hỗ trợ kỹ năng số/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ghi đồng ý' })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/h/${resident.householdId}/r/${resident.id}`,
    );
    expect(screen.queryByText('Hành trình VNeID')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Ghi kết quả|VNeID|Lưu/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();

    const refused = assistRepository.record(VILLAGE_ID, {
      residentId: resident.id,
      householdId: resident.householdId,
      kind: 'vneid_level1',
      status: 'done',
      howKnown: 'observed',
      on: '2026-11-25',
      by: 'Tổ viên',
    });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ fields: { residentId: 'err.needsConsent' } });
    expect(await getDb().assists.count()).toBe(0);
  });

  it('consent for other purposes only is not enough to record skills', async () => {
    const { path } = await setup({
      consent: {
        purposes: ['progress_report'],
        collectedBy: 'Tổ viên A',
        collectedAt: '2026-11-20T08:00:00.000Z',
      },
    });
    await openProfile(path);
    expect(await screen.findByRole('link', { name: 'Ghi đồng ý' })).toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('undo in the toast removes the step just recorded', async () => {
    const { path, resident } = await setup();
    const user = userEvent.setup();
    await openProfile(path);
    await screen.findByText('Hành trình VNeID');
    await user.click(screen.getByRole('button', { name: 'Ghi kết quả bước này' }));
    await user.click(screen.getByLabelText('Đã cài xong'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(within(step(/Cài ứng dụng VNeID/)).getByText('Đã xong')).toBeInTheDocument());
    expect(screen.getByText('Đã ghi: Cài ứng dụng VNeID — Đã cài xong')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(() =>
      expect(within(step(/Cài ứng dụng VNeID/)).getByText('Chưa xong')).toBeInTheDocument(),
    );
    expect(screen.getByText('Bước tiếp: cài VNeID từ CH Play hoặc App Store')).toBeInTheDocument();
    expect(screen.getByText('Chưa ghi bước nào.')).toBeInTheDocument();
    const [row] = await getDb().assists.where('residentId').equals(resident.id).toArray();
    expect(row?.deletedAt).toBeDefined();
  });

  it('a step from the history is deleted only after confirming, and can be restored', async () => {
    const { path, resident } = await setup();
    const recorded = await assistRepository.record(VILLAGE_ID, {
      residentId: resident.id,
      householdId: resident.householdId,
      kind: 'online_shopping',
      status: 'done',
      howKnown: 'self_reported',
      on: '2026-11-24',
      by: 'Tổ viên Hà',
    });
    const user = userEvent.setup();
    await openProfile(path);
    await user.click(
      await screen.findByRole('button', { name: 'Xóa bước "Mua bán trực tuyến" ngày 24/11/2026' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/Chỉ xóa khi ghi nhầm/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Xóa' }));
    expect(await screen.findByText('Chưa ghi bước nào.')).toBeInTheDocument();
    expect((await getDb().assists.get(recorded.id))?.deletedAt).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    expect(await screen.findByTestId('assist-history')).toBeInTheDocument();
    expect((await getDb().assists.get(recorded.id))?.deletedAt).toBeUndefined();
  });

  it('links a step recorded today to today’s visit in which the household was met', async () => {
    const { path, household, resident } = await setup();
    const now = new Date();
    await visitRepository.create(VILLAGE_ID, {
      householdId: household.id,
      visitedAt: new Date(now.getTime() - 60_000).toISOString(),
      members: ['Tổ viên Hà'],
      outcome: 'nobody_home',
      residentIds: [],
      topics: [],
    });
    const met = await visitRepository.create(VILLAGE_ID, {
      householdId: household.id,
      visitedAt: now.toISOString(),
      members: ['Tổ viên Hà'],
      outcome: 'met',
      residentIds: [resident.id],
      topics: [],
    });
    const user = userEvent.setup();
    await openProfile(path);
    await screen.findByText('Hành trình VNeID');
    await user.click(toggle(/Dịch vụ công trực tuyến/));
    expect(await screen.findByText('Gắn với lượt đến hộ hôm nay.')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Đã tự làm được'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await getDb().assists.count()).toBe(1));
    const [assist] = await getDb().assists.toArray();
    expect(assist?.visitId).toBe(met.id);
    expect(assist?.by).toBe('Tổ viên');
    expect(
      await screen.findByText(`Khi đến hộ ngày ${localDay(now).split('-').reverse().join('/')}`),
    ).toBeInTheDocument();
  });

  it('asks for a result, and for a reason when it did not work, before saving', async () => {
    const { path } = await setup();
    const user = userEvent.setup();
    await openProfile(path);
    await screen.findByText('Hành trình VNeID');
    await user.click(toggle(/Thanh toán không dùng tiền mặt/));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Chọn kết quả.')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Chưa làm được'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Ghi lý do chưa làm được.')).toBeInTheDocument();
    expect(await getDb().assists.count()).toBe(0);
    await user.type(screen.getByLabelText('Vì sao chưa làm được?'), 'Chưa có tài khoản ngân hàng');
    await user.click(screen.getByLabelText('Người dân tự báo'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await getDb().assists.count()).toBe(1));
    const [assist] = await getDb().assists.toArray();
    expect(assist).toMatchObject({
      kind: 'cashless_payment',
      status: 'failed',
      failReason: 'Chưa có tài khoản ngân hàng',
      howKnown: 'self_reported',
    });
  });

  it('has no field for passwords, OTPs or ID numbers', async () => {
    const { path } = await setup();
    const user = userEvent.setup();
    const { container } = await openProfile(path);
    await screen.findByText('Hành trình VNeID');
    await user.click(toggle(/Tài khoản VNeID mức 1/));
    await user.click(screen.getByLabelText('Chưa đăng ký được'));
    expect(container.querySelector('input[type="password"]')).toBeNull();
    expect(screen.queryByLabelText(/mật khẩu|OTP|mã PIN|số căn cước|CCCD/i)).not.toBeInTheDocument();
    expect(screen.getAllByText(/Không hỏi, không ghi lại các mã này/).length).toBeGreaterThan(0);
  });
});
