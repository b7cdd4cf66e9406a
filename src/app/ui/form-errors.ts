import type { z } from 'zod';
import { dateIssues } from '../../core/date-rules';
import { fieldErrors, type ValidationMessage } from '../../core/validation';
import { communeNowMs } from '../state/commune-clock';

/**
 * Every refusal of a form at once, each beside its field (issue 13, kind 8): the schema's, and the
 * date rules' (core/date-rules.ts, on the corrected clock) that the repository would otherwise only
 * raise once everything else is right — one slip found per tap of *Lưu*.
 * @param result the schema's verdict on `input`; `input` the record as the form would save it.
 */
export function formErrors(
  result: z.ZodSafeParseResult<unknown>,
  input: Readonly<Record<string, unknown>>,
): Record<string, ValidationMessage> {
  const out = result.success ? {} : fieldErrors(result.error);
  for (const issue of dateIssues(input, communeNowMs())) out[issue.field] ??= issue.message;
  return out;
}
