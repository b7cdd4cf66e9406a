/** Words for the a11y screens (owned by that feature; vi.ts merges every fragment). */
export const viA11y = {} as const;
