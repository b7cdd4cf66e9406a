/**
 * Reporting units, their quarter figures, the activity log and unit accounts (issue 19 items 1–2):
 * a unit is a commune row; a school's Q4/2025 figures are one row under the unit's own scope with the
 * derived id, and a second save sends only what changed; a "meeting" count above its headcount is
 * refused with nothing stored; an empty box stays absent (never 0); a unit's account sees its own unit
 * only; activities are logged and deleted in a village's scope; a unit's account is created with its
 * unit as its one scope.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activityRepository } from '../../src/app/db/activity-repository';
import { getDb } from '../../src/app/db/database';
import { ReportingWriteForbiddenError } from '../../src/app/db/reporting-access';
import { ValidationError } from '../../src/app/db/repository-errors';
import { unitRepository } from '../../src/app/db/unit-repository';
import { accountSwitch, adoptAccount } from '../../src/app/sync/account';
import { unitFiguresId } from '../../src/core/ids';
import type { ReportingUnitFields } from '../../src/core/schemas';
import { COMMUNE_OFFICE_ID, COMMUNE_VILLAGE_ID } from '../../src/core/sync/scope';
import { putVillage, sessionFor, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const OFFICER = { id: '0191f5a0-0000-7000-8000-0000000000aa', role: 'commune' as const, villageIds: [] };
const MEETING_ERROR = 'Số đạt chuẩn không được lớn hơn tổng số.';

const school: ReportingUnitFields = { name: 'Trường THCS Nà Pài', kind: 'school', codes: ['b'] };
const coop: ReportingUnitFields = { name: 'Hợp tác xã chè Tân Lập', kind: 'cooperative', codes: ['dd'] };

/** Units added by an officer, with the outbox emptied so a test sees only its own changes. */
async function addUnits(...units: ReportingUnitFields[]): Promise<string[]> {
  signIn({ ...OFFICER, displayName: 'Cán bộ Xã' });
  const ids: string[] = [];
  for (const u of units) ids.push((await unitRepository.create(u)).id);
  await getDb().outbox.clear();
  return ids;
}

async function chooseQuarter(user: ReturnType<typeof userEvent.setup>, quarter: string, year: string) {
  await user.selectOptions(await screen.findByLabelText('Quý'), quarter);
  await user.selectOptions(screen.getByLabelText('Năm'), year);
}

