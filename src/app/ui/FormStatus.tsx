import { useT } from '../i18n/i18n';

/** Under a form: "fix the marked fields" when validation failed, and a save failure in plain words. */
export function FormStatus({ hasErrors, failure }: { hasErrors: boolean; failure?: string | undefined }) {
  const t = useT();
  return (
    <>
      {hasErrors && (
        <p className="error" role="alert">
          {t('err.formHasErrors')}
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </>
  );
}

export function SaveButton({ saving }: { saving: boolean }) {
  const t = useT();
  return (
    <button type="submit" className="button primary" disabled={saving}>
      {saving ? t('app.saving') : t('app.save')}
    </button>
  );
}
