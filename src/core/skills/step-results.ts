/**
 * The results a helper may record for each step (issue 15, kind 7): only the choices that can be
 * true of that step, so no two choices seem right at once. Being sent to the commune police *is*
 * the step "Đã hẹn lên Công an xã", so that step is either done (the appointment made, or taken
 * there) or not managed; "sent elsewhere" is offered only where someone else finishes the job (the
 * bank opens the account). Words live in the dictionaries (`app/features/skills/step-words.ts`).
 */
import type { AssistStatus } from '../schemas';
import type { SkillCode } from './catalogue';

const GENERIC: readonly AssistStatus[] = ['done', 'in_progress', 'failed'];

const RESULTS: Partial<Record<SkillCode, readonly AssistStatus[]>> = {
  // Installing is done or not; there is nothing to be half-way through.
  vneid_installed: ['done', 'failed'],
  vneid_level2_referred: ['done', 'failed'],
  digital_bank_account: ['done', 'in_progress', 'referred', 'failed'],
};

/** The results offered when recording `kind`, in the order shown ("done" first). */
export function stepResults(kind: SkillCode): readonly AssistStatus[] {
  return RESULTS[kind] ?? GENERIC;
}

/**
 * The results a visit can record for a step without more questions: every result but "failed",
 * which needs a reason (recorded on the person's profile instead).
 */
export function visitResults(kind: SkillCode): readonly AssistStatus[] {
  return stepResults(kind).filter((s) => s !== 'failed');
}
