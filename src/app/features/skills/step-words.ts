import type { AssistStatus } from '../../../core/schemas';
import type { SkillCode } from '../../../core/skills/catalogue';
import type { MessageKey } from '../../i18n/i18n';

/**
 * Where a step's result has words of its own (issue 15, kind 7): "Đã hẹn/đưa đến Công an xã" rather
 * than a generic "done", so each choice says exactly what happened. Every other result uses the
 * generic `assist.status.*` words. Results a step no longer offers (an old "referred" on the police
 * step) still read right here, since rows recorded before stay in the history.
 */
const OWN_WORDS: Partial<Record<SkillCode, Partial<Record<AssistStatus, MessageKey>>>> = {
  vneid_installed: { done: 'step.vneid_installed.done', failed: 'step.vneid_installed.failed' },
  vneid_level1: {
    done: 'step.vneid_level1.done',
    in_progress: 'step.vneid_level1.in_progress',
    failed: 'step.vneid_level1.failed',
  },
  vneid_level2_referred: {
    done: 'step.vneid_level2_referred.done',
    referred: 'step.vneid_level2_referred.done',
    failed: 'step.vneid_level2_referred.failed',
  },
  vneid_level2_active: {
    done: 'step.vneid_level2_active.done',
    in_progress: 'step.vneid_level2_active.in_progress',
    failed: 'step.vneid_level2_active.failed',
  },
  vneid_skills_confirmed: {
    done: 'step.vneid_skills_confirmed.done',
    in_progress: 'step.vneid_skills_confirmed.in_progress',
    failed: 'step.vneid_skills_confirmed.failed',
  },
  digital_bank_account: { referred: 'step.digital_bank_account.referred' },
};

/** The words of `status` for the step `kind`; "none" (nothing recorded) is the same for every step. */
export function resultWords(kind: SkillCode, status: AssistStatus | 'none'): MessageKey {
  return (status !== 'none' && OWN_WORDS[kind]?.[status]) || `assist.status.${status}`;
}
