import { useSearch } from 'wouter';

/**
 * Walking a round: the round planner opens a household with `?from=round`, the household page passes
 * it on to "Ghé thăm", and a saved visit goes straight back to the round's list, next house in view —
 * one tap less per door than returning through the household page.
 */
export const FROM_ROUND = 'from=round';

export function useFromRound(): boolean {
  return new URLSearchParams(useSearch()).get('from') === 'round';
}

export function withRound(path: string, fromRound: boolean): string {
  return fromRound ? `${path}?${FROM_ROUND}` : path;
}
