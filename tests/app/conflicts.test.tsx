/**
 * The conflict review (issue 14, kind 10): the server settles who decided first, so a conflict
 * another lead already kept is never also restored on this phone.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import type { ConflictItem } from '../../src/app/features/conflicts/conflicts-api';
import { householdInput, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('resolving a conflict someone else already resolved', () => {
  it('restores nothing, drops the item, says so in Vietnamese, and names the field as the form does', async () => {
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000ab', role: 'lead', villageIds: [VILLAGE_ID] });
    const household = await householdRepository.create(
      VILLAGE_ID,
      householdInput({ label: 'Hộ Lò Văn Pằng' }),
    );
    await getDb().outbox.clear();
    const item: ConflictItem = {
      id: 7,
      table: 'households',
      rowId: household.id,
      villageId: VILLAGE_ID,
      field: 'membersCount',
      winnerValue: 4,
      loserValue: 5,
      privacy: false,
      createdAt: '2026-11-25T08:00:00.000Z',
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/resolve')
          ? json(409, { error: { code: 'already_resolved', message: 'x', resolution: 'kept' } })
          : json(200, { conflicts: [item] }),
      ),
    );
    const user = userEvent.setup();
    renderAt('/conflicts');
    const list = await screen.findByTestId('conflict-list');
    await waitFor(() => expect(list).toHaveTextContent('Số nhân khẩu'));
    await user.click(await screen.findByRole('button', { name: 'Khôi phục giá trị kia' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Người khác vừa xử lý xung đột này');
    expect(list).not.toHaveTextContent('Số nhân khẩu');
    expect(await getDb().outbox.count()).toBe(0);
    expect((await getDb().households.get(household.id))?.membersCount).toBe(household.membersCount);
  });
});
