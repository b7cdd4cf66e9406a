import type { DrillKey, PriorityKey } from '../../../core/indicators/types';
import type { VisitOutcome } from '../../../core/schemas';
import type { MessageKey, Translate } from '../../i18n/i18n';

/** The title of a drill-down list, which is also the label of a visit list made from it. */
export function drillTitle(t: Translate, key: DrillKey): string {
  const [head, middle = '', last = ''] = key.split('.');
  if (head === 'target') {
    if (last === 'all') return t(`dashboard.drill.target.${middle}.all` as MessageKey);
    const indicator = t(`dashboard.target.${middle}.who` as MessageKey);
    return t(last === 'met' ? 'dashboard.drill.targetMet' : 'dashboard.drill.targetMissing', { indicator });
  }
  if (head === 'funnel' && middle === 'at')
    return t('dashboard.drill.atStep', { step: t(`skill.${last}` as MessageKey) });
  if (head === 'households' && middle === 'notFluent' && last) {
    return t('dashboard.drill.notFluent', { skill: t(`skill.${last}` as MessageKey) });
  }
  if (head === 'households' && middle === 'outcome')
    return t('dashboard.drill.outcome', { outcome: t(`visit.outcome.${last as VisitOutcome}`) });
  if (head === 'priority' && last === 'all') return t(`dashboard.priority.${middle as PriorityKey}`);
  if (head === 'priority') return t(`dashboard.drill.priority.${middle as PriorityKey}`);
  return t(`dashboard.drill.${key}` as MessageKey);
}

/** Where a number's list opens: under the village's dashboard, or the commune's. */
export function drillHref(villageId: string | undefined, key: DrillKey): string {
  return `${villageId ? `/v/${villageId}/dashboard` : '/dashboard'}/list/${key}`;
}
