import { useState } from 'react';
import type { ValidationMessage } from '../../core/validation';
import { ValidationError } from '../db/repository-errors';
import { errorCause } from '../db/storage-errors';
import { type Translate, useT } from '../i18n/i18n';

/**
 * A save that failed for a reason other than the person's input, in words that tell the real cause
 * (storage full, storage not opening, a bug) and what was kept (issue 13, kind 10).
 */
export function saveFailedMessage(t: Translate, error: unknown): string {
  switch (errorCause(error)) {
    case 'storage_full':
      return t('err.storageFull');
    case 'storage_unavailable':
      return t('err.storageUnavailable');
    default:
      return t('app.saveFailed', { detail: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * What a form keeps while it saves through a repository: errors beside the fields, a failure in
 * words under the form, and whether a save is running. `run` clears the old field errors, then turns
 * a repository's ValidationError into field errors and any other error into the failure; nothing is
 * written in either case, so the person can fix it and save again.
 */
export function useSaveForm() {
  const t = useT();
  const [errors, setErrors] = useState<Record<string, ValidationMessage>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  async function run(write: () => Promise<void>): Promise<void> {
    setErrors({});
    setSaving(true);
    try {
      await write();
    } catch (error) {
      if (error instanceof ValidationError) setErrors(error.fields);
      else setFailure(saveFailedMessage(t, error));
    } finally {
      setSaving(false);
    }
  }

  return { errors, setErrors, failure, setFailure, saving, run };
}
