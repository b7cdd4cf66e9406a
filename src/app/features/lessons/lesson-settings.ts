import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/**
 * The lessons screens' own settings on this phone (issue 20, part 2): how fast cards are read aloud.
 * A store of its own, loaded with the lessons chunk, so it adds nothing to the first load (the app's
 * settings-store.ts is first-load code).
 */

/**
 * The rates offered on the card screen (Web Speech API rate, 1 = the voice's normal speed). Slow is
 * the default: many residents taught at home are elderly, and a synthetic voice at full speed is
 * hard to follow for them (issue 20: "slower by default for the elderly").
 */
export const SPEECH_RATES = { slow: 0.8, medium: 0.9, fast: 1 } as const;
export type SpeechRateChoice = keyof typeof SPEECH_RATES;
export const SPEECH_RATE_CHOICES = Object.keys(SPEECH_RATES) as SpeechRateChoice[];
export const DEFAULT_SPEECH_RATE = SPEECH_RATES.slow;
/** The range a stored rate is kept in; anything else (a later version's value, a hand edit) is clamped. */
export const MIN_SPEECH_RATE = 0.5;
export const MAX_SPEECH_RATE = 1.2;

interface LessonSettingsState {
  /** @default 0.8 */
  speechRate: number;
  setSpeechRate: (rate: number) => void;
}

function clampRate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_SPEECH_RATE;
  return Math.min(MAX_SPEECH_RATE, Math.max(MIN_SPEECH_RATE, value));
}

/** The choice closest to a stored rate, for the radio buttons. */
export function rateChoice(rate: number): SpeechRateChoice {
  let best: SpeechRateChoice = 'slow';
  for (const choice of SPEECH_RATE_CHOICES) {
    if (Math.abs(SPEECH_RATES[choice] - rate) < Math.abs(SPEECH_RATES[best] - rate)) best = choice;
  }
  return best;
}

export const useLessonSettings = create<LessonSettingsState>()(
  persist(
    (set) => ({
      speechRate: DEFAULT_SPEECH_RATE,
      setSpeechRate: (rate) => set({ speechRate: clampRate(rate) }),
    }),
    {
      name: 'ngo-so.lessons',
      partialize: (s) => ({ speechRate: s.speechRate }),
      merge: (persisted, current) => ({
        ...current,
        speechRate: clampRate((persisted as Partial<LessonSettingsState> | undefined)?.speechRate),
      }),
    },
  ),
);
