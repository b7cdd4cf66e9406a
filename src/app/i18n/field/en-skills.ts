import type { viSkills } from './vi-skills';

export const enSkills: Record<keyof typeof viSkills, string> = {};
