import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { householdRepository } from '../../src/app/db/household-repository';
import { householdInput, putVillage, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

describe('village list', () => {
  it('counts only households that are not deleted', async () => {
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000aa' });
    await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
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
