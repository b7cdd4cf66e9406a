import { parsePeriodKey, periodKey } from '../../../core/indicators/period';
import type { Period } from '../../../core/indicators/types';
import { useT } from '../../i18n/i18n';
import { communeYear } from '../../state/commune-clock';
import { Field } from '../../ui/fields';
import { choosePeriod } from './use-dashboard';

/** Years offered: the plan's first year (2025) to the commune's current one, and the chosen one. */
const FIRST_YEAR = 2025;

/** Quý 1–4 or Cả năm, and the year: the period every number of the dashboard is counted for. */
export function PeriodPicker({ period }: { period: string }) {
  const t = useT();
  const current = parsePeriodKey(period) ?? { kind: 'year', year: communeYear() };
  const last = Math.max(communeYear(), current.year);
  const years: number[] = [];
  for (let y = Math.min(FIRST_YEAR, current.year); y <= last; y += 1) years.push(y);
  const part = current.kind === 'year' ? 'year' : String(current.quarter);
  const pick = (next: Period) => choosePeriod(periodKey(next));
  return (
    <div className="period-picker">
      <Field label={t('dashboard.period.part')}>
        {({ id }) => (
          <select
            id={id}
            value={part}
            onChange={(e) => {
              const value = e.target.value;
              pick(
                value === 'year'
                  ? { kind: 'year', year: current.year }
                  : { kind: 'quarter', year: current.year, quarter: Number(value) as 1 | 2 | 3 | 4 },
              );
            }}
          >
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t('dashboard.period.quarter', { quarter: q })}
              </option>
            ))}
            <option value="year">{t('dashboard.period.wholeYear')}</option>
          </select>
        )}
      </Field>
      <Field label={t('dashboard.period.year')}>
        {({ id }) => (
          <select
            id={id}
            value={current.year}
            onChange={(e) => pick({ ...current, year: Number(e.target.value) })}
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

/** "Quý 4/2025" or "Năm 2025". */
export function periodLabel(t: ReturnType<typeof useT>, key: string): string {
  const period = parsePeriodKey(key);
  if (!period) return key;
  return period.kind === 'year'
    ? t('dashboard.period.yearLabel', { year: String(period.year) })
    : t('dashboard.period.quarterLabel', { quarter: period.quarter, year: String(period.year) });
}
