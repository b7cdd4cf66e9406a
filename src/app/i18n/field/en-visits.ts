import type { viVisits } from './vi-visits';

export const enVisits: Record<keyof typeof viVisits, string> = {};
