import type { Resident } from '../../../core/schemas';
import { useT } from '../../i18n/i18n';
import { statusDay } from '../households/register-status';

/**
 * A person's register status when it is not "present" (issue 18): away, moved out or deceased, with
 * the day it was learned. Nothing for someone who lives here.
 */
export function ResidentStatusBadge({ resident }: { resident: Pick<Resident, 'status' | 'statusOn'> }) {
  const t = useT();
  const { status, statusOn } = resident;
  if (status === undefined || status === 'present') return null;
  const label = t(`status.badge.${status}`);
  return (
    <span className={status === 'away' ? 'badge' : 'badge gone-badge'}>
      {statusOn ? t('status.badgeOn', { status: label, day: statusDay(statusOn) }) : label}
    </span>
  );
}
