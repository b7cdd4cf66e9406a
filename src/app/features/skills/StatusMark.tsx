import type { AssistStatus } from '../../../core/schemas';
import type { SkillCode } from '../../../core/skills/catalogue';
import { useT } from '../../i18n/i18n';
import { resultWords } from './step-words';

const ICON: Record<AssistStatus | 'none', string> = {
  done: '✓',
  in_progress: '◐',
  referred: '→',
  failed: '✗',
  none: '○',
};

/** A status told by an icon and the step's own words together, never by colour alone. */
export function StatusMark({ kind, status }: { kind: SkillCode; status: AssistStatus | undefined }) {
  const t = useT();
  const key = status ?? 'none';
  return (
    <span className={`status-mark status-${key}`}>
      <span aria-hidden="true" className="status-icon">
        {ICON[key]}
      </span>{' '}
      {t(resultWords(kind, key))}
    </span>
  );
}

/** The visible hint that an item is tapped to record a step (its button already says so to readers). */
export function RecordCue() {
  const t = useT();
  return (
    <span className="record-cue" aria-hidden="true">
      {t('skills.tapToRecord')} ›
    </span>
  );
}
