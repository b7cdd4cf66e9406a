/**
 * The dashboard on the phone (issue 18, items 4 and 5): the fixture village's figures rendered from
 * IndexedDB through the dashboard's worker code, a number followed to exactly the people behind it,
 * that list turned into the round planner's filter, and the commune's villages side by side. The
 * expected numbers are counted by hand from tests/fixtures/indicators/fixture-village.ts (Q3 2025,
 * reference day 15 October 2025), never computed by the code under test.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { dashboardWorkerApi } from '../../src/app/features/dashboard/dashboard-api';
import { setDashboardWorkerFactoryForTests } from '../../src/app/features/dashboard/dashboard-client';
import { drillTitle } from '../../src/app/features/dashboard/drill-keys';
import { choosePeriod } from '../../src/app/features/dashboard/use-dashboard';
import { readRoundList } from '../../src/app/features/visits/round-list';
import { useRoundSettings } from '../../src/app/features/visits/round-settings';
import { loadDictionary, loadLaterWords, type Translate, translate } from '../../src/app/i18n/i18n';
import { useCommuneClock } from '../../src/app/state/commune-clock';
import { DRILL_KEYS } from '../../src/core/indicators';
import { VILLAGE_A, VILLAGE_B } from '../fixtures/indicators/fixture-village';
import { signIn } from './fixtures';
import { STAMP, seedFixture } from './indicator-fixture';
import { renderAt } from './render-route';

/** Record ids are lower-case in the app (issue 13, kind 1); the fixture's are written "vA", "hA1". */
const A = VILLAGE_A.toLowerCase();
const B = VILLAGE_B.toLowerCase();

/** The commune's "today" is 15 October 2025 (10:00 in Vietnam), whatever the machine's clock says. */
function setToday() {
  const now = Date.parse('2025-10-15T03:00:00.000Z');
  useCommuneClock.setState({ offsetMs: now - Date.now(), measured: true, anchorGap: undefined, floorMs: 0 });
}

/** The people of village A aged 16+ counted on 30 September 2025 without VNeID level 2. */
const WITHOUT_LEVEL_2 = [
  'Hoàng Văn Em',
  'Lê Thị Oanh',
  'Lê Văn Sơn',
  'Nguyễn Văn Khang',
  'Trần Thị Mai',
  'Trần Văn Lâm',
  'Trần Văn Nam',
];

beforeEach(async () => {
  setDashboardWorkerFactoryForTests(() => ({ api: dashboardWorkerApi(), terminate: () => {} }));
  useRoundSettings.setState({ staleDays: 30, chosen: {} });
  setToday();
  choosePeriod('2025-Q3');
  await seedFixture();
});

