import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { householdInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

describe('household form', () => {
  it('shows Vietnamese messages beside invalid fields and saves nothing', async () => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Số nhân khẩu'), 'bốn');
    await user.type(screen.getByLabelText('Ghi chú'), 'CCCD 001203004567');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText('Vui lòng nhập mục này.')).toBeInTheDocument();
    expect(screen.getByText('Vui lòng nhập một số nguyên.')).toBeInTheDocument();
    expect(screen.getByText(/^Không được ghi số căn cước/)).toBeInTheDocument();
    expect(screen.getByTestId('form-errors')).toHaveTextContent('Ghi chú: Không được ghi số căn cước');
    expect(screen.getByLabelText('Tên chủ hộ')).toHaveAttribute('aria-invalid', 'true');
    expect(await getDb().households.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('saves a valid household with its outbox entry and opens it', async () => {
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Triệu Văn Sơn');
    await user.type(screen.getByLabelText('Ngõ / xóm'), 'Xóm Pác Nặm');
    await user.type(screen.getByLabelText('Số nhân khẩu'), '5');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() =>
      expect(location.history?.at(-1)).toMatch(new RegExp(`^/v/${VILLAGE_ID}/h/[0-9a-f-]{36}$`)),
    );
    const rows = await getDb().households.toArray();
    expect(rows.map((h) => [h.label, h.lane, h.membersCount])).toEqual([['Triệu Văn Sơn', 'Xóm Pác Nặm', 5]]);
    expect(await getDb().outbox.count()).toBe(1);
  });

  it('records ethnic-minority status only after the consent box is ticked', async () => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await screen.findByLabelText('Tên chủ hộ');
    expect(screen.queryByLabelText('Hộ đồng bào dân tộc thiểu số')).not.toBeInTheDocument();
    const consent = screen.getByLabelText('Hộ đồng ý cho ghi nhận thông tin dân tộc');
    expect(consent).not.toBeChecked();
    await user.click(consent);
    await user.click(screen.getByLabelText('Hộ đồng bào dân tộc thiểu số'));
    await user.type(screen.getByLabelText('Tên chủ hộ'), 'Bế Văn Khải');
    await user.type(screen.getByLabelText('Số nhân khẩu'), '3');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await getDb().households.count()).toBe(1));
    const [row] = await getDb().households.toArray();
    expect(row?.ethnicMinority).toBe(true);
    expect(row?.ethnicMinorityConsentAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('household list search', () => {
  it('finds households ignoring case and diacritics, including by a resident name', async () => {
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Nguyễn Văn Đức', lane: 'Xóm 1' }));
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hoàng Thị Mai', lane: 'Xóm 2' }));
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Đặng Văn Lợi', lane: 'Xóm 2' }));
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}`);
    const list = await screen.findByTestId('household-list');
    expect(list.querySelectorAll('a')).toHaveLength(3);

    await user.type(screen.getByLabelText('Tìm hộ hoặc người'), 'nguyen van');
    await waitFor(() => expect(screen.getByTestId('household-list').querySelectorAll('a')).toHaveLength(1));
    expect(screen.getByText('Nguyễn Văn Đức')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Tìm hộ hoặc người'));
    await user.type(screen.getByLabelText('Tìm hộ hoặc người'), 'd');
    await waitFor(() => expect(screen.getByTestId('household-list').querySelectorAll('a')).toHaveLength(2));

    await user.clear(screen.getByLabelText('Tìm hộ hoặc người'));
    await user.type(screen.getByLabelText('Tìm hộ hoặc người'), 'khong co ai');
    expect(await screen.findByText(/Không tìm thấy hộ nào/)).toBeInTheDocument();
  });
});

describe('links with upper-case ids (issue 13, kind 1)', () => {
  it('open the household under its canonical lower-case id', async () => {
    const household = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hà Văn Quý' }));
    const { location } = renderAt(`/v/${VILLAGE_ID.toUpperCase()}/h/${household.id.toUpperCase()}`);
    expect(await screen.findByRole('heading', { name: 'Hà Văn Quý' })).toBeInTheDocument();
    expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${household.id}`);
  });
});

describe('household list lanes (issue 13, kind 7)', () => {
  it('shows one lane heading for a lane typed composed on one phone and decomposed on another', async () => {
    const lane = 'Xóm Nà Pài';
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ A', lane }));
    // A row as a phone stored it before text was normalised (written straight, as a pull would).
    const b = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ B', lane }));
    await getDb().households.update(b.id, { lane: lane.normalize('NFD') });
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ C', lane: 'Xóm Bản' }));
    const { container } = renderAt(`/v/${VILLAGE_ID}`);
    await screen.findByText('Hộ B');
    const headings = [...container.querySelectorAll('.lane-header')].map((e) => e.textContent);
    expect(headings).toHaveLength(2);
    expect(headings.map((h) => h?.normalize('NFC'))).toEqual(['Xóm Bản', lane]);
  });
});
