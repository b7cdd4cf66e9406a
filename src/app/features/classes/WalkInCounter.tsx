import { useId, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { MAX_WALK_INS } from './use-walk-ins';

interface Props {
  walkIns: number;
  onChange: (walkIns: number) => void;
}

/** People who came but are not in the register: counted with − / + or typed. */
export function WalkInCounter({ walkIns, onChange }: Props) {
  const t = useT();
  const id = useId();
  /** Text being typed in the box, until it is committed. */
  const [draft, setDraft] = useState<string | undefined>();
  const [invalid, setInvalid] = useState(false);

  function change(next: number) {
    setDraft(undefined);
    setInvalid(false);
    if (next !== walkIns) onChange(next);
  }

  function commitTyped() {
    if (draft === undefined) return;
    const text = draft.trim();
    if (!/^\d+$/.test(text) || Number(text) > MAX_WALK_INS) setInvalid(true);
    else change(Number(text));
  }

  return (
    <div className="walk-ins">
      <label htmlFor={id}>{t('classes.walkInsCount')}</label>
      <p id={`${id}-hint`} className="hint">
        {t('classes.walkInsHint')}
      </p>
      <div className="stepper">
        <button
          type="button"
          className="button stepper-button"
          aria-label={t('classes.walkInsLess')}
          disabled={walkIns <= 0}
          onClick={() => change(walkIns - 1)}
        >
          −
        </button>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          value={draft ?? String(walkIns)}
          aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={invalid}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commitTyped}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitTyped();
          }}
        />
        <button
          type="button"
          className="button stepper-button"
          aria-label={t('classes.walkInsMore')}
          onClick={() => change(walkIns + 1)}
        >
          +
        </button>
      </div>
      {invalid && (
        <p id={`${id}-error`} className="error" role="alert">
          {t('err.wholeNumber')}
        </p>
      )}
    </div>
  );
}
