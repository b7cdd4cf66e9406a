import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { householdInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

async function newHousehold() {
  return householdRepository.create(VILLAGE_ID, householdInput());
}

describe('resident form and consent', () => {
  it('starts with every consent purpose unticked and asks only for a label and birth year', async () => {
    const h = await newHousehold();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/r/new`);
    expect(await screen.findByText('Chưa có đồng ý: chỉ lưu tên gọi và năm sinh.')).toBeInTheDocument();
    for (const box of screen.getAllByRole('checkbox')) expect(box).not.toBeChecked();
    expect(screen.getByLabelText('Tên gọi (không cần họ tên đầy đủ)')).toBeInTheDocument();
    expect(screen.queryByLabelText('Có căn cước gắn chip')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Giới tính')).not.toBeInTheDocument();
  });

  it('without consent saves only the label and birth year', async () => {
    const h = await newHousehold();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/r/new`);
    await user.type(await screen.findByLabelText('Tên gọi (không cần họ tên đầy đủ)'), 'Cụ bà');
    await user.type(screen.getByLabelText('Năm sinh'), '1941');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await getDb().residents.count()).toBe(1));
    const [row] = await getDb().residents.toArray();
    const {
      id: _i,
      villageId: _v,
      householdId: _h,
      createdAt: _c,
      updatedAt: _u,
      search: _s,
      clocks: _k,
      ...kept
    } = row ?? ({} as never);
    expect(kept).toEqual({ name: 'Cụ bà', birthYear: 1941, groups: [] });
  });

  it('with consent records the purposes, who asked and when, and shows the other fields', async () => {
    const h = await newHousehold();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/r/new`);
    await user.click(await screen.findByLabelText(/Hướng dẫn, hỗ trợ kỹ năng số/));
    await user.click(screen.getByLabelText('Liên hệ qua số điện thoại'));
    await user.type(screen.getByLabelText('Người ghi nhận đồng ý'), 'Lâm Thu Hà');
    await user.type(screen.getByLabelText('Họ và tên'), 'Ma Văn Quyết');
    await user.type(screen.getByLabelText('Năm sinh'), '1990');
    await user.click(screen.getByLabelText('Có căn cước gắn chip'));
    await user.type(screen.getByLabelText('Số điện thoại'), '0987 654 321');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await getDb().residents.count()).toBe(1));
    const [row] = await getDb().residents.toArray();
    expect(row?.consent).toMatchObject({
      purposes: ['skills_support', 'phone_contact'],
      collectedBy: 'Lâm Thu Hà',
    });
    expect(row?.hasChipId).toBe(true);
    expect(row?.phone).toBe('0987654321');
  });

  it('an impossible birth year is refused with a Vietnamese message', async () => {
    const h = await newHousehold();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/r/new`);
    await user.type(await screen.findByLabelText('Tên gọi (không cần họ tên đầy đủ)'), 'Cháu');
    await user.type(screen.getByLabelText('Năm sinh'), '3020');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Năm sinh không hợp lệ (ví dụ 1958).')).toBeInTheDocument();
    expect(await getDb().residents.count()).toBe(0);
  });
});
