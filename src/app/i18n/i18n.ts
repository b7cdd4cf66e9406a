import { useCallback } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { en } from './en';
import { type MessageKey, vi } from './vi';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
const dictionaries: Record<Language, Record<MessageKey, string>> = { vi, en };

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

export const useLanguage = create<LanguageState>()(
  persist(
    (set) => ({
      language: 'vi',
      setLanguage: (language) => set({ language }),
    }),
    { name: 'ngo-so.language' },
  ),
);

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const text = dictionaries[language][key];
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
  // Stable per language, so effects that depend on it do not re-run on every render.
  return useCallback<Translate>((key, params) => translate(language, key, params), [language]);
}

export type { MessageKey };
