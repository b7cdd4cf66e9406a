import { useSession } from '../sync/session';
import { useSettings } from './settings-store';

/**
 * Who is recording (visits' team members, assists' "by"): the name set on this phone, else the
 * logged-in account's display name. Undefined when neither exists; screens then ask for it once
 * rather than blocking a visit.
 */
export function useMemberName(): string | undefined {
  const memberName = useSettings((s) => s.memberName.trim());
  const displayName = useSession((s) => s.session?.user.displayName.trim());
  return memberName || displayName || undefined;
}
