import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classRepository } from '../../src/app/db/class-repository';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { useSettings } from '../../src/app/state/settings-store';
import type { ClassSession, ResidentFields } from '../../src/core/schemas';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

beforeEach(() => useSettings.setState({ memberName: 'Lục Văn Bình' }));
afterEach(() => useSettings.setState({ memberName: '' }));

const NO_CONSENT: Partial<ResidentFields> = { consent: undefined, sex: undefined, hasChipId: undefined };

async function seed() {
  const tam = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Nông Văn Tâm' }));
  const son = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Triệu Văn Sơn' }));
  const lan = await residentRepository.create(VILLAGE_ID, residentInput(tam.id));
  const lanYoung = await residentRepository.create(
    VILLAGE_ID,
    residentInput(son.id, { name: 'Hoàng Thị Lan', birthYear: 1990 }),
  );
  const duc = await residentRepository.create(
    VILLAGE_ID,
    residentInput(son.id, { name: 'Triệu Văn Đức', birthYear: 1962, ...NO_CONSENT }),
  );
  const mai = await residentRepository.create(
    VILLAGE_ID,
    residentInput(son.id, {
      name: 'Triệu Thị Mai',
      birthYear: 1970,
      consent: {
        purposes: ['progress_report'],
        collectedBy: 'Tổ viên A',
        collectedAt: '2026-11-20T08:00:00.000Z',
      },
    }),
  );
  const session = await classRepository.create(VILLAGE_ID, {
    date: '2026-11-25',
    startTime: '08:00',
    topic: 'online_safety',
    audience: 'elderly',
    venue: 'Nhà văn hóa thôn',
    trainer: 'Tổ viên A',
    walkIns: 0,
  });
  return { lan, lanYoung, duc, mai, session };
}

function presentRows(session: ClassSession) {
  return getDb()
    .attendance.where('classId')
    .equals(session.id)
    .filter((a) => !a.deletedAt)
    .toArray();
}

