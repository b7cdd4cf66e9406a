import { useEffect, useState } from 'react';
import { isStorageError } from '../../db/storage-errors';
import { useT } from '../../i18n/i18n';
import { saveFailedMessage } from '../../ui/use-save-form';

/**
 * A write that failed where no form was waiting for it (a tick at a class, an undo, a delete) still
 * says why when the cause is the phone's storage (issue 13, kind 10), and stays until it is read:
 * a full phone does not fix itself in four seconds.
 */
export function StorageAlert() {
  const t = useT();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const onRejection = (event: PromiseRejectionEvent) => {
      if (isStorageError(event.reason)) setError(event.reason);
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, []);
  if (error === undefined) return null;
  return (
    <div className="banner storage-alert" role="alert" data-testid="storage-alert">
      <span>{saveFailedMessage(t, error)}</span>
      <button type="button" className="button" onClick={() => setError(undefined)}>
        {t('app.close')}
      </button>
    </div>
  );
}
