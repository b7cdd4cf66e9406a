import type { DrillKey, PriorityKey } from '../../../core/indicators/types';
import type { MessageKey, Translate } from '../../i18n/i18n';

/** The title of a drill-down list, which is also the label of a visit list made from it. */
export function drillTitle(t: Translate, key: DrillKey): string {
  const [head, middle = '', last = ''] = key.split('.');
  if (head === 'target') {
    const indicator = t(`dashboard.target.${middle}.who` as MessageKey);
    return t(last === 'met' ? 'dashboard.drill.targetMet' : 'dashboard.drill.targetMissing', { indicator });
  }
  if (head === 'funnel' && middle === 'at')
    return t('dashboard.drill.atStep', { step: t(`skill.${last}` as MessageKey) });
  if (head === 'households' && middle === 'notFluent' && last) {
    return t('dashboard.drill.notFluent', { skill: t(`skill.${last}` as MessageKey) });
  }
  if (head === 'priority') return t(`dashboard.drill.priority.${middle as PriorityKey}`);
  return t(`dashboard.drill.${key}` as MessageKey);
}

/** Where a number's list opens: under the village's dashboard, or the commune's. */
export function drillHref(villageId: string | undefined, key: DrillKey): string {
  return `${villageId ? `/v/${villageId}/dashboard` : '/dashboard'}/list/${key}`;
}
