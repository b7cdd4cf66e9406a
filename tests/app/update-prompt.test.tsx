import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { usePwa } from '../../src/app/pwa/service-worker';
import { renderAt } from './render-route';

describe('update prompt', () => {
  it('offers "Tải lại" when a new version waits, and applies it only on tap', async () => {
    const applyUpdate = vi.fn();
    renderAt('/');
    expect(screen.queryByText('Có phiên bản mới')).not.toBeInTheDocument();
    act(() => usePwa.setState({ updateWaiting: true, applyUpdate }));
    expect(await screen.findByText('Có phiên bản mới')).toBeInTheDocument();
    expect(applyUpdate).not.toHaveBeenCalled();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Tải lại' }));
    expect(applyUpdate).toHaveBeenCalledOnce();
  });
});
