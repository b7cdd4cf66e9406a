import type { Household } from '../../../core/schemas';

/** Household page: "Ghé thăm" and the visit history (issue 4). */
export function VisitSection(_props: { household: Household }) {
  return null;
}
