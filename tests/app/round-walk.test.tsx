/**
 * Issue 15, kind 3: the round keeps the walker's place — it reopens at the next door, a house where
 * nobody was home stays findable, the team sets the walking order, and the saved screen of a met visit
 * leads on to the next door.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { villageRepository } from '../../src/app/db/village-repository';
import { useRoundSettings } from '../../src/app/features/visits/round-settings';
import type { Household } from '../../src/core/schemas';
import { householdInput, putVillage, residentInput, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

/** Six never-visited households: Xóm 1 has A (Số 1), B (Số 2), C (Số 3); Xóm 2 has D, E; no lane F. */
async function seedVillage(): Promise<Record<string, Household>> {
  // A member of the village: the walking order is theirs to set.
  signIn({ id: '0191f5a0-0000-7000-8000-00000000aaaa', role: 'member' });
  await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
  const out: Record<string, Household> = {};
  for (const [key, lane, address] of [
    ['A', 'Xóm 1', 'Số 1'],
    ['B', 'Xóm 1', 'Số 2'],
    ['C', 'Xóm 1', 'Số 3'],
    ['D', 'Xóm 2', 'Số 1'],
    ['E', 'Xóm 2', 'Số 2'],
    ['F', undefined, undefined],
  ] as const) {
    out[key] = await householdRepository.create(
      VILLAGE_ID,
      householdInput({ label: `Hộ ${key}`, lane, address }),
    );
  }
  return out;
}

