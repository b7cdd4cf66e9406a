/**
 * The commune's targets page (issue 18, item 3): the plan's values until the commune sets its own,
 * edits only by commune officers, one outbox change per save with the derived id under the commune's
 * scope, and a bad share refused beside the field with nothing written.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { TargetWriteForbiddenError, targetRepository } from '../../src/app/db/target-repository';
import { targetId } from '../../src/core/ids';
import { COMMUNE_VILLAGE_ID } from '../../src/core/sync/scope';
import { signIn } from './fixtures';
import { renderAt } from './render-route';

const PERCENT_ERROR = 'Nhập một tỉ lệ từ 0 đến 100.';

async function openEditor(code: string, year: number) {
  const row = await screen.findByTestId(`target-${year}-${code}`);
  await userEvent.click(
    within(row).getByRole('button', { name: `Sửa chỉ tiêu ${code === 'dd' ? 'đ' : code} năm ${year}` }),
  );
  return row;
}

describe('the targets page', () => {
  it('shows the plan’s values for 2025 and 2026 with their Vietnamese names and source', async () => {
    signIn({ id: 'member-1', role: 'member' });
    renderAt('/dashboard/targets');
    const c2025 = await screen.findByTestId('target-2025-c');
    expect(c2025).toHaveTextContent('Người trưởng thành có kiến thức, kỹ năng số cơ bản');
    expect(c2025).toHaveTextContent('95%');
    expect(c2025).toHaveTextContent('theo Kế hoạch');
    expect(screen.getByTestId('target-2026-d')).toHaveTextContent('trên 90%');
    expect(screen.getByTestId('target-2025-dd')).toHaveTextContent('đ');
    expect(screen.getByTestId('target-2025-dd')).toHaveTextContent('85%');
  });

  it('offers a member no edit control', async () => {
    signIn({ id: 'member-1', role: 'member' });
    renderAt('/dashboard/targets');
    await screen.findByTestId('target-2025-c');
    expect(screen.getByText('Chỉ cán bộ xã được sửa chỉ tiêu.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Sửa chỉ tiêu/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Thêm năm/ })).not.toBeInTheDocument();
    await expect(targetRepository.set(2025, 'c', 90, false)).rejects.toBeInstanceOf(
      TargetWriteForbiddenError,
    );
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('lets a commune officer set a target: one outbox change, derived id, the commune’s scope', async () => {
    signIn({ id: 'officer-1', role: 'commune', villageIds: [] });
    const user = userEvent.setup();
    renderAt('/dashboard/targets');
    const row = await openEditor('d', 2025);
    const percent = within(row).getByLabelText('Tỉ lệ (%)');
    expect(percent).toHaveValue('80');
    expect(within(row).getByLabelText('Trên (chỉ tiêu "trên x%")')).toBeChecked();
    await user.clear(percent);
    await user.type(percent, '85');
    await user.click(within(row).getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(screen.getByTestId('target-2025-d')).toHaveTextContent('trên 85%'));
    expect(screen.getByTestId('target-2025-d')).toHaveTextContent('xã đặt');
    const entries = await getDb().outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      table: 'targets',
      rowId: targetId(2025, 'd'),
      villageId: COMMUNE_VILLAGE_ID,
      userId: 'officer-1',
      fields: { year: 2025, code: 'd', percent: 85, above: true },
    });
  });

  it('refuses a share of 120 or "abc" beside the field and writes nothing', async () => {
    signIn({ id: 'officer-1', role: 'commune', villageIds: [] });
    const user = userEvent.setup();
    renderAt('/dashboard/targets');
    const row = await openEditor('c', 2026);
    const percent = within(row).getByLabelText('Tỉ lệ (%)');
    for (const bad of ['120', 'abc']) {
      await user.clear(percent);
      await user.type(percent, bad);
      await user.click(within(row).getByRole('button', { name: 'Lưu' }));
      expect(await within(row).findByText(PERCENT_ERROR)).toBeInTheDocument();
    }
    expect(percent).toHaveAttribute('aria-invalid', 'true');
    expect(await getDb().targets.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('clears a commune value back to the plan after a confirmation, as a synced delete', async () => {
    signIn({ id: 'officer-1', role: 'commune', villageIds: [] });
    await targetRepository.set(2025, 'id', 90, false);
    await getDb().outbox.clear();
    const user = userEvent.setup();
    renderAt('/dashboard/targets');
    await waitFor(() => expect(screen.getByTestId('target-2025-id')).toHaveTextContent('xã đặt'));
    const row = await openEditor('id', 2025);
    await user.click(within(row).getByRole('button', { name: 'Về theo Kế hoạch' }));
    const dialog = await screen.findByRole('dialog', { name: 'Trả chỉ tiêu id năm 2025 về theo Kế hoạch?' });
    expect(dialog).toHaveTextContent('100%');
    await user.click(within(dialog).getByRole('button', { name: 'Về theo Kế hoạch' }));

    // The editor's own "Về theo Kế hoạch" button holds those words too: wait for the row to show the
    // plan's value and no longer the commune's (a race once passed on the button's words alone).
    await waitFor(() => {
      const line = screen.getByTestId('target-2025-id');
      expect(line).toHaveTextContent('100%');
      expect(line).not.toHaveTextContent('xã đặt');
    });
    expect(screen.getByTestId('target-2025-id')).toHaveTextContent('theo Kế hoạch');
    expect((await getDb().targets.get(targetId(2025, 'id')))?.deletedAt).toBeDefined();
    const [entry] = await getDb().outbox.toArray();
    expect(entry?.fields).toHaveProperty('deletedAt');
  });

  it('adds a later year, which carries the year before until the commune sets it', async () => {
    signIn({ id: 'officer-1', role: 'commune', villageIds: [] });
    const user = userEvent.setup();
    renderAt('/dashboard/targets');
    await user.click(await screen.findByRole('button', { name: /Thêm năm 2027/ }));
    const row = await screen.findByTestId('target-2027-c');
    expect(row).toHaveTextContent('100%');
    expect(row).toHaveTextContent('như năm trước');
  });
});
