/** Words for the skills screens (owned by that feature; vi.ts merges every fragment). */
export const viSkills = {} as const;
