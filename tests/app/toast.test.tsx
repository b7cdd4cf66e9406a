import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useToast } from '../../src/app/state/toast-store';
import { renderAt } from './render-route';

describe('toasts', () => {
  it('stay on the screen they were shown on and go when the user moves to another screen', async () => {
    const { location } = renderAt('/settings');
    act(() =>
      useToast
        .getState()
        .show({ message: 'Đã ghi: Không có ai ở nhà', action: { label: 'Hoàn tác', run: () => {} } }),
    );
    expect(await screen.findByText('Đã ghi: Không có ai ở nhà')).toBeTruthy();
    act(() => location.navigate('/'));
    await waitFor(() => expect(screen.queryByText('Đã ghi: Không có ai ở nhà')).toBeNull());
  });

  it('shown together with a navigation (save, then go to the saved record), it is kept on arrival', async () => {
    const { location } = renderAt('/settings');
    act(() => {
      location.navigate('/');
      useToast.getState().show({ message: 'Đã lưu hộ Nông Văn Tâm.' });
    });
    expect(await screen.findByText('Đã lưu hộ Nông Văn Tâm.')).toBeTruthy();
  });
});
