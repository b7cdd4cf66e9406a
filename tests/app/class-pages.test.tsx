import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classRepository } from '../../src/app/db/class-repository';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { useSettings } from '../../src/app/state/settings-store';
import { localDay } from '../../src/core/dates';
import type { ClassFields } from '../../src/core/schemas';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

function classInput(overrides: Partial<ClassFields> = {}): ClassFields {
  return {
    date: '2026-11-20',
    topic: 'cashless_payment',
    audience: 'community',
    venue: 'Nhà văn hóa thôn Nà Pài',
    trainer: 'Tổ viên A',
    walkIns: 0,
    ...overrides,
  };
}

beforeEach(() => useSettings.setState({ memberName: 'Lục Văn Bình' }));
afterEach(() => useSettings.setState({ memberName: '' }));

describe('class form', () => {
  it('creates a class with today, the member as trainer, and lands on its attendance page', async () => {
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/classes/new`);
    expect(await screen.findByLabelText('Ngày học')).toHaveValue(localDay(new Date()));
    expect(screen.getByLabelText('Người hướng dẫn')).toHaveValue('Lục Văn Bình');
    expect(screen.getByLabelText('Người dân')).toBeChecked();

    await user.selectOptions(screen.getByLabelText('Chủ đề buổi học'), 'Thanh toán không dùng tiền mặt');
    await user.click(screen.getByLabelText('Người cao tuổi'));
    await user.type(screen.getByLabelText('Địa điểm'), 'Nhà văn hóa thôn');
    await user.type(screen.getByLabelText('Giờ bắt đầu'), '08:30');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() =>
      expect(location.history?.at(-1)).toMatch(new RegExp(`^/v/${VILLAGE_ID}/classes/[0-9a-f-]{36}$`)),
    );
    expect(
      await screen.findByRole('heading', { name: 'Điểm danh: Thanh toán không dùng tiền mặt' }),
    ).toBeInTheDocument();
    const rows = await getDb().classes.toArray();
    expect(rows.map((c) => [c.topic, c.audience, c.venue, c.trainer, c.startTime, c.walkIns])).toEqual([
      ['cashless_payment', 'elderly', 'Nhà văn hóa thôn', 'Lục Văn Bình', '08:30', 0],
    ]);
    expect(
      await getDb()
        .outbox.where('rowId')
        .equals(rows[0]?.id ?? '')
        .count(),
    ).toBe(1);
  });

  it('shows Vietnamese messages beside the fields and saves nothing', async () => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/classes/new`);
    await user.clear(await screen.findByLabelText('Người hướng dẫn'));
    await user.type(screen.getByLabelText('Ghi chú'), 'CCCD 001203004567');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText('Vui lòng chọn chủ đề.')).toBeInTheDocument();
    expect(screen.getAllByText('Vui lòng nhập mục này.')).toHaveLength(2);
    expect(screen.getByLabelText('Chủ đề buổi học')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Địa điểm')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Người hướng dẫn')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/^Không được ghi số căn cước/)).toBeInTheDocument();
    // Every refusal is also listed under the form by the name of its field.
    const summary = screen.getByTestId('form-errors');
    expect(summary).toHaveTextContent('Chủ đề buổi học: Vui lòng nhập mục này.');
    expect(summary).toHaveTextContent('Ghi chú: Không được ghi số căn cước');
    expect(await getDb().classes.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('offers the venue last used in this village', async () => {
    await classRepository.create(VILLAGE_ID, classInput({ venue: 'Hội trường cũ' }));
    await classRepository.create(VILLAGE_ID, classInput({ venue: 'Nhà văn hóa thôn Nà Pài' }));
    await classRepository.create('0191f5a0-0000-7000-8000-000000000002', classInput({ venue: 'Thôn khác' }));
    renderAt(`/v/${VILLAGE_ID}/classes/new`);
    expect(await screen.findByLabelText('Địa điểm')).toHaveValue('Nhà văn hóa thôn Nà Pài');
  });

  it('edits a class, keeping its walk-in count', async () => {
    const session = await classRepository.create(VILLAGE_ID, classInput({ walkIns: 4 }));
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/classes/${session.id}/edit`);
    const venue = await screen.findByLabelText('Địa điểm');
    expect(screen.getByLabelText('Chủ đề buổi học')).toHaveValue('cashless_payment');
    await user.clear(venue);
    await user.type(venue, 'Sân nhà ông Tâm');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/classes/${session.id}`));
    expect(await screen.findByText('Đã lưu buổi học “Thanh toán không dùng tiền mặt”.')).toBeInTheDocument();
    const row = await getDb().classes.get(session.id);
    expect([row?.venue, row?.walkIns]).toEqual(['Sân nhà ông Tâm', 4]);
  });

  it('deletes a class after confirming, and Hoàn tác brings it back', async () => {
    const session = await classRepository.create(VILLAGE_ID, classInput());
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/classes/${session.id}/edit`);
    await user.click(await screen.findByRole('button', { name: 'Xóa buổi học' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Xóa buổi học “Thanh toán không dùng tiền mặt” ngày 20/11/2026?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Xóa' }));

    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/classes`));
    expect((await getDb().classes.get(session.id))?.deletedAt).toBeDefined();
    expect(await screen.findByText('Chưa có buổi học nào ở thôn này. Bấm “Thêm buổi học” để bắt đầu.'));

    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(async () => expect((await getDb().classes.get(session.id))?.deletedAt).toBeUndefined());
    expect(await screen.findByTestId('class-list')).toHaveTextContent('Thanh toán không dùng tiền mặt');
  });
});

