/**
 * A person's requests on their profile (issue 14, kind 8): leads and commune officers see them, members
 * do not; erasing asks first, calls the server and leaves the profile; the download says so.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { useSession } from '../../src/app/sync/session';
import { householdInput, residentInput, sessionFor, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

async function openProfile(role: 'member' | 'lead' | 'commune') {
  useSession.setState({ session: sessionFor({ id: 'u1', role, villageIds: [VILLAGE_ID] }), loaded: true });
  const household = await householdRepository.create(VILLAGE_ID, householdInput());
  const resident = await residentRepository.create(VILLAGE_ID, residentInput(household.id));
  const { location } = renderAt(`/v/${VILLAGE_ID}/h/${household.id}/r/${resident.id}/skills`);
  await screen.findByRole('heading', { name: /^Kỹ năng số của/ });
  return { household, resident, location };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a resident's requests about their data", () => {
  it('are not offered to a team member', async () => {
    await openProfile('member');
    expect(screen.queryByRole('button', { name: 'Xoá hẳn người này' })).not.toBeInTheDocument();
  });

  it('erase asks first, then calls the server and goes back to the household', async () => {
    const fetch = vi.fn(async (url: string) =>
      url.includes('/erase')
        ? json(200, { erased: true })
        : json(200, {
            rows: [],
            cursor: 0,
            hasMore: false,
            remaining: 0,
            scope: 'x',
            serverTime: Date.now(),
          }),
    );
    vi.stubGlobal('fetch', fetch);
    const { resident, household, location } = await openProfile('lead');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Xoá hẳn người này' }));
    expect(fetch).not.toHaveBeenCalled();
    expect(await screen.findByText(/Không hoàn tác được/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Xoá hẳn' }));
    await waitFor(() =>
      expect(fetch.mock.calls.map(([url]) => url)).toContain(`/api/admin/residents/${resident.id}/erase`),
    );
    expect(await screen.findByText('Đã xoá hẳn dữ liệu của người này.')).toBeInTheDocument();
    await waitFor(() => expect(location.history?.at(-1)).toBe(`/v/${VILLAGE_ID}/h/${household.id}`));
  });

  it('export downloads what the server holds', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, { resident: { id: 'x' } })),
    );
    const created = vi.fn(() => 'blob:ngo-so');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    await openProfile('commune');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Tải về dữ liệu của người này' }));
    expect(await screen.findByText('Đã tải về dữ liệu của Hoàng Thị Lan.')).toBeInTheDocument();
    expect(created).toHaveBeenCalledTimes(1);
  });
});
