/**
 * Dates come from the commune's calendar and a corrected clock (issue 13, kind 6): a phone whose clock
 * is 400 days behind or 3 days ahead still dates today's visit today, and is told its clock is off.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classRepository } from '../../src/app/db/class-repository';
import { loadClockOffset, storeClockOffset } from '../../src/app/db/clock';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { ValidationError } from '../../src/app/db/repository-errors';
import { ClockWarning } from '../../src/app/features/sync-status/ClockWarning';
import {
  clockSetBackMs,
  communeNowMs,
  communeToday,
  setClockOffset,
  useCommuneClock,
} from '../../src/app/state/commune-clock';
import { apiRequest } from '../../src/app/sync/api-client';
import { addDays, localDay } from '../../src/core/dates';
import { householdInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const DAY = 86_400_000;

afterEach(() => {
  useCommuneClock.setState({ offsetMs: 0, measured: false, anchorGap: undefined, floorMs: 0 });
  vi.unstubAllGlobals();
});

async function nobodyHomeVisit() {
  const household = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Nông Văn Tâm' }));
  const user = userEvent.setup();
  renderAt(`/v/${VILLAGE_ID}/h/${household.id}`);
  await user.click(await screen.findByRole('link', { name: 'Ghé thăm' }));
  await user.click(await screen.findByRole('button', { name: 'Không có ai ở nhà' }));
  await waitFor(async () => expect(await getDb().visits.count()).toBe(1));
  const [visit] = await getDb().visits.toArray();
  return { household, visit };
}

describe.each([
  ['400 days behind', 400 * DAY],
  ['3 days ahead', -3 * DAY],
])('a phone whose clock is %s, once it has synced', (_name, offset) => {
  it('dates a visit and its row today on the server’s calendar, and the household says so', async () => {
    setClockOffset(offset);
    const { household, visit } = await nobodyHomeVisit();
    const serverToday = localDay(new Date(Date.now() + offset));
    expect(localDay(visit?.visitedAt ?? '')).toBe(serverToday);
    expect(Math.abs(Date.parse(visit?.visitedAt ?? '') - (Date.now() + offset))).toBeLessThan(60_000);
    expect(localDay((await getDb().households.get(household.id))?.createdAt ?? '')).toBe(serverToday);
    const status = await screen.findByTestId('visit-status');
    expect(status).toHaveTextContent(`Lần cuối: ${serverToday.slice(8, 10)}/${serverToday.slice(5, 7)}`);
    expect(communeToday()).toBe(serverToday);
  });
});

describe('the clock warning', () => {
  it('tells how far off the phone is and how to fix it, only when it is far off', () => {
    setClockOffset(5 * 60_000);
    const { rerender } = render(<ClockWarning />);
    expect(screen.queryByTestId('clock-warning')).not.toBeInTheDocument();
    setClockOffset(400 * DAY);
    rerender(<ClockWarning />);
    expect(screen.getByTestId('clock-warning')).toHaveTextContent('Đồng hồ điện thoại đang chậm 400 ngày');
    expect(screen.getByTestId('clock-warning')).toHaveTextContent('bật "Tự động"');
    setClockOffset(-3 * 3_600_000);
    rerender(<ClockWarning />);
    expect(screen.getByTestId('clock-warning')).toHaveTextContent('nhanh 3 giờ');
  });
});

describe('a clock set back in the field, after the offset was measured (offline, nothing to measure again)', () => {
  it('in the same session: today stays today, the visit is dated now, and the helper is told', async () => {
    const realNow = Date.now();
    setClockOffset(0, realNow);
    const real = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => real() - 400 * DAY);
    try {
      expect(communeToday()).toBe(localDay(new Date(real())));
      const { visit } = await nobodyHomeVisit();
      expect(Math.abs(Date.parse(visit?.visitedAt ?? '') - real())).toBeLessThan(60_000);
      expect(clockSetBackMs()).toBeGreaterThan(399 * DAY);
      // The app's own banner (AppShell) says so.
      expect(screen.getByTestId('clock-warning')).toHaveTextContent('vừa bị chỉnh lùi 400 ngày');
    } finally {
      vi.mocked(Date.now).mockRestore();
    }
  });

  it('after a restart: never before the latest server time heard', async () => {
    const heard = Date.now();
    await storeClockOffset(0, heard);
    useCommuneClock.setState({ offsetMs: 0, measured: false, anchorGap: undefined, floorMs: 0 });
    await loadClockOffset();
    const real = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => real() - 400 * DAY);
    try {
      expect(Math.abs(communeNowMs() - heard)).toBeLessThan(1_000);
      expect(communeToday()).toBe(localDay(new Date(heard)));
      expect(clockSetBackMs()).toBeGreaterThan(399 * DAY);
    } finally {
      vi.mocked(Date.now).mockRestore();
    }
    // A clock that is right again leaves the floor behind at once.
    expect(clockSetBackMs()).toBe(0);
    expect(Math.abs(communeNowMs() - Date.now())).toBeLessThan(1_000);
  });
});

describe('measuring the offset', () => {
  it('learns the server’s time from any answer: serverTime in the body, else the Date header', async () => {
    const serverNow = Date.now() + 400 * DAY;
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ ok: true }), {
            headers: { 'content-type': 'application/json', date: new Date(serverNow).toUTCString() },
          }),
      ),
    );
    await apiRequest('/api/me');
    await waitFor(() => expect(useCommuneClock.getState().measured).toBe(true));
    expect(Math.abs(useCommuneClock.getState().offsetMs - 400 * DAY)).toBeLessThan(5_000);
    expect((await getDb().meta.get('clockOffset'))?.value).toBe(useCommuneClock.getState().offsetMs);

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ rows: [], serverTime: Date.now() - 3 * DAY }))),
    );
    await apiRequest('/api/sync/pull?since=0');
    await waitFor(() => expect(Math.abs(useCommuneClock.getState().offsetMs + 3 * DAY)).toBeLessThan(5_000));
  });
});

describe('dates that cannot be right are refused on the phone, beside the field', () => {
  it('a class more than a year ahead is not written, nor queued', async () => {
    const far = addDays(communeToday(), 400);
    const error = await classRepository
      .create(VILLAGE_ID, {
        date: far,
        topic: 'online_safety',
        audience: 'elderly',
        venue: 'Nhà văn hoá',
        trainer: 'Hà',
        walkIns: 0,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ date: 'err.dateTooFar' });
    expect(await getDb().classes.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
  });
});
