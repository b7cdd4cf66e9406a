import { useEffect, useId, useRef, useState } from 'react';
import { classRepository } from '../../db/class-repository';
import { useT } from '../../i18n/i18n';

const MAX_WALK_INS = 1000;

/**
 * People who came but are not in the register: counted with − / + or typed. The shown number is
 * the local one while writes are in flight, so fast taps add up instead of reading back stale rows.
 */
export function WalkInCounter({ classId, walkIns }: { classId: string; walkIns: number }) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState(String(walkIns));
  const [invalid, setInvalid] = useState(false);
  const pending = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  // Follows the stored count (e.g. a teammate's phone synced), but never mid-write.
  useEffect(() => {
    if (pending.current === 0) setDraft(String(walkIns));
  }, [walkIns]);

  function save(next: number) {
    const value = Math.min(MAX_WALK_INS, Math.max(0, next));
    setDraft(String(value));
    setInvalid(false);
    pending.current += 1;
    // Writes run one after another, so the last tap is the last value stored.
    queue.current = queue.current
      .then(() => classRepository.setWalkIns(classId, value))
      .finally(() => {
        pending.current -= 1;
      });
  }

  const current = /^\d+$/.test(draft.trim()) ? Number(draft.trim()) : walkIns;

  function commitTyped() {
    const text = draft.trim();
    if (!/^\d+$/.test(text) || Number(text) > MAX_WALK_INS) {
      setInvalid(true);
      return;
    }
    if (Number(text) !== walkIns || pending.current > 0) save(Number(text));
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
          disabled={current <= 0}
          onClick={() => save(current - 1)}
        >
          −
        </button>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          value={draft}
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
          onClick={() => save(current + 1)}
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