const lanes = () => within(screen.getByTestId('round-lanes'));
function row(id: string | undefined): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-household="${id}"]`);
  if (!found) throw new Error(`household ${id} is not listed`);
  return found;
}
const listedHouseholds = () =>
  [...screen.getByTestId('round-lanes').querySelectorAll('.round-row .item-title')].map((e) => e.textContent);

let scrolledTo: Element[] = [];
beforeEach(() => {
  useRoundSettings.setState({ staleDays: 30, chosen: {}, places: {} });
  scrolledTo = [];
  // jsdom lays nothing out and has no scrollIntoView: record which element asked to be shown.
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolledTo.push(this);
  });
});
afterEach(() => {
  // biome-ignore lint/suspicious/noExplicitAny: removing the stub jsdom does not have
  delete (Element.prototype as any).scrollIntoView;
});

describe('walking a round', () => {
  it('nobody home in two taps from the list, back at the next door, and the house stays findable', async () => {
    const h = await seedVillage();
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/round`);
    expect(await screen.findByRole('button', { name: /Chưa gặp được – quay lại/ })).toHaveTextContent('0');
    expect(listedHouseholds()).toEqual(['Hộ A', 'Hộ B', 'Hộ C', 'Hộ D', 'Hộ E', 'Hộ F']);

    // Tap 1: "Ghé thăm ›" on the row of Hộ B; tap 2: nobody home.
    await user.click(lanes().getByRole('button', { name: 'Ghé thăm hộ Hộ B' }));
    expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${h.B?.id}/visit?from=round`);
    await user.click(await screen.findByRole('button', { name: 'Không có ai ở nhà' }));

    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/round`));
    expect(await screen.findByText('Đã ghi: Không có ai ở nhà')).toBeInTheDocument();
    // Hộ B has left the never-visited list; the door after it is marked, focused and scrolled to.
    await waitFor(() => expect(listedHouseholds()).toEqual(['Hộ A', 'Hộ C', 'Hộ D', 'Hộ E', 'Hộ F']));
    const next = row(h.C?.id);
    expect(within(next).getByText('Nhà tiếp theo')).toBeInTheDocument();
    await waitFor(() => expect(scrolledTo).toContain(next));
    expect(document.activeElement).toBe(within(next).getByRole('link'));

    // It waits on the not-met list, knocked on today, and counted.
    const notMet = screen.getByRole('button', { name: /Chưa gặp được – quay lại/ });
    expect(notMet).toHaveTextContent('1');
    await user.click(notMet);
    expect(listedHouseholds()).toEqual(['Hộ B']);
    const b = row(h.B?.id);
    expect(within(b).getByText('Đã gõ cửa hôm nay')).toBeInTheDocument();
    expect(within(b).getByText('Chưa gặp được: 1 lần không có ai ở nhà')).toBeInTheDocument();

    // Undo takes the visit back: Hộ B is never visited again.
    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(() => expect(screen.getByRole('button', { name: /Chưa gặp được/ })).toHaveTextContent('0'));
    const visits = await getDb().visits.toArray();
    expect(visits.every((v) => v.deletedAt)).toBe(true);
  });

  it('reopens at the next door after a visit through the household page, in the next lane when at the end of one', async () => {
    const h = await seedVillage();
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/round`);
    await user.click(await screen.findByRole('link', { name: /Hộ C/ }));
    await user.click(await screen.findByRole('link', { name: 'Ghé thăm' }));
    await user.click(await screen.findByRole('button', { name: 'Không có ai ở nhà' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/round`));
    const next = await waitFor(() => row(h.D?.id));
    await waitFor(() => expect(within(next).getByText('Nhà tiếp theo')).toBeInTheDocument());
    await waitFor(() => expect(scrolledTo).toContain(next));
  });

  it('keeps the way back to the round after adding a resident on the way', async () => {
    const h = await seedVillage();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/round`);
    await user.click(await screen.findByRole('link', { name: /Hộ A/ }));
    await user.click(await screen.findByRole('link', { name: /Thêm người/ }));
    await user.type(await screen.findByLabelText(/Tên gọi/), 'Chị Mai');
    await user.type(screen.getByLabelText(/Năm sinh/), '1990');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByRole('heading', { name: 'Hộ A' });
    expect(screen.getByRole('link', { name: /Về danh sách đi từng nhà/ })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/round`,
    );
    expect(screen.getByRole('link', { name: 'Ghé thăm' })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/h/${h.A?.id}/visit?from=round`,
    );
  });

  it('after a met visit from the round, the saved screen offers the next door and the round', async () => {
    const h = await seedVillage();
    await residentRepository.create(VILLAGE_ID, residentInput(h.D?.id ?? ''));
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/round`);
    await user.click(await screen.findByRole('button', { name: 'Ghé thăm hộ Hộ D' }));
    await user.click(await screen.findByRole('button', { name: 'Gặp được' }));
    await user.click(screen.getByRole('checkbox', { name: /Hoàng Thị Lan/ }));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText(/Đã lưu lần ghé/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Về danh sách đi từng nhà' })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/round`,
    );
    await user.click(await screen.findByRole('link', { name: 'Nhà tiếp theo: Hộ E ›' }));
    expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${h.E?.id}?from=round`);
    expect(await screen.findByRole('heading', { name: 'Hộ E' })).toBeInTheDocument();
  });
});

describe('the walking order', () => {
  it('moves a lane and a house with ↑ ↓, saved at once and synced, and the lists follow it', async () => {
    const h = await seedVillage();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/round`);
    await user.click(await screen.findByRole('button', { name: 'Sắp xếp thứ tự đi' }));
    const order = screen.getByTestId('round-order');
    expect(screen.getByRole('button', { name: 'Đưa Xóm 1 lên' })).toBeDisabled();

    await user.click(within(order).getByRole('button', { name: 'Đưa Xóm 2 lên' }));
    await waitFor(async () =>
      expect((await getDb().villages.get(VILLAGE_ID))?.laneOrder).toEqual(['Xóm 2', 'Xóm 1', '']),
    );
    // Only the walking order travels: the one village field a member may change.
    const villageChanges = (await getDb().outbox.toArray()).filter((e) => e.table === 'villages');
    expect(villageChanges.map((e) => Object.keys(e.fields))).toEqual([['laneOrder']]);
    await waitFor(() => expect(screen.getByText('Đã xếp lại: Xóm 2')).toBeInTheDocument());
    // The tapped button keeps the focus after its row moved, so ↑ can be tapped again.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Đưa Xóm 2 xuống' })),
    );

    await user.click(screen.getByRole('button', { name: 'Xếp nhà trong Xóm 1' }));
    const xom1 = screen.getByRole('list', { name: 'Xóm 1' });
    await user.click(within(xom1).getByRole('button', { name: 'Đưa Hộ C lên' }));
    await waitFor(async () => expect((await getDb().households.get(h.C?.id ?? ''))?.walkOrder).toBeDefined());
    await user.click(screen.getByRole('button', { name: 'Xong, về danh sách' }));
    await waitFor(() => expect(listedHouseholds()).toEqual(['Hộ D', 'Hộ E', 'Hộ A', 'Hộ C', 'Hộ B', 'Hộ F']));

    // Undo of the house move puts Hộ B back before Hộ C.
    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(() => expect(listedHouseholds()).toEqual(['Hộ D', 'Hộ E', 'Hộ A', 'Hộ B', 'Hộ C', 'Hộ F']));
  });

  it('the household list walks in the same order', async () => {
    const h = await seedVillage();
    await villageRepository.setLaneOrder(VILLAGE_ID, ['Xóm 2', '', 'Xóm 1']);
    await householdRepository.setWalkOrders(new Map([[h.B?.id ?? '', 1]]));
    renderAt(`/v/${VILLAGE_ID}`);
    const list = await screen.findByTestId('household-list');
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('link')
          .map((l) => l.querySelector('.item-title')?.textContent),
      ).toEqual(['Hộ D', 'Hộ E', 'Hộ F', 'Hộ B', 'Hộ A', 'Hộ C']),
    );
  });

  it('editing a household or a village in its form keeps the walking order', async () => {
    const h = await seedVillage();
    await villageRepository.setLaneOrder(VILLAGE_ID, ['Xóm 2']);
    await householdRepository.setWalkOrders(new Map([[h.A?.id ?? '', 3]]));
    await householdRepository.update(h.A?.id ?? '', householdInput({ label: 'Hộ A mới', lane: 'Xóm 1' }));
    await villageRepository.update(VILLAGE_ID, { name: 'Thôn Nà Pài mới', code: 'NP' });
    expect((await getDb().households.get(h.A?.id ?? ''))?.walkOrder).toBe(3);
    expect((await getDb().villages.get(VILLAGE_ID))?.laneOrder).toEqual(['Xóm 2']);
  });
});
