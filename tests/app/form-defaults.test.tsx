import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { useSettings } from '../../src/app/state/settings-store';
import { localDay } from '../../src/core/dates';
import { householdInput, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

/**
 * Issue 15, kind 6: what the app knows — the account, the household, the lane, today — is filled in;
 * consent and a person's own data never are (DESIGN §7).
 */

const SHORT_NAME = 'Tên gọi (không cần họ tên đầy đủ)';
const SKILLS_PURPOSE = /Hướng dẫn, hỗ trợ kỹ năng số/;

afterEach(() => useSettings.setState({ memberName: '' }));

function expectNoConsentTicked() {
  const consent = screen.getByRole('group', { name: 'Đồng ý của người dân' });
  for (const box of within(consent).getAllByRole('checkbox')) expect(box).not.toBeChecked();
}

describe('forms filled from the account and the context', () => {
  it('the consent collector is the logged-in account, with no name set on the phone', async () => {
    signIn({ id: 'u-ha', displayName: 'Lâm Thu Hà' });
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/r/new`);
    await user.click(await screen.findByLabelText(SKILLS_PURPOSE));
    expect(screen.getByLabelText('Người ghi nhận đồng ý')).toHaveValue('Lâm Thu Hà');
  });

  it('a name set on the phone wins over the account, and consent itself stays unticked', async () => {
    signIn({ id: 'u-ha', displayName: 'Lâm Thu Hà' });
    useSettings.setState({ memberName: 'Hà (tổ 3)' });
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/r/new`);
    await screen.findByLabelText(SHORT_NAME);
    expectNoConsentTicked();
    await user.click(screen.getByLabelText(SKILLS_PURPOSE));
    expect(screen.getByLabelText('Người ghi nhận đồng ý')).toHaveValue('Hà (tổ 3)');
  });

  it('a class gets today and the logged-in account as trainer', async () => {
    signIn({ id: 'u-binh', displayName: 'Lục Văn Bình' });
    renderAt(`/v/${VILLAGE_ID}/classes/new`);
    expect(await screen.findByLabelText('Ngày học')).toHaveValue(localDay(new Date()));
    expect(screen.getByLabelText('Người hướng dẫn')).toHaveValue('Lục Văn Bình');
  });

  it('"Thêm hộ ở …" on a household opens a new household in the same lane, nothing else copied', async () => {
    const h = await householdRepository.create(
      VILLAGE_ID,
      householdInput({ lane: 'Xóm Pác Nặm', address: 'Số 4', phone: '0912345678', notes: 'Có cháu nhỏ' }),
    );
    const user = userEvent.setup();
    const { location } = renderAt(`/v/${VILLAGE_ID}/h/${h.id}`);
    await user.click(await screen.findByRole('link', { name: '+ Thêm hộ ở Xóm Pác Nặm' }));

    expect(await screen.findByLabelText('Ngõ / xóm')).toHaveValue('Xóm Pác Nặm');
    for (const label of [
      'Tên chủ hộ',
      'Địa chỉ (số nhà, đường)',
      'Số nhân khẩu',
      /^Số điện thoại/,
      'Ghi chú',
    ])
      expect(screen.getByLabelText(label)).toHaveValue('');
    expect(screen.getByLabelText('Hộ đồng ý cho ghi nhận thông tin dân tộc')).not.toBeChecked();

    await user.type(screen.getByLabelText('Tên chủ hộ'), 'Triệu Văn Sơn');
    await user.type(screen.getByLabelText('Số nhân khẩu'), '3');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(location.history?.at(-1)).not.toMatch(/\/h\/new/));
    const saved = (await getDb().households.toArray()).filter((s) => s.label === 'Triệu Văn Sơn');
    expect(saved.map((s) => [s.lane, s.address, s.phone])).toEqual([['Xóm Pác Nặm', undefined, undefined]]);
  });

  it('a household without a lane offers no lane to copy', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ lane: undefined }));
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}`);
    await screen.findByRole('link', { name: '+ Thêm người' });
    expect(screen.queryByRole('link', { name: /Thêm hộ ở/ })).not.toBeInTheDocument();
  });
});

describe('a household entered in one go ("Lưu và thêm người tiếp")', () => {
  it('saves five people with five outbox entries, never pre-ticking consent; 16 taps', async () => {
    signIn({ id: 'u-ha', displayName: 'Lâm Thu Hà' });
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const before = await getDb().outbox.count();
    const user = userEvent.setup();
    let taps = 0;
    const tap = async (element: Element) => {
      taps++;
      await user.click(element);
    };
    const { location } = renderAt(`/v/${VILLAGE_ID}/h/${h.id}`);
    await tap(await screen.findByRole('link', { name: '+ Thêm người' }));

    const people = [
      ['Ma Văn Quyết', '1958'],
      ['Hoàng Thị Lan', '1961'],
      ['Ma Văn Toàn', '1985'],
      ['Lý Thị Mai', '1988'],
      ['Ma Thị Ngọc', '2008'],
    ] as const;
    for (const [i, [name, year]] of people.entries()) {
      // The name field has the focus: the helper types straight away, no tap.
      await waitFor(() => expect(screen.getByLabelText(SHORT_NAME)).toHaveFocus());
      expect(screen.getByLabelText(SHORT_NAME)).toHaveValue('');
      expectNoConsentTicked();
      await user.keyboard(name);
      await tap(screen.getByLabelText(SKILLS_PURPOSE));
      expect(screen.getByLabelText('Người ghi nhận đồng ý')).toHaveValue('Lâm Thu Hà');
      await tap(screen.getByLabelText('Năm sinh'));
      await user.keyboard(year);
      const last = i === people.length - 1;
      await tap(screen.getByRole('button', { name: last ? 'Lưu' : 'Lưu và thêm người tiếp' }));
      if (!last) {
        expect(await screen.findByText(`Đã lưu ${name}. Nhập người tiếp theo.`)).toBeInTheDocument();
        expect(await screen.findByText(`Đã thêm ${i + 1} người`)).toBeInTheDocument();
      }
    }

    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${h.id}`));
    const rows = (await getDb().residents.toArray()).sort((a, b) => a.birthYear - b.birthYear);
    expect(rows.map((r) => [r.name, r.birthYear, r.householdId, r.consent?.collectedBy])).toEqual(
      people.map(([name, year]) => [name, Number(year), h.id, 'Lâm Thu Hà']),
    );
    expect(rows.every((r) => r.consent?.purposes.join() === 'skills_support')).toBe(true);
    expect((await getDb().outbox.count()) - before).toBe(5);
    // One tap to open the form, then per person: consent, birth year, save.
    expect(taps).toBe(1 + people.length * 3);
    // Nothing of anyone is left as a draft to come back.
    expect(await getDb().drafts.count()).toBe(0);
  });

  it('"Hoàn tác" takes the person just saved back out, and the count with it', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/r/new`);
    await user.type(await screen.findByLabelText(SHORT_NAME), 'Cụ Sáu');
    await user.type(screen.getByLabelText('Năm sinh'), '1940');
    await user.click(screen.getByRole('button', { name: 'Lưu và thêm người tiếp' }));
    expect(await screen.findByText('Đã thêm 1 người')).toBeInTheDocument();
    const toast = (await screen.findByText('Đã lưu Cụ Sáu. Nhập người tiếp theo.')).closest('div');
    await user.click(within(toast as HTMLElement).getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(async () => expect((await getDb().residents.toArray())[0]?.deletedAt).toBeDefined());
    await waitFor(() => expect(screen.queryByText('Đã thêm 1 người')).not.toBeInTheDocument());
  });

  it('the person saved never comes back as a draft of the next one', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    const user = userEvent.setup();
    const path = `/v/${VILLAGE_ID}/h/${h.id}/r/new`;
    renderAt(path);
    await user.type(await screen.findByLabelText(SHORT_NAME), 'Ma Văn Quyết');
    await user.type(screen.getByLabelText('Năm sinh'), '1958');
    await user.click(screen.getByRole('button', { name: 'Lưu và thêm người tiếp' }));
    await screen.findByText('Đã thêm 1 người');

    // Left with nothing typed for the next person: reopening shows an empty form.
    cleanup();
    renderAt(path);
    expect(await screen.findByLabelText(SHORT_NAME)).toHaveValue('');
    expect(screen.queryByTestId('draft-restored')).not.toBeInTheDocument();

    // Left halfway through the next person: only that person comes back.
    await user.type(screen.getByLabelText(SHORT_NAME), 'Hoàng Thị Lan');
    await user.type(screen.getByLabelText('Năm sinh'), '1961');
    await user.click(screen.getByRole('button', { name: 'Lưu và thêm người tiếp' }));
    await screen.findByText('Đã thêm 1 người');
    await user.keyboard('Ma Văn Toàn');
    cleanup();
    renderAt(path);
    await screen.findByTestId('draft-restored');
    expect(screen.getByLabelText(SHORT_NAME)).toHaveValue('Ma Văn Toàn');
    expect(screen.getByLabelText('Năm sinh')).toHaveValue('');
  });
});
