/**
 * The quarterly report on the officer's PC (issue 19, items 3–6): the commune's report for Q3 2025
 * composed from the dashboard's hand-made register (tests/fixtures/indicators/fixture-village.ts)
 * and a school's figures, its texts saved field by field, submitted and frozen, corrected as a new
 * version; the dashboard's list of who has not submitted; an export recorded for the audit log while
 * offline. Expected numbers are counted by hand (tests/core/report-compose.test.ts).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { reportRepository } from '../../src/app/db/report-repository';
import { dashboardWorkerApi } from '../../src/app/features/dashboard/dashboard-api';
import { setDashboardWorkerFactoryForTests } from '../../src/app/features/dashboard/dashboard-client';
import { choosePeriod } from '../../src/app/features/dashboard/use-dashboard';
import { recordReportExport } from '../../src/app/features/report/report-export';
import { useCommuneClock } from '../../src/app/state/commune-clock';
import { useSession } from '../../src/app/sync/session';
import { reportId, unitFiguresId } from '../../src/core/ids';
import type { QuarterReport } from '../../src/core/report/types';
import { COMMUNE_OFFICE_ID, COMMUNE_VILLAGE_ID } from '../../src/core/sync/scope';
import { signIn } from './fixtures';
import { STAMP, seedFixture } from './indicator-fixture';
import { renderAt } from './render-route';

const SCHOOL = '0191f5a0-0000-7000-8000-00000000a001';
const COOP = '0191f5a0-0000-7000-8000-00000000a002';
const PERIOD = '2025-Q3';
const REPORT_ID = reportId(COMMUNE_OFFICE_ID, PERIOD, 1);

async function seed() {
  await seedFixture();
  const db = getDb();
  const meta = { createdAt: STAMP, updatedAt: STAMP };
  await db.reportingUnits.bulkPut([
    {
      ...meta,
      id: SCHOOL,
      villageId: COMMUNE_VILLAGE_ID,
      name: 'Trường THCS Đông Tây',
      kind: 'school',
      codes: ['b'],
      clocks: {},
    },
    {
      ...meta,
      id: COOP,
      villageId: COMMUNE_VILLAGE_ID,
      name: 'HTX chè Tân Thành',
      kind: 'cooperative',
      codes: ['dd'],
      clocks: {},
    },
  ]);
  await db.unitFigures.put({
    ...meta,
    id: unitFiguresId(SCHOOL, PERIOD),
    villageId: SCHOOL,
    unitId: SCHOOL,
    period: PERIOD,
    lowerSecondary: 200,
    lowerSecondaryMeeting: 150,
    upperSecondary: 50,
    upperSecondaryMeeting: 50,
    clocks: {},
  });
}

beforeEach(async () => {
  setDashboardWorkerFactoryForTests(() => ({ api: dashboardWorkerApi(), terminate: () => {} }));
  const now = Date.parse('2025-10-15T03:00:00.000Z');
  useCommuneClock.setState({ offsetMs: now - Date.now(), measured: true, anchorGap: undefined, floorMs: 0 });
  choosePeriod(PERIOD);
  await seed();
  signIn({ id: 'u-canbo', role: 'commune', displayName: 'Hoàng Văn Thắng', villageIds: [] });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const row = (code: string) => document.querySelector(`[data-indicator="${code}"]`) as HTMLElement;

describe('the commune report', () => {
  it("lists the quarter's reports with where each stands", async () => {
    renderAt(`/reports?period=${PERIOD}`);
    const list = await screen.findByTestId('report-scopes');
    const items = within(list)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(items).toEqual([
      expect.stringMatching(/^Báo cáo của xã.*Chưa làm$/),
      expect.stringMatching(/^Thôn Đông.*Chưa làm$/),
      expect.stringMatching(/^Thôn Tây.*Chưa làm$/),
      expect.stringMatching(/^HTX chè Tân Thành.*Chưa làm$/),
      expect.stringMatching(/^Trường THCS Đông Tây.*Chưa làm$/),
    ]);
  });

  it('composes the figures from the register and the units; a unit that has not reported is "Chưa báo cáo", never 0%', async () => {
    renderAt(`/reports/${COMMUNE_OFFICE_ID}/${PERIOD}`);
    await waitFor(() => expect(row('c')).toBeTruthy());
    // c: 3 of 11 adults, 27,3%, 7 to go (register basis: village B has no official count).
    expect(row('c').textContent).toContain('3/11');
    expect(row('c').textContent).toContain('27,3%');
    // b: the school's secondary students, 200 of 250; the register's 0 of 2 beside it.
    expect(row('b').textContent).toContain('200/250');
    expect(row('b').textContent).toContain('80%');
    expect(row('b').textContent).toContain('Theo sổ hộ: 0/2');
    // đ: the cooperative has no figures for the quarter.
    expect(row('dd').textContent).toContain('Chưa báo cáo');
    expect(row('dd').textContent).toContain('HTX chè Tân Thành');
    expect(row('dd').textContent).not.toMatch(/0%/);
    // Viewing writes nothing: a report row exists only once someone starts it.
    expect(await getDb().reports.count()).toBe(0);
  });

  it('saves a typed text field by field, submits once, freezes, and corrects as version 2', async () => {
    const user = userEvent.setup();
    renderAt(`/reports/${COMMUNE_OFFICE_ID}/${PERIOD}`);
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu báo cáo' }));
    const task15 = await screen.findByLabelText('Kết quả nhiệm vụ 15');
    await user.type(task15, 'Mở 3 lớp cho người cao tuổi');
    await user.tab();
    await waitFor(async () =>
      expect(((await getDb().reports.get(REPORT_ID)) as Record<string, unknown> | undefined)?.task15).toBe(
        'Mở 3 lớp cho người cao tuổi',
      ),
    );
    // Only the typed field travels (besides the draft's creation): two officers' texts merge by field.
    const changes = (await getDb().outbox.toArray()).filter((e) => e.rowId === REPORT_ID);
    expect(changes.map((c) => Object.keys(c.fields).sort())).toEqual([
      ['createdAt', 'level', 'period', 'version'],
      ['task15'],
    ]);

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: 'Nộp báo cáo' }));
    await screen.findByText(/^Đã nộp ngày 15\/10\/2025 bởi Hoàng Văn Thắng/);
    const stored = await getDb().reports.get(REPORT_ID);
    expect(stored).toMatchObject({ status: 'submitted', submittedBy: 'Hoàng Văn Thắng' });
    const snapshot = stored?.snapshot as unknown as QuarterReport;
    expect(snapshot.tasks[14]?.result).toBe('Mở 3 lớp cho người cao tuổi');
    expect(snapshot.indicators.find((l) => l.code === 'c')).toMatchObject({ count: 3, denominator: 11 });
    // Read-only now: no text to type, no second submission.
    expect(screen.queryByLabelText('Kết quả nhiệm vụ 15')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Nộp báo cáo' })).toBeNull();
    await expect(reportRepository.saveTexts(REPORT_ID, { task1: 'x' })).rejects.toThrow(/read-only/);

    await user.click(screen.getByRole('button', { name: 'Tạo bản đính chính (lần 2)' }));
    const v2 = await screen.findByLabelText('Kết quả nhiệm vụ 15');
    expect(v2).toHaveValue('Mở 3 lớp cho người cao tuổi');
    expect(await getDb().reports.get(reportId(COMMUNE_OFFICE_ID, PERIOD, 2))).toMatchObject({
      version: 2,
      task15: 'Mở 3 lớp cho người cao tuổi',
    });
    expect((await getDb().reports.get(REPORT_ID))?.status).toBe('submitted');
  });

  it("keeps every header field typed one after another (a save never clears another field's value)", async () => {
    const user = userEvent.setup();
    renderAt(`/reports/${COMMUNE_OFFICE_ID}/${PERIOD}`);
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu báo cáo' }));
    await user.click(await screen.findByText(/^Thông tin văn bản/));
    const values: Array<[string, string, string]> = [
      ['Tên cơ quan ban hành', 'issuingBody', 'UBND XÃ THƯỢNG QUAN'],
      ['Cơ quan cấp trên (nếu có)', 'superiorBody', 'UBND TỈNH THÁI NGUYÊN'],
      ['Số văn bản (vd: 12)', 'docNumber', '45'],
      ['Địa danh (vd: Thượng Quan)', 'place', 'Thượng Quan'],
      ['Chức vụ người ký', 'signerTitle', 'CHỦ TỊCH'],
      ['Họ tên người ký', 'signerName', 'Phan Văn Tố'],
    ];
    for (const [label, , value] of values) {
      await user.click(screen.getByLabelText(label));
      await user.paste(value);
    }
    await user.click(screen.getByLabelText('Kết quả nhiệm vụ 1'));
    await waitFor(async () => {
      const stored = (await getDb().reports.get(REPORT_ID)) as Record<string, unknown> | undefined;
      expect(Object.fromEntries(values.map(([, field]) => [field, stored?.[field]]))).toEqual(
        Object.fromEntries(values.map(([, field, value]) => [field, value])),
      );
    });
    const cleared = (await getDb().outbox.toArray()).flatMap((e) =>
      Object.entries(e.fields).filter(([, v]) => v === null),
    );
    expect(cleared).toEqual([]);
    for (const [label, , value] of values) expect(screen.getByLabelText(label)).toHaveValue(value);
  });

  it('refuses an ID number typed into a result, saying why, and stores nothing of it', async () => {
    const user = userEvent.setup();
    renderAt(`/reports/${COMMUNE_OFFICE_ID}/${PERIOD}`);
    await user.click(await screen.findByRole('button', { name: 'Bắt đầu báo cáo' }));
    const task19 = await screen.findByLabelText('Kết quả nhiệm vụ 19');
    await user.type(task19, 'Đã hỗ trợ CCCD 001203004567');
    await user.tab();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Chưa lưu được: .*số định danh|CCCD|căn cước/i,
    );
    expect(
      ((await getDb().reports.get(REPORT_ID)) as Record<string, unknown> | undefined)?.task19,
    ).toBeUndefined();
  });

  it("the dashboard lists the villages and units that have not submitted the quarter's report", async () => {
    await getDb().reports.put({
      id: reportId(SCHOOL, PERIOD, 1),
      villageId: SCHOOL,
      level: 'unit',
      period: PERIOD,
      version: 1,
      status: 'submitted',
      submittedAt: '2025-10-05T02:00:00.000Z',
      createdAt: STAMP,
      updatedAt: STAMP,
      clocks: {},
    });
    renderAt('/dashboard');
    const list = await screen.findByTestId('not-submitted');
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(['Thôn Đông (Thôn)', 'Thôn Tây (Thôn)', 'HTX chè Tân Thành (Đơn vị)']),
    );
  });

  it('an export made offline is kept for the audit log and sent by the next sync', async () => {
    // Logged out on this PC (or offline): nothing can be sent now.
    useSession.setState({ session: undefined });
    const report = {
      level: 'commune',
      scopeId: COMMUNE_OFFICE_ID,
      period: PERIOD,
      version: 1,
    } as QuarterReport;
    await recordReportExport(report, 'docx');
    const kept = (await getDb().meta.get('pendingExportRecords'))?.value as unknown[];
    expect(kept).toEqual([
      expect.objectContaining({
        kind: 'report',
        level: 'commune',
        scopeId: COMMUNE_OFFICE_ID,
        period: PERIOD,
        format: 'docx',
      }),
    ]);
  });
});
