import { useCallback } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { type MessageKey, vi } from './vi';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
type Dictionary = Record<MessageKey, string>;

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
  /**
   * Dictionaries in memory. Vietnamese ships with the first load; English (a second language for
   * a few users, and every word of it counts against the first-load budget) loads when chosen, from
   * the service worker's precache, so offline too. Until it arrives, words show in Vietnamese.
   */
  loaded: Partial<Record<Language, Dictionary>>;
}

export const useLanguage = create<LanguageState>()(
  persist(
    (set) => ({
      language: 'vi',
      setLanguage: (language) => {
        set({ language });
        void loadDictionary(language);
      },
      loaded: { vi },
    }),
    {
      name: 'ngo-so.language',
      partialize: (s) => ({ language: s.language }),
      // Runs while the store is still being created (storage is synchronous), hence the microtask.
      onRehydrateStorage: () => (state) => {
        if (state) queueMicrotask(() => void loadDictionary(state.language));
      },
    },
  ),
);

export async function loadDictionary(language: Language): Promise<void> {
  if (language === 'vi' || useLanguage.getState().loaded[language]) return;
  const { en } = await import('./en');
  useLanguage.setState((s) => ({ loaded: { ...s.loaded, en } }));
}

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translate(language: Language, key: MessageKey, params?: Params): string {
  return fill(useLanguage.getState().loaded[language] ?? vi, language, key, params);
}

function fill(dictionary: Dictionary, language: Language, key: MessageKey, params?: Params): string {
  const text = dictionary[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : formatParam(language, value);
  });
}

function formatParam(language: Language, value: string | number): string {
  return typeof value === 'number' ? value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB') : value;
}

/** The translate function for the current language; components re-render when it changes. */
export function useT(): Translate {
  const language = useLanguage((s) => s.language);
  const dictionary = useLanguage((s) => s.loaded[s.language] ?? vi);
  // Stable per language (and its dictionary's arrival), so effects that depend on it do not re-run
  // on every render.
  return useCallback<Translate>(
    (key, params) => fill(dictionary, language, key, params),
    [dictionary, language],
  );
}

export type { MessageKey };
