import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translate, useLanguage, useT } from '../../src/app/i18n/i18n';

function Words() {
  const t = useT();
  return <p>{t('households.members', { count: 1234 })}</p>;
}

describe('languages', () => {
  afterEach(() => act(() => useLanguage.getState().setLanguage('vi')));

  it('Vietnamese ships with the app; English loads when chosen and the screen switches to it', async () => {
    render(<Words />);
    expect(screen.getByText('1.234 người')).toBeTruthy();
    act(() => useLanguage.getState().setLanguage('en'));
    expect(await screen.findByText('1,234 people')).toBeTruthy();
    expect(useLanguage.getState().loaded.en?.['app.back']).toBe('Back');
    expect(translate('en', 'app.back')).toBe('Back');
    act(() => useLanguage.getState().setLanguage('vi'));
    expect(await screen.findByText('1.234 người')).toBeTruthy();
  });

  it('only the chosen language is remembered on the phone, not the words', () => {
    act(() => useLanguage.getState().setLanguage('en'));
    expect(JSON.parse(localStorage.getItem('ngo-so.language') ?? '{}')).toEqual({
      state: { language: 'en' },
      version: 0,
    });
  });

  it('a phone that chose English gets it back at the next start, without a tap', async () => {
    localStorage.setItem('ngo-so.language', JSON.stringify({ state: { language: 'en' }, version: 0 }));
    vi.resetModules();
    const fresh = await import('../../src/app/i18n/i18n');
    expect(fresh.useLanguage.getState().language).toBe('en');
    await vi.waitFor(() => expect(fresh.translate('en', 'app.back')).toBe('Back'));
  });
});
