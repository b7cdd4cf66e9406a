import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTextSize, useSettings } from '../../src/app/state/settings-store';
import { renderAt } from './render-route';

const root = document.documentElement;
// Defined by Vite at build time; the settings page prints it.
vi.stubGlobal('__APP_VERSION__', 'test');

function storedSettings(): unknown {
  return JSON.parse(localStorage.getItem('ngo-so.settings') ?? 'null')?.state;
}

/** A fresh copy of the store module, as when the app starts with whatever localStorage holds. */
async function startApp() {
  vi.resetModules();
  return import('../../src/app/state/settings-store');
}

afterEach(() => {
  useSettings.getState().setTextSize('normal');
  // A store loaded by startApp() may have set the root last.
  applyTextSize('normal');
  localStorage.clear();
});

describe('text size setting ("Cỡ chữ")', () => {
  it('scales the root font size as soon as a size is chosen, and remembers it', async () => {
    const user = userEvent.setup();
    renderAt('/settings');
    const group = await screen.findByRole('group', { name: 'Cỡ chữ' });
    expect(within(group).getByRole('radio', { name: 'Bình thường' })).toBeChecked();
    expect(root.style.fontSize).toBe('106.25%');

    await user.click(within(group).getByText('Rất lớn'));
    expect(within(group).getByRole('radio', { name: 'Rất lớn' })).toBeChecked();
    expect(root.style.fontSize).toBe('159.375%');
    expect(root.dataset.textSize).toBe('larger');
    expect(storedSettings()).toMatchObject({ textSize: 'larger' });

    await user.click(within(group).getByRole('radio', { name: 'Lớn' }));
    expect(root.style.fontSize).toBe('132.8125%');
    expect(storedSettings()).toMatchObject({ textSize: 'large' });
  });

  it('shows a preview sample inside the choice', async () => {
    renderAt('/settings');
    const group = await screen.findByRole('group', { name: 'Cỡ chữ' });
    expect(within(group).getByTestId('text-size-preview')).toHaveTextContent(/Xem trước/);
  });

  it('applies the remembered size when the app starts, before anything renders', async () => {
    localStorage.setItem('ngo-so.settings', JSON.stringify({ state: { textSize: 'large' }, version: 0 }));
    root.style.fontSize = '';
    const store = await startApp();
    expect(root.style.fontSize).toBe('132.8125%');
    expect(store.useSettings.getState().textSize).toBe('large');
  });

  it('keeps the member name when the size changes, and falls back to normal for an unknown stored size', async () => {
    localStorage.setItem(
      'ngo-so.settings',
      JSON.stringify({ state: { memberName: 'Tổ viên Hà', textSize: 'huge' }, version: 0 }),
    );
    const store = await startApp();
    expect(root.style.fontSize).toBe('106.25%');
    expect(store.useSettings.getState()).toMatchObject({ memberName: 'Tổ viên Hà', textSize: 'normal' });
    store.useSettings.getState().setTextSize('larger');
    expect(storedSettings()).toMatchObject({ memberName: 'Tổ viên Hà', textSize: 'larger' });
  });
});
