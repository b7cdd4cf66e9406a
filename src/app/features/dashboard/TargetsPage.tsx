import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { PLAN_TARGETS, targetsForYear } from '../../../core/indicators/targets';
import type { TargetValue } from '../../../core/indicators/types';
import { MAX_TARGET_YEAR, TARGET_CODES, type TargetCode } from '../../../core/schemas';
import { targetRepository } from '../../db/target-repository';
import { type Translate, useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { TargetRowEditor, targetLetter, targetText } from './TargetRowEditor';
import './targets.css';

/** The plan's years, always shown (DESIGN §5). */
const PLAN_YEARS = Object.keys(PLAN_TARGETS).map(Number);

const SOURCE_KEYS = {
  commune: 'targets.setByCommune',
  plan: 'targets.fromPlan',
  carried: 'targets.carried',
} as const;

/**
 * "Chỉ tiêu của xã" (issue 18, item 3): the six indicators of plan section III for 2025, 2026 and
 * any later year the commune has set (or added here), each with its value and where it comes from.
 * Commune officers edit a row at a time; members and leads see the same table read-only, since the
 * server takes targets from commune officers only (scope.ts).
 */
export default function TargetsPage() {
  const t = useT();
  const role = useSession((s) => s.session?.user.role);
  const canEdit = role === 'commune';
  const rows = useLiveQuery(() => targetRepository.all(), []);
  const [addedYears, setAddedYears] = useState<number[]>([]);
  const [editing, setEditing] = useState<string | undefined>();

  if (!rows) return <p>{t('app.loading')}</p>;
  const rowYears = rows.filter((r) => !r.deletedAt).map((r) => r.year);
  const years = [...new Set([...PLAN_YEARS, ...rowYears, ...addedYears])].sort((a, b) => a - b);
  const nextYear = Math.max(...years) + 1;

  return (
    <section className="targets-page">
      <h1>{t('targets.title')}</h1>
      <p className="hint">{t('targets.intro')}</p>
      {!canEdit && <p className="notice">{t('targets.readOnly')}</p>}
      {years.map((year) => {
        const values = targetsForYear(rows, year);
        const fallbacks = targetsForYear(
          rows.filter((r) => r.year !== year),
          year,
        );
        return (
          <section key={year} aria-labelledby={`targets-${year}`}>
            <h2 id={`targets-${year}`}>{t('targets.yearTitle', { year: String(year) })}</h2>
            <ul className="list target-list" data-testid={`targets-${year}`}>
              {TARGET_CODES.map((code) => {
                const key = `${year}:${code}`;
                return (
                  <li key={code} className="target-row" data-testid={`target-${year}-${code}`}>
                    <TargetLine t={t} code={code} value={values[code]} />
                    {canEdit && editing !== key && (
                      <button
                        type="button"
                        className="button"
                        aria-label={t('targets.editLabel', {
                          letter: targetLetter(code),
                          year: String(year),
                        })}
                        onClick={() => setEditing(key)}
                      >
                        {t('targets.edit')}
                      </button>
                    )}
                    {canEdit && editing === key && (
                      <TargetRowEditor
                        year={year}
                        code={code}
                        value={values[code]}
                        fallback={fallbacks[code]}
                        onDone={() => setEditing(undefined)}
                      />
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {canEdit && nextYear <= MAX_TARGET_YEAR && (
        <button type="button" className="button wide" onClick={() => setAddedYears((y) => [...y, nextYear])}>
          + {t('targets.addYear')} {nextYear}
        </button>
      )}
    </section>
  );
}

function TargetLine({ t, code, value }: { t: Translate; code: TargetCode; value: TargetValue }) {
  return (
    <div className="target-line">
      <span className="target-letter" aria-hidden="true">
        {targetLetter(code)}
      </span>
      <span className="target-name">
        <span className="visually-hidden">{t('targets.letter', { letter: targetLetter(code) })}: </span>
        {t(`targets.code.${code}`)}
      </span>
      <span className="target-value">
        <strong>{targetText(t, value)}</strong>{' '}
        <span className={value.source === 'commune' ? 'badge' : 'badge plan'}>
          {t(SOURCE_KEYS[value.source])}
        </span>
      </span>
    </div>
  );
}
