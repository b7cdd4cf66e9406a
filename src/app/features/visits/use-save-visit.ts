import { useCallback } from 'react';
import { type Visit, type VisitFields, visitFields } from '../../../core/schemas';
import type { ValidationMessage } from '../../../core/validation';
import { ValidationError } from '../../db/repository-errors';
import { type VisitStepChoices, visitRepository } from '../../db/visit-repository';
import { translate } from '../../i18n/i18n';
import { nowIso } from '../../state/commune-clock';
import { useMemberName } from '../../state/member-name';
import { formErrors } from '../../ui/form-errors';

/** What the screen decides; who, which household and when are filled in here. */
export type VisitDetails = Pick<
  VisitFields,
  'outcome' | 'followUpOn' | 'residentIds' | 'topics' | 'notes'
> & {
  /** For a met visit: what was done for whom, recorded on their profiles in the same save. */
  steps?: VisitStepChoices;
};

export type SaveVisitResult = { visit: Visit } | { errors: Record<string, ValidationMessage> };

/**
 * Saves a visit made now by whoever is recording on this phone, with the skill steps it says were
 * done (visitRepository.save). A missing member name never blocks a
 * visit: it is recorded as "Tổ viên" (in Vietnamese whatever the screen language, since it is data
 * the whole commune reads). Returns field errors instead of saving when a rule is broken; other
 * failures (storage) throw.
 */
export function useSaveVisit(villageId: string, householdId: string) {
  const memberName = useMemberName();
  return useCallback(
    async ({ steps, ...details }: VisitDetails): Promise<SaveVisitResult> => {
      const input = {
        ...details,
        householdId,
        visitedAt: nowIso(),
        members: [memberName ?? translate('vi', 'visits.defaultMember')],
      };
      const parsed = visitFields.safeParse(input);
      const errors = formErrors(parsed, input);
      if (!parsed.success || Object.keys(errors).length > 0) return { errors };
      try {
        return { visit: (await visitRepository.save(villageId, parsed.data, steps)).visit };
      } catch (error) {
        if (error instanceof ValidationError) return { errors: error.fields };
        throw error;
      }
    },
    [villageId, householdId, memberName],
  );
}
