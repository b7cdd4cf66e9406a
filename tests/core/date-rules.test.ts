import { describe, expect, it } from 'vitest';
import { communeYearAt, dateIssues, MAX_INSTANT_AHEAD_MS } from '../../src/core/date-rules';
import { formatCommuneDate, formatCommuneTime } from '../../src/core/dates';

/** 00:30 on 1 January 2027 in Vietnam, still 31 December 2026 in UTC. */
const NEW_YEAR_VN = Date.parse('2026-12-31T17:30:00Z');
const NOW = Date.parse('2026-11-25T03:00:00Z');

describe('the commune calendar, whatever the host time zone (issue 13, kind 6)', () => {
  it('a server in UTC accepts a baby born on 1 January in Vietnam, before 07:00', () => {
    expect(communeYearAt(NEW_YEAR_VN)).toBe(2027);
    expect(dateIssues({ birthYear: 2027 }, NEW_YEAR_VN)).toEqual([]);
    expect(dateIssues({ birthYear: 2028 }, NEW_YEAR_VN)).toEqual([
      { field: 'birthYear', message: 'err.birthYear' },
    ]);
  });

  it('formats instants on the commune clock', () => {
    expect(formatCommuneDate('2026-12-31T17:30:00Z')).toBe('01/01/2027');
    expect(formatCommuneTime('2026-12-31T17:30:00Z')).toBe('00:30 01/01');
    expect(formatCommuneTime('2026-12-31T17:30:00Z', true)).toBe('00:30 01/01/2027');
  });
});

describe('dates that cannot be right', () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  it.each([['createdAt'], ['deletedAt'], ['visitedAt'], ['ethnicMinorityConsentAt']])(
    '%s: refused past the clock slack ahead, accepted within it',
    (field) => {
      expect(dateIssues({ [field]: iso(NOW + MAX_INSTANT_AHEAD_MS) }, NOW)).toEqual([]);
      expect(dateIssues({ [field]: iso(NOW + MAX_INSTANT_AHEAD_MS + 60_000) }, NOW)).toEqual([
        { field, message: 'err.dateInFuture' },
      ]);
      expect(dateIssues({ [field]: '1970-01-01T00:00:00.000Z' }, NOW)).toEqual([
        { field, message: 'err.dateTooEarly' },
      ]);
    },
  );

  it('a skill step happened today or before, in the commune’s day', () => {
    expect(dateIssues({ on: '2026-11-25' }, NOW)).toEqual([]);
    expect(dateIssues({ on: '2026-11-26' }, NOW)).toEqual([{ field: 'on', message: 'err.dayNotYet' }]);
    // 23:55 on the 25th in Vietnam: the 26th is 5 minutes away, inside the slack.
    expect(dateIssues({ on: '2026-11-26' }, Date.parse('2026-11-25T16:55:00Z'))).toEqual([]);
    expect(dateIssues({ on: '1999-12-31' }, NOW)).toEqual([{ field: 'on', message: 'err.dateTooEarly' }]);
  });

  it('a register status was learned today or before (issue 18)', () => {
    expect(dateIssues({ statusOn: '2026-11-25' }, NOW)).toEqual([]);
    expect(dateIssues({ statusOn: '2026-11-26' }, NOW)).toEqual([
      { field: 'statusOn', message: 'err.dayNotYet' },
    ]);
    expect(dateIssues({ statusOn: '1999-12-31' }, NOW)).toEqual([
      { field: 'statusOn', message: 'err.dateTooEarly' },
    ]);
  });

  it('a class or a follow-up may be planned up to a year ahead, not further', () => {
    expect(dateIssues({ date: '2027-11-25', followUpOn: '2026-12-01' }, NOW)).toEqual([]);
    expect(dateIssues({ date: '2028-01-01', followUpOn: '2030-01-01' }, NOW)).toEqual([
      { field: 'date', message: 'err.dateTooFar' },
      { field: 'followUpOn', message: 'err.dateTooFar' },
    ]);
  });

  it('checks consent times and official counts inside their objects, by path', () => {
    expect(
      dateIssues(
        {
          consent: { purposes: ['skills_support'], collectedBy: 'Hà', collectedAt: iso(NOW + 86_400_000) },
          official: { asOf: '2027-01-01' },
        },
        NOW,
      ),
    ).toEqual([
      { field: 'consent.collectedAt', message: 'err.dateInFuture' },
      { field: 'official.asOf', message: 'err.dayNotYet' },
    ]);
  });

  it('ignores fields that are absent, null or not dates', () => {
    expect(dateIssues({ notes: 'x', followUpOn: null, createdAt: 42 }, NOW)).toEqual([]);
  });
});
