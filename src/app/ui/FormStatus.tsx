import { type MessageKey, useT } from '../i18n/i18n';

interface Props {
  /** Field path → message key, as forms hold them ("consent.purposes" → "err.consentPurpose"). */
  errors: Readonly<Record<string, MessageKey | undefined>>;
  /** What each field is called on this form, by path; a path without a label says so plainly. */
  labels: Readonly<Record<string, string>>;
  /** A save that failed for a reason other than the input, in words. */
  failure?: string | undefined;
}

/**
 * Under a form: every refusal, each naming its field (issue 13, kind 8). The fields show their own
 * errors too; this list also covers a rule whose field has no place of its own on the form (a limit
 * on a list, a rule between two fields), so "fix the marked fields" is never said with nothing marked.
 */
export function FormStatus({ errors, labels, failure }: Props) {
  const t = useT();
  const entries = Object.entries(errors).filter((e): e is [string, MessageKey] => e[1] !== undefined);
  return (
    <>
      {entries.length > 0 && (
        <div className="error error-summary" role="alert" data-testid="form-errors">
          <p>{t('err.formHasErrors')}</p>
          <ul>
            {entries.map(([path, message]) => (
              <li key={path}>
                {labels[path] ?? labels[path.split('.')[0] ?? ''] ?? t('form.otherField')}: {t(message)}
              </li>
            ))}
          </ul>
        </div>
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
