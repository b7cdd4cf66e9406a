import { parsePeriodKey, periodKey } from '../../../core/indicators/period';
import { useT } from '../../i18n/i18n';
import { communeYear } from '../../state/commune-clock';
import { Field } from '../../ui/fields';

/** The plan's first year: nothing is reported before it. */
const FIRST_YEAR = 2025;

/**
 * Quý 1–4 and the year of a unit's figures (plan VI.8: units report each quarter). `value` and the
 * answer are period keys ("2025-Q4").
 */
export function QuarterPicker({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  const t = useT();
  const parsed = parsePeriodKey(value);
  const current =
    parsed?.kind === 'quarter'
      ? parsed
      : { kind: 'quarter' as const, year: communeYear(), quarter: 1 as const };
  const years: number[] = [];
  for (let y = Math.min(FIRST_YEAR, current.year); y <= Math.max(communeYear(), current.year); y += 1)
    years.push(y);
  return (
    <div className="quarter-picker">
      <Field label={t('unitFigures.period')}>
        {({ id }) => (
          <select
            id={id}
            name="quarter"
            value={current.quarter}
            onChange={(e) =>
              onChange(periodKey({ ...current, quarter: Number(e.target.value) as 1 | 2 | 3 | 4 }))
            }
          >
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t('unitFigures.quarter', { quarter: q })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('unitFigures.year')}>
        {({ id }) => (
          <select
            id={id}
            name="year"
            value={current.year}
            onChange={(e) => onChange(periodKey({ ...current, year: Number(e.target.value) }))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
