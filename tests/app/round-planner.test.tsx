import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { visitRepository } from '../../src/app/db/visit-repository';
import { useRoundSettings } from '../../src/app/features/visits/round-settings';
import { addDays, localDay } from '../../src/core/dates';
import type { VisitOutcome } from '../../src/core/schemas';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const today = localDay(new Date());

async function visit(householdId: string, daysAgo: number, outcome: VisitOutcome, followUpOn?: string) {
  await visitRepository.create(VILLAGE_ID, {
    householdId,
    // 03:00 UTC is 10:00 in the commune: the same local day wherever the test runs.
    visitedAt: `${addDays(today, -daysAgo)}T03:00:00.000Z`,
    members: ['Chị Hoa'],
    outcome,
    followUpOn,
    residentIds: [],
    topics: [],
  });
}

/**
 * Five households: A never visited (poor), B met 45 days ago, C to come back today, D to come back
 * three days ago (overdue), E found nobody home 5 days ago with a resident of 70.
 */
async function seedVillage() {
  const add = (label: string, lane: string | undefined, poor = false) =>
    householdRepository.create(VILLAGE_ID, householdInput({ label, lane, address: undefined, poor }));
  const a = await add('Hộ A', 'Xóm 1', true);
  const b = await add('Hộ B', 'Xóm 1');
  const c = await add('Hộ C', 'Xóm 2');
  const d = await add('Hộ D', 'Xóm 2');
  const e = await add('Hộ E', undefined);
  await residentRepository.create(
    VILLAGE_ID,
    residentInput(e.id, { name: 'Cụ Lò Văn Piềng', birthYear: Number(today.slice(0, 4)) - 70 }),
  );
  await visit(b.id, 45, 'met');
  await visit(c.id, 1, 'come_back', today);
  await visit(d.id, 10, 'come_back', addDays(today, -3));
  await visit(e.id, 5, 'nobody_home');
  return { a, b, c, d, e };
}

function countButton(label: RegExp) {
  return screen.getByRole('button', { name: label });
}

function laneNames(): string[] {
  return within(screen.getByTestId('round-lanes'))
    .getAllByRole('heading')
    .map((h) => h.textContent ?? '');
}

function listedHouseholds(): string[] {
  return within(screen.getByTestId('round-lanes'))
    .getAllByRole('link')
    .map((l) => l.querySelector('.item-title')?.textContent ?? '');
}

beforeEach(() => useRoundSettings.setState({ staleDays: 30, chosen: {} }));

describe('round planner', () => {
  it('counts the village and opens the follow-ups first, grouped by lane', async () => {
    await seedVillage();
    renderAt(`/v/${VILLAGE_ID}/round`);

    expect(await screen.findByTestId('round-summary')).toHaveTextContent(
      '5 hộ · đã ghé 4 hộ · đã gặp được 1 hộ',
    );
    expect(countButton(/Hẹn hôm nay/)).toHaveTextContent('1');
    expect(countButton(/Quá hẹn/)).toHaveTextContent('1');
    expect(countButton(/Chưa ghé lần nào/)).toHaveTextContent('1');
    expect(countButton(/Lâu chưa ghé \(trên 30 ngày\)/)).toHaveTextContent('1');
    expect(countButton(/Người cao tuổi/)).toHaveTextContent('1');
    expect(countButton(/Hộ nghèo/)).toHaveTextContent('1');
    expect(countButton(/Người khuyết tật/)).toHaveTextContent('0');
    expect(countButton(/dân tộc thiểu số/)).toHaveTextContent('0');

    expect(screen.getByLabelText('Xem các hộ')).toHaveValue('follow_up');
    expect(countButton(/Quá hẹn/)).toHaveAttribute('aria-pressed', 'true');
    expect(laneNames()).toEqual(['Xóm 2 · 2 hộ']);
    expect(listedHouseholds()).toEqual(['Hộ C', 'Hộ D']);
    const lanes = screen.getByTestId('round-lanes');
    expect(within(lanes).getByText('Hẹn quay lại hôm nay')).toBeInTheDocument();
    // Overdue is said in words, not only in red.
    expect(within(lanes).getByText(/QUÁ HẸN 3 ngày/)).toBeInTheDocument();
  });

  it('switching the filter changes the list, and the "long ago" threshold is remembered', async () => {
    const { e } = await seedVillage();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/round`);
    const filter = await screen.findByLabelText('Xem các hộ');

    await user.selectOptions(filter, 'never_visited');
    expect(listedHouseholds()).toEqual(['Hộ A']);
    expect(laneNames()).toEqual(['Xóm 1 · 1 hộ']);

    await user.click(countButton(/Lâu chưa ghé/));
    expect(filter).toHaveValue('stale');
    expect(listedHouseholds()).toEqual(['Hộ B']);
    expect(within(screen.getByTestId('round-lanes')).getByText('45 ngày chưa ghé')).toBeInTheDocument();

    await user.click(countButton(/Người cao tuổi/));
    expect(laneNames()).toEqual(['Chưa ghi ngõ/xóm · 1 hộ']);
    expect(screen.getByRole('link', { name: /Hộ E/ })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/h/${e.id}?from=round`,
    );

    await user.selectOptions(screen.getByLabelText('Bao lâu thì tính là lâu chưa ghé?'), '60');
    await waitFor(() => expect(countButton(/Lâu chưa ghé \(trên 60 ngày\)/)).toHaveTextContent('0'));
    expect(JSON.parse(localStorage.getItem('ngo-so.round') ?? '{}').state.staleDays).toBe(60);
    await user.selectOptions(filter, 'stale');
    expect(screen.getByText('Không có hộ nào trong mục này.')).toBeInTheDocument();
  });

  it('does not count a visit that was undone', async () => {
    const { a } = await seedVillage();
    const undone = await visitRepository.create(VILLAGE_ID, {
      householdId: a.id,
      visitedAt: new Date().toISOString(),
      members: ['Chị Hoa'],
      outcome: 'met',
      residentIds: [],
      topics: [],
    });
    await visitRepository.remove(undone.id);
    renderAt(`/v/${VILLAGE_ID}/round`);
    expect(await screen.findByTestId('round-summary')).toHaveTextContent(
      '5 hộ · đã ghé 4 hộ · đã gặp được 1 hộ',
    );
    expect(countButton(/Chưa ghé lần nào/)).toHaveTextContent('1');
    expect(countButton(/Hộ nghèo/)).toHaveTextContent('1');
  });

  it('walking a round: household, Ghé thăm, nobody home, and back on the same list with the next door', async () => {
    await seedVillage();
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/round`);
    await user.click(await screen.findByRole('button', { name: /Chưa ghé lần nào/ }));
    expect(listedHouseholds()).toEqual(['Hộ A']);

    await user.click(within(screen.getByTestId('round-lanes')).getByRole('link', { name: /Hộ A/ }));
    expect(await screen.findByRole('heading', { name: 'Hộ A' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Về danh sách đi từng nhà/ })).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'Ghé thăm' }));
    await user.click(await screen.findByRole('button', { name: 'Không có ai ở nhà' }));

    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/round`));
    expect(await screen.findByText('Đã ghi: Không có ai ở nhà')).toBeTruthy();
    // The same list, now without the house just knocked on.
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Xem các hộ' })).toHaveValue('never_visited'),
    );
    expect(await screen.findByText('Không có hộ nào trong mục này.')).toBeTruthy();
  });
});
