import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { useSettings } from '../../src/app/state/settings-store';
import { addDays, localDay } from '../../src/core/dates';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

async function householdWithResident() {
  const household = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Nông Văn Tâm' }));
  const resident = await residentRepository.create(
    VILLAGE_ID,
    residentInput(household.id, { name: 'Hoàng Thị Lan' }),
  );
  await residentRepository.create(
    VILLAGE_ID,
    residentInput(household.id, { name: 'Nông Văn Tâm', birthYear: 1950 }),
  );
  return { household, resident };
}

function dayMonth(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

afterEach(() => useSettings.setState({ memberName: '' }));

describe('visit from a household', () => {
  it('saves "nobody home" in two taps, shows it in the history, and undo removes it', async () => {
    const { household } = await householdWithResident();
    const outboxBefore = await getDb().outbox.count();
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/h/${household.id}`);
    expect(await screen.findByText('Chưa ghé lần nào', { selector: '.visit-status' })).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Ghé thăm' }));
    await user.click(await screen.findByRole('button', { name: 'Không có ai ở nhà' }));

    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${household.id}`));
    const history = await screen.findByTestId('visit-history');
    expect(within(history).getByText(/Không có ai ở nhà/)).toBeInTheDocument();
    // Nobody set a name on this phone: the visit is still recorded, by "Tổ viên".
    expect(within(history).getByText('Người ghé: Tổ viên')).toBeInTheDocument();
    expect(within(history).getByText(/Chưa đồng bộ/)).toBeInTheDocument();
    expect(screen.getByTestId('visit-status')).toHaveTextContent(
      `Lần cuối: ${dayMonth(localDay(new Date()))}, Không có ai ở nhà`,
    );
    const [visit] = await getDb().visits.toArray();
    expect(visit).toMatchObject({ householdId: household.id, outcome: 'nobody_home', members: ['Tổ viên'] });
    expect(await getDb().outbox.count()).toBe(outboxBefore + 1);

    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(async () => expect((await getDb().visits.get(visit?.id ?? ''))?.deletedAt).toBeDefined());
    await waitFor(() => expect(screen.queryByTestId('visit-history')).not.toBeInTheDocument());
    expect(screen.getByTestId('visit-status')).toHaveTextContent('Chưa ghé lần nào');
  });

  it('saves a met visit with the resident helped, what was done and notes, then offers their profile', async () => {
    useSettings.setState({ memberName: 'Chị Hoa' });
    const { household, resident } = await householdWithResident();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${household.id}`);

    await user.click(await screen.findByRole('link', { name: 'Ghé thăm' }));
    await user.click(await screen.findByRole('button', { name: 'Gặp được' }));
    const lan = screen.getByRole('checkbox', { name: /Hoàng Thị Lan/ });
    expect(lan).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Nông Văn Tâm/ })).not.toBeChecked();
    await user.click(lan);
    await user.click(screen.getByRole('checkbox', { name: 'Cài ứng dụng VNeID' }));
    await user.type(screen.getByLabelText('Ghi chú'), 'Bà đã cài xong, hẹn tuần sau làm mức 1');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText(/Đã lưu lần ghé/)).toBeInTheDocument();
    const [visit] = await getDb().visits.toArray();
    expect(visit).toMatchObject({
      outcome: 'met',
      members: ['Chị Hoa'],
      residentIds: [resident.id],
      topics: ['vneid_installed'],
      notes: 'Bà đã cài xong, hẹn tuần sau làm mức 1',
    });
    expect(visit?.followUpOn).toBeUndefined();
    expect(screen.getByRole('link', { name: 'Hồ sơ kỹ năng: Hoàng Thị Lan' })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/h/${household.id}/r/${resident.id}/skills?visit=${visit?.id}`,
    );

    await user.click(screen.getByRole('link', { name: 'Xong, về trang hộ' }));
    const history = await screen.findByTestId('visit-history');
    expect(within(history).getByText('Đã giúp: Hoàng Thị Lan')).toBeInTheDocument();
    // What was done is read from Lan's profile, where the visit recorded it.
    expect(within(history).getByText('Hoàng Thị Lan: Cài ứng dụng VNeID — Đã cài xong')).toBeInTheDocument();
    expect(within(history).getByText('Bà đã cài xong, hẹn tuần sau làm mức 1')).toBeInTheDocument();
  });

  it('refuses "come back" without a day, beside the field, and saves nothing', async () => {
    const { household } = await householdWithResident();
    const outboxBefore = await getDb().outbox.count();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${household.id}/visit`);
    await user.click(await screen.findByRole('button', { name: 'Hẹn quay lại' }));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText('Chọn ngày quay lại.')).toBeInTheDocument();
    expect(screen.getByLabelText('Ngày quay lại')).toHaveAttribute('aria-invalid', 'true');
    expect(await getDb().visits.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(outboxBefore);
  });

  it('saves "come back" on a quick day and the household shows when', async () => {
    const { household } = await householdWithResident();
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/h/${household.id}/visit`);
    await user.click(await screen.findByRole('button', { name: 'Hẹn quay lại' }));
    await user.click(screen.getByRole('button', { name: /1 tuần nữa/ }));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${household.id}`));
    const weekLater = addDays(localDay(new Date()), 7);
    const [visit] = await getDb().visits.toArray();
    expect(visit).toMatchObject({ outcome: 'come_back', followUpOn: weekLater, residentIds: [] });
    expect(await screen.findByTestId('visit-status')).toHaveTextContent(
      `Hẹn quay lại ${dayMonth(weekLater)}`,
    );
  });

  it('refuses a follow-up day already past and saves nothing', async () => {
    const { household } = await householdWithResident();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${household.id}/visit`);
    await user.click(await screen.findByRole('button', { name: 'Hẹn quay lại' }));
    const input = screen.getByLabelText('Ngày quay lại');
    await user.type(input, addDays(localDay(new Date()), -2));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText('Ngày quay lại phải từ hôm nay trở đi.')).toBeInTheDocument();
    expect(await getDb().visits.count()).toBe(0);
  });
});