function pair(total: string) {
  return within(screen.getByTestId(`pair-${total}`));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('reporting units', () => {
  it('lets an officer add a school: a commune row with the indicator of its kind ticked', async () => {
    signIn(OFFICER);
    const user = userEvent.setup();
    renderAt('/units');
    await user.click(await screen.findByRole('button', { name: '+ Thêm đơn vị' }));
    await user.type(screen.getByLabelText('Tên đơn vị'), 'Trường THCS Nà Pài');
    await user.selectOptions(screen.getByLabelText('Loại đơn vị'), 'school');
    expect(screen.getByLabelText('b – Học sinh')).toBeChecked();
    expect(screen.getByLabelText('a – Cán bộ, công chức, viên chức')).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const list = await screen.findByTestId('unit-list');
    const link = await within(list).findByRole('link', { name: /Trường THCS Nà Pài/ });
    expect(link).toHaveTextContent('Trường học · Chỉ tiêu: b');
    const [unit] = await getDb().reportingUnits.toArray();
    expect(unit).toMatchObject({ villageId: COMMUNE_VILLAGE_ID, kind: 'school', codes: ['b'] });
    expect(link).toHaveAttribute('href', `/units/${unit?.id}`);
    const [entry] = await getDb().outbox.toArray();
    expect(entry).toMatchObject({ table: 'reportingUnits', villageId: COMMUNE_VILLAGE_ID, rowId: unit?.id });
  });

  it('offers a member no way to change the list, and refuses its write', async () => {
    await addUnits(school);
    signIn({ id: 'member-1', role: 'member' });
    renderAt('/units');
    expect(await screen.findByText('Trường THCS Nà Pài')).toBeInTheDocument();
    expect(screen.getByText('Chỉ cán bộ xã được thêm, sửa, xóa đơn vị.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Thêm đơn vị|Sửa đơn vị/ })).not.toBeInTheDocument();
    await expect(unitRepository.create(coop)).rejects.toBeInstanceOf(ReportingWriteForbiddenError);
    expect(await getDb().outbox.count()).toBe(0);
  });
});

describe('a unit’s quarter', () => {
  it('stores a school’s Q4/2025 figures under the unit’s scope and id; a second save sends only what changed', async () => {
    const [schoolId = ''] = await addUnits(school);
    const user = userEvent.setup();
    renderAt(`/units/${schoolId}`);
    await chooseQuarter(user, '4', '2025');
    expect(await screen.findByRole('heading', { name: 'Số liệu Quý 4/2025' })).toBeInTheDocument();
    expect(screen.getByTestId('entered-line')).toHaveTextContent('Quý này đơn vị chưa báo cáo số liệu.');
    // A school feeds b: students by level, no staff or workers pair.
    expect(screen.queryByTestId('pair-staff')).not.toBeInTheDocument();
    await user.type(pair('lowerSecondary').getByLabelText('Tổng số (người)'), '420');
    await user.type(pair('lowerSecondary').getByLabelText('Đạt chuẩn kỹ năng số (người)'), '380');
    await user.type(screen.getByLabelText('Số lớp tập huấn, bồi dưỡng kỹ năng số đã tổ chức trong quý'), '3');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() =>
      expect(screen.getByTestId('entered-line')).toHaveTextContent('Nhập lần cuối: Cán bộ Xã'),
    );
    const id = unitFiguresId(schoolId, '2025-Q4');
    const row = await getDb().unitFigures.get(id);
    expect(row).toMatchObject({
      villageId: schoolId,
      unitId: schoolId,
      period: '2025-Q4',
      lowerSecondary: 420,
      lowerSecondaryMeeting: 380,
      trainings: 3,
      enteredBy: 'Cán bộ Xã',
    });
    // Empty boxes are "not reported": absent from the row and the change, never 0.
    expect(row).not.toHaveProperty('primary');
    expect(row).not.toHaveProperty('upperSecondaryMeeting');
    expect(pair('primary').getByLabelText('Tổng số (người)')).toHaveValue('');
    const [first] = await getDb().outbox.toArray();
    expect(first).toMatchObject({ table: 'unitFigures', rowId: id, villageId: schoolId });
    expect(Object.keys(first?.fields ?? {})).not.toContain('primary');

    const meeting = pair('lowerSecondary').getByLabelText('Đạt chuẩn kỹ năng số (người)');
    await user.clear(meeting);
    await user.type(meeting, '400');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(async () => expect(await getDb().outbox.count()).toBe(2));
    const [, second] = await getDb().outbox.orderBy('seq').toArray();
    expect(Object.keys(second?.fields ?? {}).sort()).toEqual(['enteredAt', 'lowerSecondaryMeeting']);
    expect(second?.fields.lowerSecondaryMeeting).toBe(400);
  });

  it('refuses "meeting the standard" above the headcount beside the field, and stores nothing', async () => {
    const [schoolId = ''] = await addUnits(school);
    const user = userEvent.setup();
    renderAt(`/units/${schoolId}`);
    await chooseQuarter(user, '4', '2025');
    await user.type(pair('upperSecondary').getByLabelText('Tổng số (người)'), '100');
    const meeting = pair('upperSecondary').getByLabelText('Đạt chuẩn kỹ năng số (người)');
    await user.type(meeting, '120');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await pair('upperSecondary').findByText(MEETING_ERROR)).toBeInTheDocument();
    expect(meeting).toHaveAttribute('aria-invalid', 'true');
    expect(await getDb().unitFigures.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
    // The repository keeps the rule for any caller.
    const refused = unitRepository.saveFigures(schoolId, '2025-Q4', {
      upperSecondary: 100,
      upperSecondaryMeeting: 120,
    });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      fields: { upperSecondaryMeeting: 'err.meetingAboveTotal' },
    });
    expect(await getDb().unitFigures.count()).toBe(0);
  });

  it('merges by field: an officer’s edit keeps the unit’s figure that arrived after the form opened', async () => {
    const [coopId = ''] = await addUnits(coop);
    const opened = await unitRepository.figures(coopId, '2025-Q4');
    await unitRepository.saveFigures(coopId, '2025-Q4', { workers: 60 });
    const seen = await unitRepository.figures(coopId, '2025-Q4');
    // Meanwhile the cooperative's account adds its trainings on another phone (arrives by sync here).
    signIn({ id: 'unit-acct', role: 'unit', villageIds: [coopId], displayName: 'HTX Tân Lập' });
    await unitRepository.saveFigures(coopId, '2025-Q4', { workers: 60, trainings: 2 }, seen);
    signIn({ ...OFFICER, displayName: 'Cán bộ Xã' });
    await unitRepository.saveFigures(coopId, '2025-Q4', { workers: 60, workersMeeting: 41 }, seen);
    expect(opened).toBeUndefined();
    expect(await unitRepository.figures(coopId, '2025-Q4')).toMatchObject({
      workers: 60,
      workersMeeting: 41,
      trainings: 2,
      enteredBy: 'Cán bộ Xã',
    });
  });
});