describe('village dashboard', () => {
  it("shows the fixture village's shares, gaps and denominators", async () => {
    signIn({ id: 'lead-a', role: 'lead', villageIds: [A] });
    renderAt(`/v/${A}/dashboard`);

    const id = await screen.findByTestId('target-id');
    // 3 of the official 14 people aged 16+: rA2 (level 2), rA1 and rA7 (confirmed on VNeID, a later
    // step of the journey). The plan's 100% for 2025 (the commune's row for id is deleted): 11 still
    // needed. The register counts 10 (3 of them: 30%).
    expect(id).toHaveTextContent('21%');
    expect(within(id).getByRole('link', { name: 'còn 11 người' })).toBeInTheDocument();
    expect(within(id).getByRole('link', { name: '3 / 14 người' })).toBeInTheDocument();
    expect(id).toHaveTextContent('theo số liệu chính thức: 14 người, nguồn Công an xã, 30/06/2025');
    expect(id).toHaveTextContent('theo danh sách trong ứng dụng: 10 người (30%)');
    expect(id).toHaveTextContent('Chỉ tiêu: 100%');

    // c: rA1 and rA7 of the official 12 adults; the commune's 90% asks for 11, so 9 more.
    const c = screen.getByTestId('target-c');
    expect(c).toHaveTextContent('17%');
    expect(within(c).getByRole('link', { name: 'còn 9 người' })).toBeInTheDocument();
    expect(c).toHaveTextContent('Chỉ tiêu: 90%');
    // d: the plan's "trên 80%" for 2025.
    expect(screen.getByTestId('target-d')).toHaveTextContent('Chỉ tiêu: trên 80%');
  });

  it('follows a gap to exactly the people behind it, and turns them into the round', async () => {
    const user = userEvent.setup();
    signIn({ id: 'lead-a', role: 'lead', villageIds: [A] });
    const { location } = renderAt(`/v/${A}/dashboard`);

    await user.click(await screen.findByRole('link', { name: 'còn 11 người' }));
    expect(location.history?.at(-1)).toBe(`/v/${A}/dashboard/list/target.id.missing`);
    const list = await screen.findByTestId('drill-list');
    const names = within(list)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.item-title')?.textContent ?? '');
    expect([...names].sort((a, b) => a.localeCompare(b, 'vi'))).toEqual(WITHOUT_LEVEL_2);
    // The gap counts on the village's official 14 people 16+, the list on the app's 10: both said.
    expect(await screen.findByTestId('drill-gap')).toHaveTextContent(
      'Để đạt chỉ tiêu cần thêm 11 người (tính theo số liệu chính thức của thôn); danh sách trong ứng dụng chỉ có 7 người chưa đạt.',
    );
    // Each row opens its household and says the next VNeID step.
    const lam = within(list).getByRole('link', { name: /Trần Văn Lâm/ });
    expect(lam).toHaveAttribute('href', `/v/${A}/h/ha2`);
    expect(lam).toHaveTextContent('Bước tiếp: Tài khoản VNeID mức 2 đã kích hoạt');

    await user.click(screen.getByRole('button', { name: 'Dùng làm danh sách đi ngày mai' }));
    // The households of those seven people: hA1, hA2, hA3 and hA5.
    expect(readRoundList(A)?.householdIds.sort()).toEqual(['ha1', 'ha2', 'ha3', 'ha5']);

    await user.click(await screen.findByRole('link', { name: 'Mở danh sách đi từng nhà' }));
    const chip = await screen.findByTestId('round-list-chip');
    expect(chip).toHaveTextContent('Danh sách từ số liệu: Chưa đạt: người từ 16 tuổi có VNeID mức 2 (4 hộ)');
    const listed = () =>
      within(screen.getByTestId('round-lanes'))
        .getAllByRole('link')
        .map((l) => l.querySelector('.item-title')?.textContent ?? '');
    await waitFor(() => expect(listed()).toContain('Trần Thị Bình'));
    expect(listed()).toEqual(expect.arrayContaining(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']));
    expect(listed()).not.toContain('Vũ Thị Phương');

    await user.click(within(chip).getByRole('button', { name: 'Bỏ danh sách này' }));
    await waitFor(() => expect(screen.queryByTestId('round-list-chip')).not.toBeInTheDocument());
    expect(readRoundList(A)).toBeUndefined();
  });

  it('counts again when a record changes while the dashboard is open', async () => {
    signIn({ id: 'lead-a', role: 'lead', villageIds: [A] });
    renderAt(`/v/${A}/dashboard`);
    const id = await screen.findByTestId('target-id');
    expect(within(id).getByRole('link', { name: '3 / 14 người' })).toBeInTheDocument();

    // rA4 activates level 2 on the period's last day.
    await getDb().assists.put({
      id: 'a-new',
      villageId: A,
      residentId: 'ra4',
      householdId: 'ha2',
      kind: 'vneid_level2_active',
      status: 'done',
      howKnown: 'observed',
      on: '2025-09-30',
      by: 'Tổ viên Hà',
      createdAt: STAMP,
      updatedAt: STAMP,
      clocks: { kind: '999999-later' },
    });
    expect(await within(id).findByRole('link', { name: '4 / 14 người' })).toBeInTheDocument();
    expect(within(id).getByRole('link', { name: 'còn 10 người' })).toBeInTheDocument();
  });
});

describe('every number is a link', () => {
  it('follows the tạm vắng count to the one person away, and a group total to the whole group', async () => {
    const user = userEvent.setup();
    signIn({ id: 'lead-a', role: 'lead', villageIds: [A] });
    const { location } = renderAt(`/v/${A}/dashboard`);

    // Priority: the elderly of village A are rA1 (65) and rA6 (75); only rA6 is not yet met.
    const elderly = await screen.findByTestId('drill-priority.elderly.all');
    expect(elderly).toHaveTextContent('Cả nhóm: 2 người');
    // The register's denominator of id (10 people 16+) opens its list too.
    expect(
      within(screen.getByTestId('target-id')).getByRole('link', {
        name: 'theo danh sách trong ứng dụng: 10 người (30%)',
      }),
    ).toHaveAttribute('href', `/v/${A}/dashboard/list/target.id.all`);
    // Class sessions are not people: they open the village's classes.
    const classes = within(screen.getByRole('region', { name: 'Lớp học trong kỳ' }));
    expect(classes.getByRole('link', { name: '2 buổi' })).toHaveAttribute('href', `/v/${A}/classes`);

    // Tạm vắng: rA8 Lê Thị Oanh (away since May), no one else.
    const away = screen.getByTestId('drill-register.away');
    expect(away).toHaveTextContent('1 người');
    await user.click(away);
    expect(location.history?.at(-1)).toBe(`/v/${A}/dashboard/list/register.away`);
    expect(
      await screen.findByRole('heading', { name: 'Người tạm vắng (đi làm, đi học)' }),
    ).toBeInTheDocument();
    const list = await screen.findByTestId('drill-list');
    const rows = within(list).getAllByTestId('drill-row');
    expect(rows.map((r) => r.querySelector('.item-title')?.textContent)).toEqual(['Lê Thị Oanh']);
    expect(within(list).getByRole('link', { name: /Lê Thị Oanh/ })).toHaveAttribute('href', `/v/${A}/h/ha3`);
  });

  it('gives every drill-down list a title in both languages', async () => {
    await loadLaterWords();
    await loadDictionary('en');
    for (const language of ['vi', 'en'] as const) {
      const t: Translate = (key, params) => translate(language, key, params);
      for (const key of DRILL_KEYS)
        expect(drillTitle(t, key), `${language} ${key}`).not.toMatch(/[a-z]\.[a-z]/i);
    }
    expect(drillTitle((k, p) => translate('en', k, p), 'households.outcome.come_back')).toBe(
      'Households visited in the period: Come back later',
    );
  });
});

describe('commune dashboard', () => {
  it('lists every village side by side with the commune total, each linked to its own figures', async () => {
    signIn({ id: 'commune-1', role: 'commune', villageIds: [] });
    renderAt('/dashboard');

    const table = await screen.findByTestId('village-table');
    const rows = within(table).getAllByTestId('village-row');
    expect(rows).toHaveLength(2);
    // Furthest behind on id first: Thôn Đông (21%) before Thôn Tây (rB1 and rB2 counted, 1 of them: 50%).
    expect(rows.map((r) => within(r).getAllByRole('link')[0]?.textContent)).toEqual([
      'Thôn Đông',
      'Thôn Tây',
    ]);
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Thôn Đông' })).toHaveAttribute(
      'href',
      `/v/${A}/dashboard`,
    );
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: 'Thôn Tây' })).toHaveAttribute(
      'href',
      `/v/${B}/dashboard`,
    );
    expect(within(table).getByTestId('commune-total')).toHaveTextContent('Cả xã');

    // Sorting by the id column again puts the village furthest ahead first.
    await userEvent.setup().click(within(table).getByRole('button', { name: 'VNeID mức 2' }));
    await waitFor(() =>
      expect(
        within(table)
          .getAllByTestId('village-row')
          .map((r) => within(r).getAllByRole('link')[0]?.textContent),
      ).toEqual(['Thôn Tây', 'Thôn Đông']),
    );
  });
});
