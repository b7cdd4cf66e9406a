import { useState } from 'react';
import type { TargetValue } from '../../../core/indicators/types';
import type { TargetCode } from '../../../core/schemas';
import type { ValidationMessage } from '../../../core/validation';
import { ValidationError } from '../../db/repository-errors';
import { targetRepository } from '../../db/target-repository';
import { type Translate, useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Checkbox, TextField } from '../../ui/fields';

/** How the plan writes an indicator's letter: `dd` is stored in ASCII, shown as "đ". */
export function targetLetter(code: TargetCode): string {
  return code === 'dd' ? 'đ' : code;
}

/** "95%" or "trên 80%". */
export function targetText(t: Translate, value: { percent: number; above: boolean }): string {
  return t(value.above ? 'targets.valueAbove' : 'targets.value', { percent: value.percent });
}

/**
 * A typed share → a number for the schema: digits with at most one decimal separator (a comma, as
 * written in Vietnam, or a point). Anything else is NaN, which the schema refuses with err.percent.
 */
export function parsePercent(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,3}([.,]\d{1,2})?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}

interface Props {
  year: number;
  code: TargetCode;
  value: TargetValue;
  /** The value the target falls back to when the commune's is cleared (plan or carried). */
  fallback: TargetValue;
  onDone: () => void;
}

/**
 * A commune officer's editor for one target (issue 18, item 3): a share from 0 to 100 and "trên",
 * saved on its own; a value the commune set can be cleared back to the plan's, after a confirmation.
 * A bad share is refused beside the field and nothing is written.
 */
export function TargetRowEditor({ year, code, value, fallback, onDone }: Props) {
  const t = useT();
  const showToast = useToast((s) => s.show);
  const [percent, setPercent] = useState(String(value.percent));
  const [above, setAbove] = useState(value.above);
  const [error, setError] = useState<ValidationMessage | undefined>();
  const [saving, setSaving] = useState(false);
  const [confirmingClear, setConfirmingClear] = useState(false);
  const letter = targetLetter(code);

  async function save() {
    setError(undefined);
    setSaving(true);
    try {
      await targetRepository.set(year, code, parsePercent(percent), above);
      showToast({ message: t('targets.saved', { letter, year: String(year) }) });
      onDone();
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      setError(e.fields.percent ?? Object.values(e.fields)[0] ?? 'err.invalid');
    } finally {
      setSaving(false);
    }
  }

  async function clear() {
    setConfirmingClear(false);
    await targetRepository.clear(year, code);
    showToast({ message: t('targets.cleared', { letter, year: String(year) }) });
    onDone();
  }

  return (
    <div className="target-editor">
      <TextField
        name={`percent-${year}-${code}`}
        label={t('targets.percent')}
        inputMode="numeric"
        value={percent}
        onChange={setPercent}
        error={error}
      />
      <Checkbox
        name={`above-${year}-${code}`}
        label={t('targets.above')}
        checked={above}
        onChange={setAbove}
      />
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          {t('app.cancel')}
        </button>
        <button type="button" className="button primary" disabled={saving} onClick={() => void save()}>
          {t('targets.save')}
        </button>
      </div>
      {value.source === 'commune' && (
        <button type="button" className="button wide" onClick={() => setConfirmingClear(true)}>
          {t('targets.clear')}
        </button>
      )}
      <ConfirmDialog
        open={confirmingClear}
        title={t('targets.clearTitle', { letter, year: String(year) })}
        body={t('targets.clearBody', { plan: targetText(t, fallback) })}
        confirmLabel={t('targets.clear')}
        onConfirm={() => void clear()}
        onCancel={() => setConfirmingClear(false)}
      />
    </div>
  );
}
