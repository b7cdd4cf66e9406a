/**
 * Issue 15, kind 7 and the slips a tester found after it: each screen says what it means to the
 * person reading it — a refusal under the label the form shows, a missing size as missing, no
 * stray dot, no profile link for a person the screen just said cannot have steps recorded, and an
 * empty village list that says who can give a village.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { VisitSaved } from '../../src/app/features/visits/VisitSaved';
import { householdInput, putVillage, residentInput, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const USER = '0191f5a0-0000-7000-8000-0000000000aa';

async function newHousehold(extra: Parameters<typeof householdInput>[0] = {}) {
  signIn({ id: USER });
  await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
  return householdRepository.create(VILLAGE_ID, householdInput(extra));
}

describe('words that say what they mean (issue 15)', () => {
  it('a refused name without consent is told under "Tên gọi", the label the form shows', async () => {
    const h = await newHousehold();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/${h.id}/r/new`);
    await user.type(await screen.findByLabelText('Tên gọi (không cần họ tên đầy đủ)'), 'Bà 001203004567');
    await user.type(screen.getByLabelText('Năm sinh'), '1941');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() =>
      expect(document.body).toHaveTextContent(
        /Tên gọi \(không cần họ tên đầy đủ\): Không được ghi số căn cước/,
      ),
    );
    expect(document.body).not.toHaveTextContent('Họ và tên');
    expect(await getDb().residents.count()).toBe(0);
  });

  it('an empty household size is missing, not "not a whole number"', async () => {
    signIn({ id: USER });
    await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Lò Văn Pằng');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(document.body).toHaveTextContent('Số nhân khẩu: Vui lòng nhập mục này.'));
    await user.clear(screen.getByLabelText(/^Số nhân khẩu/));
    await user.type(screen.getByLabelText(/^Số nhân khẩu/), '3 người');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() =>
      expect(document.body).toHaveTextContent('Số nhân khẩu: Vui lòng nhập một số nguyên.'),
    );
    expect(await getDb().households.count()).toBe(0);
  });

  it('a household without lane or address shows its size without a stray dot', async () => {
    const h = await newHousehold({ lane: undefined, address: undefined, membersCount: 2 });
    renderAt(`/v/${VILLAGE_ID}`);
    const row = (await screen.findByText(h.label)).closest('a');
    if (!row) throw new Error('no row');
    expect(within(row).getByText('2 người').textContent).toBe('2 người');
  });

  it('after a met visit, profile links only for people whose steps can be recorded', async () => {
    const h = await newHousehold();
    const adult = await residentRepository.create(VILLAGE_ID, residentInput(h.id, { name: 'Lò Thị Xuân' }));
    const child = await residentRepository.create(
      VILLAGE_ID,
      residentInput(h.id, {
        name: 'Bé Na',
        birthYear: 2019,
        consent: undefined,
        sex: undefined,
        hasChipId: undefined,
      }),
    );
    const residents = await getDb().residents.toArray();
    render(
      <VisitSaved
        villageId={VILLAGE_ID}
        visit={{
          id: '0191f5a0-0000-7000-8000-0000000000f1',
          villageId: VILLAGE_ID,
          householdId: h.id,
          visitedAt: '2026-11-25T08:00:00.000Z',
          outcome: 'met',
          residentIds: [adult.id, child.id],
          topics: ['cashless_payment'],
          members: ['Tổ viên A'],
          createdAt: '2026-11-25T08:00:00.000Z',
          updatedAt: '2026-11-25T08:00:00.000Z',
        }}
        residents={residents}
        fromRound={false}
        onUndo={async () => {}}
      />,
    );
    expect(await screen.findByText(/Không ghi được cho Bé Na/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Lò Thị Xuân/ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Bé Na/ })).not.toBeInTheDocument();
  });

  it('an empty village list says who can give a village, by role', async () => {
    signIn({ id: USER, role: 'commune' });
    const { unmount } = renderAt('/');
    expect(
      await screen.findByText(/Xã chưa có thôn nào\. Vào Quản trị → Các thôn → Thêm thôn/),
    ).toBeInTheDocument();
    unmount();
    signIn({ id: USER, role: 'member' });
    renderAt('/');
    expect(await screen.findByText(/Tài khoản của bạn chưa được giao thôn nào/)).toBeInTheDocument();
  });
});