describe('a unit’s account', () => {
  it('is taken home to its own unit, sees only that unit, and may write its figures only', async () => {
    const [schoolId = '', coopId = ''] = await addUnits(school, coop);
    signIn({ id: 'unit-acct', role: 'unit', villageIds: [schoolId], displayName: 'Trường THCS Nà Pài' });

    const home = renderAt('/');
    expect(await screen.findByRole('heading', { name: 'Trường THCS Nà Pài' })).toBeInTheDocument();
    expect(home.location.history?.at(-1)).toBe(`/units/${schoolId}`);
    // Its tab names its unit, not villages it does not have.
    expect(screen.getByRole('link', { name: 'Đơn vị' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('link', { name: 'Các thôn' })).toBeNull();
    home.unmount();

    const list = renderAt('/units');
    const units = await screen.findByTestId('unit-list');
    expect(within(units).getAllByRole('listitem')).toHaveLength(1);
    expect(units).toHaveTextContent('Trường THCS Nà Pài');
    expect(units).not.toHaveTextContent('Hợp tác xã');
    list.unmount();

    renderAt(`/units/${coopId}`);
    expect(
      await screen.findByText('Tài khoản này không xem được số liệu của đơn vị này.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Lưu' })).not.toBeInTheDocument();
    await expect(unitRepository.saveFigures(coopId, '2025-Q4', { workers: 5 })).rejects.toBeInstanceOf(
      ReportingWriteForbiddenError,
    );
    await unitRepository.saveFigures(schoolId, '2025-Q4', { primary: 310 });
    expect(await getDb().outbox.count()).toBe(1);
  });
  it('may take over figures an officer left unsent on a shared phone (the role’s rule, not a team’s)', async () => {
    const [schoolId = ''] = await addUnits(school);
    await adoptAccount(sessionFor({ ...OFFICER, displayName: 'Cán bộ Xã' }));
    await unitRepository.saveFigures(schoolId, '2025-Q4', { primary: 310, primaryMeeting: 200 });
    const unitAccount = sessionFor({ id: 'unit-acct', role: 'unit', villageIds: [schoolId] }).user;
    expect(await accountSwitch(unitAccount)).toMatchObject({ pending: 1, transferable: 1 });
  });
});

describe('the activity log', () => {
  it('adds and deletes an activity in a village’s scope, as its team', async () => {
    await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
    signIn({ id: 'member-1', role: 'member', villageIds: [VILLAGE_ID], displayName: 'Hoàng Thị Lan' });
    const user = userEvent.setup();
    renderAt(`/activities/${VILLAGE_ID}`);
    await user.click(await screen.findByRole('button', { name: '+ Thêm hoạt động' }));
    await user.clear(screen.getByLabelText('Ngày'));
    await user.type(screen.getByLabelText('Ngày'), '2025-11-20');
    await user.selectOptions(screen.getByLabelText('Loại hoạt động'), 'Phát thanh trên loa truyền thanh');
    await user.type(screen.getByLabelText('Tên hoạt động, nội dung'), 'Hướng dẫn cài VNeID');
    await user.type(screen.getByLabelText('Số người tham dự / lượt nghe'), '350');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const list = await screen.findByTestId('activity-list');
    expect(list).toHaveTextContent('Phát thanh trên loa truyền thanh');
    expect(list).toHaveTextContent('350 người tham dự / lượt nghe');
    expect(screen.getByTestId('activity-totals')).toHaveTextContent('1 hoạt động · 350 người');
    const [row] = await getDb().activities.toArray();
    expect(row).toMatchObject({
      villageId: VILLAGE_ID,
      date: '2025-11-20',
      kind: 'loudspeaker',
      reach: 350,
      recordedBy: 'Hoàng Thị Lan',
    });
    expect((await getDb().outbox.toArray()).map((e) => [e.table, e.villageId])).toEqual([
      ['activities', VILLAGE_ID],
    ]);

    await user.click(screen.getByRole('button', { name: 'Xóa hoạt động ngày 20/11/2025' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Xóa hoạt động "Phát thanh trên loa truyền thanh" ngày 20/11/2025?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Xóa' }));
    expect(await screen.findByText('Chưa ghi hoạt động nào.')).toBeInTheDocument();
    expect((await getDb().activities.get(row?.id ?? ''))?.deletedAt).toBeDefined();
    expect(await activityRepository.forScope(VILLAGE_ID)).toHaveLength(0);
  });

  it('keeps the commune office’s log to commune officers', async () => {
    signIn({ id: 'member-1', role: 'member', villageIds: [VILLAGE_ID] });
    renderAt(`/activities/${COMMUNE_OFFICE_ID}`);
    expect(await screen.findByText('Tài khoản này không xem được hoạt động ở đây.')).toBeInTheDocument();
    await expect(
      activityRepository.add(COMMUNE_OFFICE_ID, { date: '2025-10-10', kind: 'digital_day' }),
    ).rejects.toBeInstanceOf(ReportingWriteForbiddenError);
    signIn(OFFICER);
    await activityRepository.add(COMMUNE_OFFICE_ID, { date: '2025-10-10', kind: 'digital_day', reach: 500 });
    expect((await getDb().activities.toArray())[0]?.villageId).toBe(COMMUNE_OFFICE_ID);
  });
});

describe('unit accounts in the user form', () => {
  it('creates an account of role unit whose one scope is the chosen unit', async () => {
    const [schoolId = ''] = await addUnits(school, coop);
    await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
    const posts: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
        if (init?.method === 'POST') {
          posts.push(body);
          return Response.json(
            {
              ...body,
              id: '0191f5a0-0000-7000-8000-0000000000c1',
              disabled: false,
              lockedUntil: null,
              createdAt: '2026-01-05T08:00:00.000Z',
              updatedAt: '2026-01-05T08:00:00.000Z',
            },
            { status: 201 },
          );
        }
        return String(input) === '/api/admin/users'
          ? Response.json({ users: [] })
          : Response.json({ error: { code: 'not_found' } }, { status: 404 });
      }),
    );
    signIn(OFFICER);
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: /Thêm tài khoản/ }));
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'thcs.napai');
    await user.type(screen.getByLabelText('Mật khẩu (ít nhất 8 ký tự)'), 'mat-khau-9');
    await user.type(screen.getByLabelText('Họ và tên'), 'Trường THCS Nà Pài');
    await user.selectOptions(screen.getByLabelText('Vai trò'), 'unit');
    // A unit, not villages: exactly one, from the units on this phone.
    expect(screen.queryByLabelText('Thôn Nà Pài')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Chọn đơn vị của tài khoản.')).toBeInTheDocument();
    expect(posts).toHaveLength(0);
    await user.click(screen.getByLabelText('Trường THCS Nà Pài'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const list = await screen.findByTestId('admin-user-list');
    expect(list).toHaveTextContent('Đơn vị: Trường THCS Nà Pài');
    expect(posts).toEqual([
      {
        username: 'thcs.napai',
        displayName: 'Trường THCS Nà Pài',
        password: 'mat-khau-9',
        role: 'unit',
        villageIds: [schoolId],
      },
    ]);
  });
});
