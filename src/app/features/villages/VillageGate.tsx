import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import { useSession } from '../../sync/session';
import { NotFound } from '../../ui/NotFound';
import { useVillage } from './use-village';
import { useVillageVisibility } from './use-visible-villages';

const VILLAGE_PATH = /^\/v\/([^/]+)/;

/**
 * Every page of a village (/v/:villageId/…) passes here: a village the logged-in account may not see
 * is not shown, whatever link or history entry led to it (issue 13, kind 3).
 */
export function VillageGate({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const villageId = VILLAGE_PATH.exec(location)?.[1];
  if (!villageId) return <>{children}</>;
  return <GatedVillage villageId={villageId}>{children}</GatedVillage>;
}

function GatedVillage({ villageId, children }: { villageId: string; children: ReactNode }) {
  const village = useVillage(villageId);
  const visible = useVillageVisibility();
  const loggedIn = useSession((s) => s.session !== undefined);
  if (village && !visible(village)) {
    return <NotFound backHref="/" message="account.notYourVillage" backLabel="app.goHome" />;
  }
  // Not on the phone and not the account's: a village dropped when another account logged in, or
  // taken away — say so, not a bare "page not found" (a village of its own still on its way shows
  // its page, which waits for the sync).
  if (village === null && loggedIn && !visible({ id: villageId.toLowerCase() })) {
    return <NotFound backHref="/" message="account.villageNotHere" backLabel="app.goHome" />;
  }
  return <>{children}</>;
}
