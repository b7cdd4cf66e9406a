/** Words for the classes screens (owned by that feature; vi.ts merges every fragment). */
export const viClasses = {} as const;
