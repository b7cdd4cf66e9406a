import { useCallback } from 'react';
import { useT } from '../i18n/i18n';
import { useToast } from './toast-store';

export interface UndoToast {
  message: string;
  undo: () => undefined | Promise<unknown>;
  /** Said once the undo has run ("Đã khôi phục …"), if anything needs saying. */
  undone?: string;
}

/** The one-tap "Hoàn tác" after a delete or a quick save: cheap to offer, and it saves a lot of worry. */
export function useUndoToast(): (toast: UndoToast) => void {
  const t = useT();
  const show = useToast((s) => s.show);
  return useCallback(
    ({ message, undo, undone }: UndoToast) =>
      show({
        message,
        action: {
          label: t('app.undo'),
          run: async () => {
            await undo();
            if (undone) show({ message: undone });
          },
        },
      }),
    [t, show],
  );
}