describe('class list', () => {
  it('lists classes newest first with their attendees and the village totals', async () => {
    const household = await householdRepository.create(VILLAGE_ID, householdInput());
    const lan = await residentRepository.create(VILLAGE_ID, residentInput(household.id));
    const tam = await residentRepository.create(
      VILLAGE_ID,
      residentInput(household.id, { name: 'Nông Văn Tâm' }),
    );
    const older = await classRepository.create(VILLAGE_ID, classInput({ date: '2026-11-02', walkIns: 3 }));
    const newer = await classRepository.create(
      VILLAGE_ID,
      classInput({ date: '2026-11-19', topic: 'online_safety', audience: 'elderly', venue: 'Nhà ông Tâm' }),
    );
    await classRepository.setPresent(older.id, lan.id, true);
    await classRepository.setPresent(older.id, tam.id, true);
    await classRepository.setPresent(newer.id, lan.id, true);
    await classRepository.setPresent(newer.id, tam.id, true);
    await classRepository.setPresent(newer.id, tam.id, false);
    const gone = await classRepository.create(VILLAGE_ID, classInput({ date: '2026-11-25' }));
    await classRepository.remove(gone.id);

    // As if synced: the newer class and its ticks reached the server; of the older one only the
    // class row did, so its unsynced attendance still marks it.
    const newerRows = [
      newer.id,
      ...(await getDb().attendance.where('classId').equals(newer.id).primaryKeys()),
    ];
    await getDb()
      .outbox.where('rowId')
      .anyOf([...newerRows, older.id])
      .delete();

    renderAt(`/v/${VILLAGE_ID}/classes`);
    const list = await screen.findByTestId('class-list');
    const items = within(list).getAllByRole('link');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('19/11/2026');
    expect(items[0]).toHaveTextContent('An toàn trên mạng (nhận biết lừa đảo)');
    expect(items[0]).toHaveTextContent('Người cao tuổi · Nhà ông Tâm');
    expect(items[0]).toHaveTextContent('1 người');
    expect(items[0]).not.toHaveTextContent('Chưa đồng bộ');
    expect(items[1]).toHaveTextContent('02/11/2026');
    expect(items[1]).toHaveTextContent('2 người + 3 vãng lai');
    expect(items[1]).toHaveTextContent('Chưa đồng bộ');
    expect(screen.getByTestId('class-totals')).toHaveTextContent('Đã tổ chức 2 buổi · 6 lượt người tham gia');
    expect(screen.getByRole('link', { name: '+ Thêm buổi học' })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/classes/new`,
    );
  });
});
