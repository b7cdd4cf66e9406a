import type { viA11y } from './vi-a11y';

export const enA11y: Record<keyof typeof viA11y, string> = {
  'textSize.title': 'Text size',
  'textSize.hint': 'Larger text on every screen. It changes as soon as you choose.',
  'textSize.normal': 'Normal',
  'textSize.large': 'Large',
  'textSize.larger': 'Very large',
  'textSize.previewLabel': 'Preview',
  'textSize.previewText': 'Mrs Lường Thị Đào, 76, has activated her electronic ID account at level 2.',
  'a11y.skipToContent': 'Skip to main content',
};
