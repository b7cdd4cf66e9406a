import { useEffect } from 'react';
import { useSearch } from 'wouter';
import { communeToday } from '../../state/commune-clock';
import { useRoundSettings } from './round-settings';

/**
 * Walking a round: the round planner opens a household (or its visit screen) with `?from=round`, the
 * household page passes it on to "Ghé thăm", and a saved visit goes straight back to the round's
 * list, next house in view — one tap less per door than returning through the household page.
 */
export const FROM_ROUND = 'from=round';

export function useFromRound(): boolean {
  return new URLSearchParams(useSearch()).get('from') === 'round';
}

export function withRound(path: string, fromRound: boolean): string {
  return fromRound ? `${path}?${FROM_ROUND}` : path;
}

/**
 * Whether a household's page belongs to a round, and if so remembers the household as the round's
 * place (issue 15, kind 3): the round then reopens at the door after it. A page opened from the round
 * says so in its address; the house the round is at today counts too, so a resident added or the
 * household edited on the way (pages that know nothing of rounds) does not lose the way back.
 */
export function useRoundTrail(villageId: string, householdId: string): boolean {
  const fromRound = useFromRound();
  const today = communeToday();
  const place = useRoundSettings((s) => s.places[villageId]);
  const remember = useRoundSettings((s) => s.remember);
  useEffect(() => {
    if (fromRound && householdId) remember(villageId, { householdId, day: today });
  }, [fromRound, villageId, householdId, today, remember]);
  return fromRound || (place?.householdId === householdId && place.day === today);
}
