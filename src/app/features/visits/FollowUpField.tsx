import { addDays } from '../../../core/dates';
import { type MessageKey, useT } from '../../i18n/i18n';
import { Field } from '../../ui/fields';
import { formatDay } from './visit-format';

/** The usual answers to "when shall we come back?", one tap each. */
const QUICK_DAYS: ReadonlyArray<{ days: number; label: MessageKey }> = [
  { days: 1, label: 'visits.chip.tomorrow' },
  { days: 3, label: 'visits.chip.3days' },
  { days: 7, label: 'visits.chip.week' },
];

interface Props {
  /** "YYYY-MM-DD", or "" for no follow-up. */
  value: string;
  onChange: (day: string) => void;
  today: string;
  required: boolean;
  error?: MessageKey | undefined;
}

/** Quick day chips and a date input for the day to come back. */
export function FollowUpField({ value, onChange, today, required, error }: Props) {
  const t = useT();
  return (
    <fieldset className="follow-up">
      <legend>{required ? t('visits.followUpLegendRequired') : t('visits.followUpLegend')}</legend>
      <div className="chips">
        {QUICK_DAYS.map(({ days, label }) => {
          const day = addDays(today, days);
          const chosen = value === day;
          return (
            <button
              key={days}
              type="button"
              className="button chip-button"
              aria-pressed={chosen}
              onClick={() => onChange(day)}
            >
              {chosen && '✓ '}
              {t(label)} ({formatDay(day, today)})
            </button>
          );
        })}
      </div>
      <Field label={t('visits.followUpDay')} hint={t('visits.followUpHint')} error={error}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="date"
            name="followUpOn"
            min={today}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </Field>
      {!required && value && (
        <button type="button" className="button small" onClick={() => onChange('')}>
          {t('visits.clearFollowUp')}
        </button>
      )}
    </fieldset>
  );
}
