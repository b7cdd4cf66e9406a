import type { viClasses } from './vi-classes';

export const enClasses: Record<keyof typeof viClasses, string> = {};
