/** Words for the visits screens (owned by that feature; vi.ts merges every fragment). */
export const viVisits = {} as const;
