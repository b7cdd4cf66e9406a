import { useCallback } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { type MessageKey, vi } from './vi';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
type Dictionary = Record<MessageKey, string>;
/** A dictionary as held in memory: Vietnamese holds only the first screens' words until the rest arrive. */
type Words = Readonly<Partial<Dictionary>>;

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
  /**
   * Dictionaries in memory. Vietnamese ships with the first load; English (a second language for
   * a few users, and every word of it counts against the first-load budget) loads when chosen, from
   * the service worker's precache, so offline too. Until it arrives, words show in Vietnamese.
   */
  loaded: Partial<Record<Language, Words>>;
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

let laterWords: Promise<void> | undefined;

/**
 * Loads the Vietnamese words of the screens that load on demand (vi-later.ts), once; every lazy
 * screen waits for it before it renders (App.tsx `withWords`). Offline it comes from the service
 * worker's precache like the screens themselves. A failed load (a broken deploy) is retried next time.
 */
export function loadLaterWords(): Promise<void> {
  const pending =
    laterWords ??
    import('./vi-later').then(
      ({ viLater }) => {
        useLanguage.setState((s) => ({ loaded: { ...s.loaded, vi: { ...viLater, ...s.loaded.vi } } }));
      },
      (error: unknown) => {
        laterWords = undefined;
        throw error;
      },
    );
  laterWords = pending;
  return pending;
}

/**
 * Whether `key` is a word of the dictionary, for names built at run time (a field's label from its
 * name). Asks the words in memory: on a lazy screen the later words are there (withWords).
 */
export function hasWord(key: string): key is MessageKey {
  const words = useLanguage.getState().loaded.vi ?? vi;
  return Object.hasOwn(words, key);
}

/** A lazy screen's module, resolved only once the words it shows are in memory too. */
export function withWords<M>(module: Promise<M>): Promise<M> {
  return Promise.all([module, loadLaterWords()]).then(([m]) => m);
}

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

const reported = new Set<string>();

function fill(dictionary: Words, language: Language, key: MessageKey, params?: Params): string {
  const text = dictionary[key];
  if (text === undefined) {
    // A first-load screen using a word of vi-later.ts before it arrived: a bug the built-app test
    // (first-load-words) is there to catch. The key shows rather than a blank or a crash.
    if (!reported.has(key)) console.error(`i18n: no word yet for "${key}"`);
    reported.add(key);
    return key;
  }
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
