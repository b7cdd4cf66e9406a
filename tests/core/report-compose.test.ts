/**
 * The quarterly report's composition (issue 19) on the dashboard's hand-made register
 * (tests/fixtures/indicators/fixture-village.ts, Q3 2025) plus three reporting units, every expected
 * value counted by hand below.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityLike, ReportInput, UnitFiguresLike, UnitLike } from '../../src/core/report/compose';
import { composeReport, quarterLabel } from '../../src/core/report/compose';
import { unitContribution, unitPairsFor } from '../../src/core/report/unit-counts';
import { COMMUNE_OFFICE_ID } from '../../src/core/sync/scope';
import { FIXTURE_ROWS, VILLAGE_A, VILLAGE_B } from '../fixtures/indicators/fixture-village';

const SCHOOL = 'u-school';
const AGENCY = 'u-agency';
const COOP = 'u-coop';

const UNITS: UnitLike[] = [
  { id: SCHOOL, name: 'Trường THCS Đông Tây', kind: 'school', codes: ['b'] },
  { id: AGENCY, name: 'UBND xã', kind: 'agency', codes: ['a'] },
  { id: COOP, name: 'HTX chè Tân Thành', kind: 'cooperative', codes: ['dd'] },
  {
    id: 'u-gone',
    name: 'Đơn vị đã xóa',
    kind: 'enterprise',
    codes: ['dd'],
    deletedAt: '2025-09-01T00:00:00.000Z',
  },
];

const FIGURES: UnitFiguresLike[] = [
  // 2025's b counts lower and upper secondary only: 150 + 50 of 200 + 50; primary is left out.
  {
    unitId: SCHOOL,
    period: '2025-Q3',
    primary: 100,
    primaryMeeting: 90,
    lowerSecondary: 200,
    lowerSecondaryMeeting: 150,
    upperSecondary: 50,
    upperSecondaryMeeting: 50,
    trainings: 2,
    participants: 60,
  },
  {
    unitId: SCHOOL,
    period: '2025-Q2',
    lowerSecondary: 190,
    lowerSecondaryMeeting: 100,
    trainings: 1,
    participants: 30,
  },
  // Q4 is after the report's quarter: never counted in Q3, not even in the cumulative.
  {
    unitId: SCHOOL,
    period: '2025-Q4',
    lowerSecondary: 200,
    lowerSecondaryMeeting: 199,
    trainings: 9,
    participants: 900,
  },
  { unitId: AGENCY, period: '2025-Q3', staff: 40, staffMeeting: 35, trainings: 1, participants: 40 },
  // The cooperative has figures for another quarter only: missing in Q3.
  { unitId: COOP, period: '2025-Q2', workers: 30, workersMeeting: 10 },
  { unitId: 'u-gone', period: '2025-Q3', workers: 10, workersMeeting: 10 },
];

const ACTIVITIES: ActivityLike[] = [
  { villageId: VILLAGE_A, date: '2025-08-01', kind: 'loudspeaker', reach: 300 },
  { villageId: VILLAGE_B, date: '2025-09-30', kind: 'news_post' },
  { villageId: COMMUNE_OFFICE_ID, date: '2025-07-01', kind: 'conference', reach: 80 },
  { villageId: SCHOOL, date: '2025-09-12', kind: 'dai_su_so', reach: 25 },
  { villageId: VILLAGE_A, date: '2025-10-01', kind: 'loudspeaker', reach: 999 },
  {
    villageId: VILLAGE_A,
    date: '2025-08-02',
    kind: 'loudspeaker',
    reach: 999,
    deletedAt: '2025-08-03T00:00:00.000Z',
  },
];

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    level: 'commune',
    scopeId: COMMUNE_OFFICE_ID,
    scopeName: 'xã Đông Tây',
    period: '2025-Q3',
    today: '2025-10-15',
    composedAt: '2025-10-15T02:00:00.000Z',
    rows: FIXTURE_ROWS,
    units: UNITS,
    unitFigures: FIGURES,
    activities: ACTIVITIES,
    reports: [
      { villageId: VILLAGE_A, period: '2025-Q3', status: 'submitted' },
      { villageId: VILLAGE_B, period: '2025-Q3' },
      { villageId: SCHOOL, period: '2025-Q3', status: 'submitted' },
      { villageId: AGENCY, period: '2025-Q2', status: 'submitted' },
    ],
    texts: { task15: 'Tổ chức lớp học cho người cao tuổi tại nhà văn hóa.', difficulties: 'Sóng yếu' },
    status: 'draft',
    version: 1,
    ...overrides,
  };
}

const line = (report: ReturnType<typeof composeReport>, code: string) =>
  report.indicators.find((l) => l.code === code);

describe('the commune report for Q3 2025', () => {
  const report = composeReport(input());

  it('names the quarter and the movement in its title', () => {
    expect(report.periodLabel).toBe('Quý III/2025');
    expect(report.title).toBe('Báo cáo kết quả thực hiện Phong trào “Bình dân học vụ số” – Quý III/2025');
    expect([report.year, report.quarter, report.level]).toEqual([2025, 3, 'commune']);
  });

  it('lists the indicators in the plan order a, b, c, d, đ, id', () => {
    expect(report.indicators.map((l) => l.code)).toEqual(['a', 'b', 'c', 'd', 'dd', 'id']);
  });

  it("a from the agency's figures: 35 of 40 = 87.5%, 85% needs 34, met; the register's 1 of 2 beside it", () => {
    expect(line(report, 'a')).toEqual({
      code: 'a',
      target: { percent: 85, above: false },
      count: 35,
      denominator: 40,
      denominatorSource: 'units',
      percent: 87.5,
      gap: 0,
      met: true,
      register: { count: 1, denominator: 2, percent: 50 },
      missingUnits: [],
    });
  });

  it("b from the school's secondary students in 2025: 150 + 50 of 200 + 50 = 80%, 50 to go to 100%", () => {
    expect(line(report, 'b')).toMatchObject({
      count: 200,
      denominator: 250,
      denominatorSource: 'units',
      percent: 80,
      gap: 50,
      met: false,
      register: { count: 0, denominator: 2, percent: 0 },
    });
  });

  it('đ: the cooperative has not reported Q3 — missing, never 0%, and named', () => {
    expect(line(report, 'dd')).toMatchObject({
      count: null,
      denominator: null,
      denominatorSource: 'missing',
      percent: null,
      gap: null,
      met: null,
      missingUnits: ['HTX chè Tân Thành'],
      // The register: village A's worker has not the basic set, village B's has (1 of 2).
      register: { count: 1, denominator: 2, percent: 50 },
    });
  });

  it("c, d, id are the register's, as the dashboard counts them (tests/core/indicators.test.ts)", () => {
    // c: 3 of 11 adults (village B has no official adults count: register basis), 90% → 10, 7 to go.
    expect(line(report, 'c')).toMatchObject({
      count: 3,
      denominator: 11,
      denominatorSource: 'register',
      percent: 27.3,
      gap: 7,
      target: { percent: 90, above: false },
    });
    expect(line(report, 'id')).toMatchObject({ count: 4, denominator: 12, gap: 8, percent: 33.3 });
    expect(line(report, 'd')?.register).toBeUndefined();
  });

  it('lists every live unit, the missing one with null figures; the deleted one not at all', () => {
    expect(report.units.map((u) => [u.name, u.figures === null, u.submitted])).toEqual([
      ['Trường THCS Đông Tây', false, true],
      ['UBND xã', false, false],
      ['HTX chè Tân Thành', true, false],
    ]);
    expect(report.units[0]?.figures).toMatchObject({ lowerSecondary: 200, trainings: 2 });
  });

  it("the units' trainings: the quarter's own, and the year's quarters so far (Q4 never)", () => {
    const trainings = report.figures.find((f) => f.key === 'units.trainings');
    const participants = report.figures.find((f) => f.key === 'units.participants');
    // Quarter: school 2 + agency 1; year to Q3: school 2 + 1 (Q2) + agency 1.
    expect([trainings?.quarter, trainings?.cumulative]).toEqual([3, 4]);
    expect([participants?.quarter, participants?.cumulative]).toEqual([100, 130]);
    expect(report.figures.find((f) => f.key === 'units.reported')?.quarter).toBe(2);
  });

  it("counts every scope's activities in the quarter, by kind, with their reach", () => {
    const byKind = Object.fromEntries(
      report.activities.filter((a) => a.count > 0).map((a) => [a.kind, [a.count, a.reach]]),
    );
    expect(byKind).toEqual({
      loudspeaker: [1, 300],
      news_post: [1, 0],
      conference: [1, 80],
      dai_su_so: [1, 25],
    });
  });

  it('each village is a part with its own figures and whether it submitted', () => {
    expect(report.villages.map((v) => [v.name, v.submitted])).toEqual([
      ['Thôn Đông', true],
      ['Thôn Tây', false],
    ]);
    const east = report.villages[0];
    expect(east?.indicators.find((l) => l.code === 'c')).toMatchObject({
      count: 2,
      denominator: 12,
      denominatorSource: 'official',
      percent: 16.7,
      gap: 9,
    });
    expect(east?.activities.find((a) => a.kind === 'loudspeaker')).toMatchObject({ count: 1, reach: 300 });
  });

  it('the 20 tasks in order, with the figures the app has and the typed result', () => {
    expect(report.tasks.map((t) => t.no)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(report.tasks.map((t) => t.section)).toEqual([
      ...['I', 'I', 'I', 'II', 'II', 'II', 'III', 'III', 'IV', 'IV', 'IV', 'IV'],
      ...['V', 'V', 'V', 'VI', 'VI', 'VI', 'VI', 'VI'],
    ]);
    const task = (no: number) => report.tasks[no - 1];
    expect(task(1)?.figures).toEqual([
      { label: 'Phát thanh trên loa truyền thanh (lần)', value: 1 },
      { label: 'Phát thanh trên loa truyền thanh (lượt người)', value: 300 },
      { label: 'Tin bài trên trang thông tin xã (lần)', value: 1 },
      { label: 'Tin bài trên trang thông tin xã (lượt người)', value: 0 },
    ]);
    expect(task(15)?.result).toBe('Tổ chức lớp học cho người cao tuổi tại nhà văn hóa.');
    expect(task(15)?.figures).toContainEqual({ label: 'Buổi học cộng đồng trong quý', value: 3 });
    expect(task(17)?.figures).toEqual([
      { label: 'Hoạt động Đại sứ số (lần)', value: 1 },
      { label: 'Hoạt động Đại sứ số (lượt người)', value: 25 },
    ]);
    expect(task(19)?.figures[0]).toEqual({ label: 'Người 16+ có định danh điện tử mức 2', value: 4 });
    expect(task(20)?.figures[0]).toEqual({ label: 'Lượt đến hộ trong quý', value: 5 });
    expect(task(2)?.result).toBe('');
    expect(report.difficulties).toBe('Sóng yếu');
  });

  it('is dated the day it was composed in Vietnam, with the plan-like recipients by default', () => {
    expect(report.document.date).toBe('2025-10-15');
    expect(report.document.recipients[0]).toBe('UBND tỉnh (B/c);');
    const late = composeReport(input({ composedAt: '2025-10-15T18:00:00.000Z' }));
    expect(late.document.date).toBe('2025-10-16');
  });

  it('is plain JSON: it survives a round trip unchanged (it is frozen as a snapshot)', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('other reports and rules', () => {
  it("a village report: its own register, a, b, đ from its residents' groups, its own activities", () => {
    const report = composeReport(input({ level: 'village', scopeId: VILLAGE_A, scopeName: 'Thôn Đông' }));
    expect(report.units).toEqual([]);
    expect(line(report, 'a')).toMatchObject({ count: 1, denominator: 2, denominatorSource: 'register' });
    expect(line(report, 'c')).toMatchObject({ count: 2, denominator: 12, denominatorSource: 'official' });
    expect(report.activities.filter((a) => a.count > 0).map((a) => a.kind)).toEqual(['loudspeaker']);
    expect(report.villages.map((v) => v.villageId)).toEqual([VILLAGE_A]);
    // The team's report, under the commune named by its place once typed, signed by the team's lead.
    expect(report.document.issuingBody).toBe('TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG THÔN ĐÔNG');
    expect(report.document.superiorBody).toBe('ỦY BAN NHÂN DÂN XÃ');
    expect(report.document.signerTitle).toBe('TỔ TRƯỞNG');
    const named = composeReport(
      input({ level: 'village', scopeId: VILLAGE_A, scopeName: 'Thôn Đông', texts: { place: 'Đông Tây' } }),
    );
    expect(named.document.superiorBody).toBe('ỦY BAN NHÂN DÂN XÃ ĐÔNG TÂY');
    expect(composeReport(input({ texts: { place: 'Đông Tây' } })).scopeName).toBe('xã Đông Tây');
  });

  it('a unit report: only its own indicators and figures, no register', () => {
    const report = composeReport(
      input({ level: 'unit', scopeId: SCHOOL, scopeName: 'Trường THCS Đông Tây' }),
    );
    expect(report.indicators.map((l) => l.code)).toEqual(['b']);
    expect(line(report, 'b')).toMatchObject({ count: 200, denominator: 250 });
    expect(line(report, 'b')?.register).toBeUndefined();
    expect(report.units.map((u) => u.unitId)).toEqual([SCHOOL]);
    expect(report.villages).toEqual([]);
    expect(report.activities.filter((a) => a.count > 0).map((a) => a.kind)).toEqual(['dai_su_so']);
  });

  it('b from 2026 counts every student from primary school on (plan III.2.b)', () => {
    expect(unitPairsFor('b', 2025).map(([total]) => total)).toEqual(['lowerSecondary', 'upperSecondary']);
    expect(unitPairsFor('b', 2026).map(([total]) => total)).toEqual([
      'primary',
      'lowerSecondary',
      'upperSecondary',
    ]);
    // A head count without its "meeting" count was not reported.
    expect(unitContribution('a', { staff: 10 }, 2025)).toBeUndefined();
    const figures = {
      primary: 100,
      primaryMeeting: 90,
      lowerSecondary: 200,
      lowerSecondaryMeeting: 150,
      upperSecondary: 50,
      upperSecondaryMeeting: 50,
    };
    expect(unitContribution('b', figures, 2026)).toEqual({ count: 290, denominator: 350 });
    expect(unitContribution('b', figures, 2025)).toEqual({ count: 200, denominator: 250 });
    // A primary-only school has nothing in 2025's scope: counted as reported with nobody, not missing.
    expect(unitContribution('b', { primary: 80, primaryMeeting: 80 }, 2025)).toEqual({
      count: 0,
      denominator: 0,
    });
    expect(unitContribution('b', {}, 2025)).toBeUndefined();
    // More meeting the standard than in scope is never counted past the head count.
    expect(unitContribution('a', { staff: 10, staffMeeting: 12 }, 2025)).toEqual({
      count: 10,
      denominator: 10,
    });
  });

  it('no unit at all for an indicator: missing, with nobody named', () => {
    const report = composeReport(input({ units: [], unitFigures: [] }));
    expect(line(report, 'a')).toMatchObject({
      count: null,
      percent: null,
      denominatorSource: 'missing',
      missingUnits: [],
    });
  });

  it('quarter labels use Roman numerals', () => {
    expect(['2025-Q1', '2025-Q2', '2026-Q4'].map(quarterLabel)).toEqual([
      'Quý I/2025',
      'Quý II/2025',
      'Quý IV/2026',
    ]);
    expect(() => quarterLabel('2025')).toThrow(RangeError);
  });
});
