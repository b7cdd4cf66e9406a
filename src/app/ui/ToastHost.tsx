import { useEffect } from 'react';
import { useT } from '../i18n/i18n';
import { useToast } from '../state/toast-store';

// Long enough to reach an undo button with a thumb; plain confirmations go sooner.
const UNDO_TOAST_MS = 8000;
const TOAST_MS = 4000;

export function ToastHost() {
  const t = useT();
  const toast = useToast((s) => s.toast);
  const dismiss = useToast((s) => s.dismiss);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => dismiss(toast.id), toast.action ? UNDO_TOAST_MS : TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast">
          <span>{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              className="button toast-action"
              onClick={async () => {
                dismiss(toast.id);
                await toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={t('app.close')}
            onClick={() => dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
