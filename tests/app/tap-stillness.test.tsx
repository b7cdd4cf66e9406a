/**
 * Issue 15, kind 1: a tap does what it shows, and nothing moves under a finger. A tap on a radio's
 * words first focuses <main> (the nearest focusable box), and the toast once scrolled whatever got
 * focus under it into view — the page jumped between finger down and up and nothing was chosen.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useToast } from '../../src/app/state/toast-store';
import { renderAt } from './render-route';

vi.stubGlobal('__APP_VERSION__', 'test');

const scrollIntoView = vi.fn();

beforeEach(() => {
  scrollIntoView.mockClear();
  // jsdom lays nothing out: the toast is made to cover the whole screen, so every control is "under"
  // it and only the rule about who moved focus decides whether the page scrolls.
  Element.prototype.scrollIntoView = scrollIntoView;
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('toast')
      ? new DOMRect(-10_000, -10_000, 20_000, 20_000)
      : new DOMRect(0, 100, 300, 40);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  act(() => useToast.setState({ toast: undefined }));
});

async function settingsWithUndoToast() {
  const user = userEvent.setup();
  renderAt('/settings');
  const group = await screen.findByRole('group', { name: 'Cỡ chữ' });
  act(() =>
    useToast
      .getState()
      .show({ message: 'Đã ghi: Đã làm được', action: { label: 'Hoàn tác', run: () => {} } }),
  );
  await screen.findByText('Đã ghi: Đã làm được');
  return { user, group };
}

describe('the undo toast and a tap under it', () => {
  it('a tap on a radio’s words chooses it and moves nothing, though the toast covers it', async () => {
    const { user, group } = await settingsWithUndoToast();
    await user.click(within(group).getByText('Lớn'));
    expect(within(group).getByRole('radio', { name: 'Lớn' })).toBeChecked();
    expect(scrollIntoView).not.toHaveBeenCalled();
    // The toast is still there to undo with.
    expect(screen.getByRole('button', { name: 'Hoàn tác' })).toBeInTheDocument();
  });

  it('a control reached by keyboard under the toast is still brought clear of it, by the least move', async () => {
    const { user, group } = await settingsWithUndoToast();
    within(group).getByRole('radio', { name: 'Bình thường' }).focus();
    scrollIntoView.mockClear();
    await user.tab();
    expect(scrollIntoView).toHaveBeenCalledWith({ block: 'nearest' });
  });
});
