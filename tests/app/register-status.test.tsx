/**
 * Register status of people and households (issue 18, item 1): chosen in the forms with the day it was
 * learned, saved through the repositories (so queued in the outbox like any edit), shown as badges,
 * and those who left listed greyed and last — never deleted.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { communeToday } from '../../src/app/state/commune-clock';
import { addDays } from '../../src/core/dates';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const DAY_NEEDED = 'Ghi ngày biết tin (chuyển đi, tạm vắng, đã mất…).';

async function personAt() {
  const h = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Nông Văn Tâm' }));
  const r = await residentRepository.create(VILLAGE_ID, residentInput(h.id, { name: 'Hoàng Thị Lan' }));
  await getDb().outbox.clear();
  return { h, r, path: `/v/${VILLAGE_ID}/h/${h.id}/r/${r.id}` };
}

function ddmmyyyy(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

describe('resident status in the resident form', () => {
  it('saves "tạm vắng" with today as the day, queues it, and shows it as a badge on the household', async () => {
    const { h, r, path } = await personAt();
    const user = userEvent.setup();
    const { location } = renderAt(path);
    expect(await screen.findByLabelText('Đang ở')).toBeChecked();
    expect(screen.queryByLabelText('Ngày biết tin')).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Tạm vắng (đi làm, đi học xa)'));
    const today = communeToday();
    expect(screen.getByLabelText('Ngày biết tin')).toHaveValue(today);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${h.id}`));
    const row = await getDb().residents.get(r.id);
    expect([row?.status, row?.statusOn]).toEqual(['away', today]);
    const [entry] = await getDb().outbox.toArray();
    expect(entry?.fields).toMatchObject({ status: 'away', statusOn: today });
    const list = await screen.findByTestId('resident-list');
    expect(within(list).getByText(`Tạm vắng (${ddmmyyyy(today)})`)).toBeInTheDocument();
  });

  it('refuses a status without its day, or with a day not yet come, and writes nothing', async () => {
    const { r, path } = await personAt();
    const user = userEvent.setup();
    renderAt(path);
    await user.click(await screen.findByLabelText('Đã chuyển đi'));
    fireEvent.change(screen.getByLabelText('Ngày biết tin'), { target: { value: '' } });
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText(DAY_NEEDED, { selector: '.field .error' })).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Ngày biết tin'), {
      target: { value: addDays(communeToday(), 2) },
    });
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Ngày này chưa tới.', { selector: '.field .error' })).toBeInTheDocument();
    expect((await getDb().residents.get(r.id))?.status).toBeUndefined();
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('asks before recording a death, and a death is undone by choosing "Đang ở" again', async () => {
    const { h, r, path } = await personAt();
    const user = userEvent.setup();
    const { location } = renderAt(path);
    await user.click(await screen.findByLabelText('Đã mất'));
    const dialog = await screen.findByRole('dialog', { name: 'Ghi nhận Hoàng Thị Lan đã mất?' });
    await user.click(within(dialog).getByRole('button', { name: 'Hủy' }));
    expect(screen.getByLabelText('Đang ở')).toBeChecked();
    expect(screen.getByLabelText('Đã mất')).not.toBeChecked();

    await user.click(screen.getByLabelText('Đã mất'));
    await user.click(
      within(await screen.findByRole('dialog', { name: /đã mất\?$/ })).getByRole('button', {
        name: 'Đúng, ghi nhận',
      }),
    );
    expect(screen.getByLabelText('Đã mất')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${h.id}`));
    expect((await getDb().residents.get(r.id))?.status).toBe('deceased');

    // Greyed and last in the household, still there.
    await residentRepository.create(
      VILLAGE_ID,
      residentInput(h.id, { name: 'Nông Văn Bình', birthYear: 1990 }),
    );
    const list = await screen.findByTestId('resident-list');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const [first, last] = within(list).getAllByRole('listitem');
    expect(first).toHaveTextContent('Nông Văn Bình');
    expect(last).toHaveTextContent('Hoàng Thị Lan');
    expect(last).toHaveClass('gone');
    expect(last).toHaveTextContent('Đã mất');

    await user.click(within(last as HTMLElement).getByRole('link', { name: 'Sửa thông tin Hoàng Thị Lan' }));
    await user.click(await screen.findByLabelText('Đang ở'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect((await getDb().residents.get(r.id))?.status).toBe('present'));
    expect((await getDb().residents.get(r.id))?.statusOn).toBeUndefined();
  });
});

describe('household status in the household form', () => {
  it('saves "merged" with the household it joined, asking for one first', async () => {
    const into = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Lý Văn Chài' }));
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Đặng Thị Mùi' }));
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Lý Văn Páo' }));
    await getDb().outbox.clear();
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/h/${h.id}/edit`);
    await user.click(await screen.findByLabelText('Đã nhập vào hộ khác'));
    expect(screen.getByLabelText('Ngày biết tin')).toHaveValue(communeToday());
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(
      await screen.findByText('Vui lòng nhập mục này.', { selector: '.field .error' }),
    ).toBeInTheDocument();
    expect(await getDb().outbox.count()).toBe(0);

    // The search narrows the choices; the household itself is never one of them.
    const select = screen.getByLabelText('Nhập vào hộ');
    expect(within(select).queryByRole('option', { name: /Lý Văn Páo/ })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Tìm hộ theo tên chủ hộ'), 'ly van');
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(2));
    await user.selectOptions(select, into.id);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${h.id}`));
    const row = await getDb().households.get(h.id);
    expect([row?.status, row?.statusOn, row?.mergedInto]).toEqual(['merged', communeToday(), into.id]);
    const [entry] = await getDb().outbox.toArray();
    expect(entry).toMatchObject({ table: 'households', rowId: h.id, villageId: VILLAGE_ID });
    expect(entry?.fields).toMatchObject({ status: 'merged', mergedInto: into.id });
    expect(await screen.findByRole('link', { name: 'Đã nhập vào hộ Lý Văn Chài' })).toBeInTheDocument();
  });

  it('lists households that left greyed, last and badged, and a search still finds them', async () => {
    const gone = await householdRepository.create(
      VILLAGE_ID,
      householdInput({ label: 'Hộ A đã đi', lane: 'Xóm 1', status: 'moved_out', statusOn: '2026-01-10' }),
    );
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ B', lane: 'Xóm 1' }));
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ C', lane: 'Xóm 2' }));
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}`);
    const list = await screen.findByTestId('household-list');
    const titles = [...list.querySelectorAll('.item-title')].map((e) => e.textContent);
    expect(titles).toEqual(['Hộ B', 'Hộ C', 'Hộ A đã đi']);
    const goneLink = within(list).getByRole('link', { name: /Hộ A đã đi/ });
    expect(goneLink.closest('li')).toHaveClass('gone');
    expect(goneLink).toHaveTextContent('Đã chuyển đi');

    await user.type(screen.getByLabelText('Tìm hộ hoặc người'), 'da di');
    await waitFor(() => expect(screen.getByTestId('household-list').querySelectorAll('a')).toHaveLength(1));
    expect(screen.getByRole('link', { name: /Hộ A đã đi/ })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/h/${gone.id}`,
    );
  });
});
