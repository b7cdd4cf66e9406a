import type { viA11y } from './vi-a11y';

export const enA11y: Record<keyof typeof viA11y, string> = {};
