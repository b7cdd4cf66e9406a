import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { hiddenMask, redactForbiddenDeep } from '../../core/forbidden-data';

/**
 * Text size chosen on this phone ("Cỡ chữ"). It scales the root font size, and every length in
 * styles.css is in rem/em, so the whole layout grows with it (WCAG 1.4.4). It multiplies the
 * browser's own text size rather than replacing it: a phone already set to large text gets larger.
 */
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const TEXT_SCALE: Readonly<Record<TextSize, number>> = { normal: 1, large: 1.25, larger: 1.5 };

/** The root font size at "normal", in percent of the browser's default (17 px at the usual 16 px). */
export const ROOT_FONT_PERCENT = 106.25;

interface SettingsState {
  /** The team member's display name on this phone, used as "consent recorded by". */
  memberName: string;
  setMemberName: (name: string) => void;
  /** @default 'normal' */
  textSize: TextSize;
  setTextSize: (size: TextSize) => void;
}

function isTextSize(value: unknown): value is TextSize {
  return (TEXT_SIZES as readonly unknown[]).includes(value);
}

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      memberName: '',
      setMemberName: (memberName) => set({ memberName }),
      textSize: 'normal',
      setTextSize: (textSize) => set({ textSize }),
    }),
    {
      name: 'ngo-so.settings',
      // What is kept never holds an ID number, OTP or password typed as a name (issue 14, kind 6):
      // the settings page shows the refusal beside the field, and storage keeps "***" in its place.
      partialize: (s) => ({
        memberName: redactForbiddenDeep(s.memberName, hiddenMask),
        textSize: s.textSize,
      }),
      // A value written by a later version (or by hand) must not leave the app without a font size.
      merge: (persisted, current) => {
        const stored = (persisted ?? {}) as Partial<SettingsState>;
        return {
          ...current,
          ...stored,
          textSize: isTextSize(stored.textSize) ? stored.textSize : current.textSize,
        };
      },
    },
  ),
);

/** Sets the root font size for a text size; exported for tests and for a preview. */
export function applyTextSize(size: TextSize, root: HTMLElement = document.documentElement): void {
  root.style.fontSize = `${ROOT_FONT_PERCENT * TEXT_SCALE[size]}%`;
  root.dataset.textSize = size;
}

// Applied when this module loads: localStorage hydrates synchronously, and the app shell imports this
// store before React renders, so the first frame already has the chosen size (no jump after load).
if (typeof document !== 'undefined') {
  applyTextSize(useSettings.getState().textSize);
  useSettings.subscribe((state, previous) => {
    if (state.textSize !== previous.textSize) applyTextSize(state.textSize);
  });
}