describe('attendance', () => {
  it('marks a resident present with one tap, then clears the search and keeps focus in it', async () => {
    const { lan, session } = await seed();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/classes/${session.id}`);
    expect(await screen.findByRole('heading', { name: 'Điểm danh: An toàn trên mạng (nhận biết lừa đảo)' }));
    expect(screen.getByText('25/11/2026 lúc 08:00 · Tại Nhà văn hóa thôn')).toBeInTheDocument();

    const search = screen.getByLabelText('Tìm tên người dân để điểm danh');
    await user.type(search, 'lan 1956');
    const results = await screen.findByTestId('attendee-results');
    const row = within(results).getByRole('button', { name: /Hoàng Thị Lan/ });
    expect(row).toHaveTextContent('Sinh năm 1956 · Hộ Nông Văn Tâm');
    const focus = vi.spyOn(search, 'focus');
    await user.click(row);

    expect(search).toHaveValue('');
    expect(search).toHaveFocus();
    // Focus goes back without scrolling the page to the box (issue 15, kind 1).
    expect(focus).toHaveBeenCalledWith({ preventScroll: true });
    await waitFor(async () =>
      expect((await presentRows(session)).map((a) => a.residentId)).toEqual([lan.id]),
    );
    expect(await screen.findByTestId('attendance-count')).toHaveTextContent('1 người');
    expect(screen.getByTestId('present-list')).toHaveTextContent('Hoàng Thị LanSinh năm 1956');
    expect(screen.getByText('Đã điểm danh Hoàng Thị Lan.')).toHaveAttribute('role', 'status');
  });

  it('tells namesakes apart by household and birth year, and Enter picks a single match', async () => {
    const { lanYoung, session } = await seed();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/classes/${session.id}`);
    const search = await screen.findByLabelText('Tìm tên người dân để điểm danh');
    await user.type(search, 'hoang thi lan');
    const results = await screen.findByTestId('attendee-results');
    expect(
      within(results)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      'Hoàng Thị LanSinh năm 1956 · Hộ Nông Văn Tâm',
      'Hoàng Thị LanSinh năm 1990 · Hộ Triệu Văn Sơn',
    ]);
    await user.type(search, ' 1990{Enter}');
    await waitFor(async () =>
      expect((await presentRows(session)).map((a) => a.residentId)).toEqual([lanYoung.id]),
    );
    expect(search).toHaveValue('');
  });

  it('does not count a person twice: a second tap asks, and only confirming unmarks', async () => {
    const { session } = await seed();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/classes/${session.id}`);
    const search = await screen.findByLabelText('Tìm tên người dân để điểm danh');
    await user.type(search, 'lan 1956');
    await user.click(within(await screen.findByTestId('attendee-results')).getByRole('button'));
    await waitFor(async () => expect(await presentRows(session)).toHaveLength(1));

    await user.type(search, 'lan 1956');
    const again = within(await screen.findByTestId('attendee-results')).getByRole('button');
    await waitFor(() => expect(again).toHaveTextContent('Có mặt ✓'));
    await user.click(again);
    const dialog = await screen.findByRole('dialog', { name: 'Bỏ điểm danh Hoàng Thị Lan?' });
    await user.click(within(dialog).getByRole('button', { name: 'Hủy' }));
    expect(await getDb().attendance.count()).toBe(1);
    expect(
      await getDb()
        .outbox.where('rowId')
        .equals((await presentRows(session))[0]?.id ?? '')
        .count(),
    ).toBe(1);
    expect(screen.getByTestId('attendance-count')).toHaveTextContent('1 người');

    await user.click(again);
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Bỏ điểm danh Hoàng Thị Lan?' })).getByRole('button', {
        name: 'Bỏ điểm danh',
      }),
    );
    await waitFor(async () => expect(await presentRows(session)).toHaveLength(0));
    expect(await screen.findByText('Chưa điểm danh ai.')).toBeInTheDocument();
    expect(search).toHaveValue('');
  });

  it('removes a person from the present list, with Hoàn tác', async () => {
    const { lan, mai, session } = await seed();
    await classRepository.setPresent(session.id, lan.id, true);
    await classRepository.setPresent(session.id, mai.id, true);
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/classes/${session.id}`);
    await user.click(await screen.findByRole('button', { name: 'Bỏ điểm danh Triệu Thị Mai' }));
    await waitFor(async () =>
      expect((await presentRows(session)).map((a) => a.residentId)).toEqual([lan.id]),
    );
    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(async () => expect(await presentRows(session)).toHaveLength(2));
    expect(await screen.findByText('Người có mặt (2)')).toBeInTheDocument();
  });

  it('counts walk-ins with − / + and by typing, saving each change', async () => {
    const { session } = await seed();
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/classes/${session.id}`);
    const more = await screen.findByRole('button', { name: 'Thêm 1 người vãng lai' });
    const less = screen.getByRole('button', { name: 'Bớt 1 người vãng lai' });
    const count = screen.getByLabelText('Số người vãng lai');
    expect(less).toBeDisabled();
    await user.click(more);
    await user.click(more);
    await user.click(more);
    await user.click(less);
    expect(count).toHaveValue('2');
    await waitFor(async () => expect((await getDb().classes.get(session.id))?.walkIns).toBe(2));
    expect(await screen.findByTestId('attendance-count')).toHaveTextContent('0 người + 2 vãng lai');

    await user.clear(count);
    await user.type(count, '12{Enter}');
    await waitFor(async () => expect((await getDb().classes.get(session.id))?.walkIns).toBe(12));

    await user.clear(count);
    await user.type(count, 'mười');
    fireEvent.blur(count);
    expect(await screen.findByText('Vui lòng nhập một số nguyên.')).toBeInTheDocument();
    expect((await getDb().classes.get(session.id))?.walkIns).toBe(12);
  });

  it('records the topic only for attendees whose consent covers skills support, once', async () => {
    const { lan, lanYoung, duc, mai, session } = await seed();
    for (const r of [lan, lanYoung, duc, mai]) await classRepository.setPresent(session.id, r.id, true);
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/classes/${session.id}`);
    const button = await screen.findByRole('button', {
      name: 'Ghi nhận kỹ năng “An toàn trên mạng (nhận biết lừa đảo)” cho người có mặt',
    });
    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Ghi nhận kỹ năng cho người có mặt?' });
    expect(dialog).toHaveTextContent('người ghi: Lục Văn Bình');
    expect(dialog).toHaveTextContent('Người chưa đồng ý sẽ không được ghi.');
    await user.click(within(dialog).getByRole('button', { name: 'Ghi nhận' }));

    // Who was left out is named, not only counted (issue 15, kind 2).
    const done = await screen.findByText(/^Đã ghi cho 2 người; Không ghi cho /);
    expect(done).toHaveTextContent(/Triệu Văn Đức/);
    expect(done).toHaveTextContent(/Triệu Thị Mai/);
    expect(done).toHaveTextContent(/: chưa đồng ý cho tổ hỗ trợ kỹ năng\.$/);
    const assists = await getDb().assists.toArray();
    expect(assists.map((a) => a.residentId).sort()).toEqual([lan.id, lanYoung.id].sort());
    for (const a of assists) {
      expect(a).toMatchObject({
        kind: 'online_safety',
        status: 'done',
        howKnown: 'observed',
        on: '2026-11-25',
        by: 'Lục Văn Bình',
        classId: session.id,
      });
    }

    await user.click(button);
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Ghi nhận kỹ năng cho người có mặt?' })).getByRole(
        'button',
        { name: 'Ghi nhận' },
      ),
    );
    expect(
      await screen.findByText(
        /^Đã ghi cho 0 người; Không ghi cho .+: chưa đồng ý cho tổ hỗ trợ kỹ năng; 2 người đã được ghi từ trước\.$/,
      ),
    ).toBeInTheDocument();
    expect(await getDb().assists.count()).toBe(2);
  });

  it('asks to mark attendance before recording when nobody is present', async () => {
    const { session } = await seed();
    renderAt(`/v/${VILLAGE_ID}/classes/${session.id}`);
    expect(
      await screen.findByText('Điểm danh xong rồi mới ghi nhận kỹ năng cho người có mặt.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Ghi nhận kỹ năng/ })).not.toBeInTheDocument();
  });
});
