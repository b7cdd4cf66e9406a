import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { householdInput, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

describe('village list', () => {
  it('counts only households that are not deleted', async () => {
    const now = new Date().toISOString();
    await getDb().villages.put({
      id: VILLAGE_ID,
      villageId: VILLAGE_ID,
      name: 'Thôn Nà Pài',
      code: 'NP',
      createdAt: now,
      updatedAt: now,
    });
    const kept = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Còn' }));
    const gone = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Đã xóa' }));
    await householdRepository.remove(gone.id);
    expect(kept.id).not.toBe(gone.id);
    renderAt('/');
    expect(await screen.findByText('1 hộ')).toBeInTheDocument();
    await householdRepository.restore(gone.id);
    expect(await screen.findByText('2 hộ')).toBeInTheDocument();
  });
});
