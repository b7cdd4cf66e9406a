import { useMemo, useState } from 'react';
import { HOUSEHOLD_STATUSES, type HouseholdStatus } from '../../../core/schemas';
import { foldForSearch, matchesTerms, queryTerms } from '../../../core/search';
import type { ValidationMessage } from '../../../core/validation';
import { useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { Field, RadioGroup } from '../../ui/fields';
import { useVillageRows } from '../villages/use-village-rows';
import { householdGone } from './register-status';

export interface HouseholdStatusValue {
  status: HouseholdStatus;
  /** "YYYY-MM-DD", or '' while none is chosen. */
  statusOn: string;
  /** The id of the household its people joined; '' while none is picked. */
  mergedInto: string;
}

interface Props {
  villageId: string;
  /** The household being edited (never offered as its own merge target); undefined for a new one. */
  selfId: string | undefined;
  value: HouseholdStatusValue;
  stored: { status?: HouseholdStatus | undefined; statusOn?: string | undefined } | undefined;
  errors: Partial<Record<string, ValidationMessage>>;
  onChange: (value: HouseholdStatusValue) => void;
}

/** Households offered at once in the merge list: a search narrows a village of 2,000 to a few. */
const MAX_CHOICES = 50;

/**
 * The household's register status (issue 18, item 1): lives here, the whole household moved out, or
 * merged into another household of the same village, picked from a select narrowed by a name search.
 * The day it was learned defaults to today in the commune's calendar and may not be in the future.
 */
export function HouseholdStatusField({ villageId, selfId, value, stored, errors, onChange }: Props) {
  const t = useT();
  const today = communeToday();
  const [query, setQuery] = useState('');
  const households = useVillageRows('households', villageId);
  const choices = useMemo(() => {
    const terms = queryTerms(query);
    const live = (households ?? []).filter(
      (h) =>
        !h.deletedAt &&
        h.id !== selfId &&
        (h.id === value.mergedInto || (!householdGone(h) && matchesTerms(foldForSearch(h.label), terms))),
    );
    live.sort((a, b) => a.label.localeCompare(b.label, 'vi'));
    const shown = live.slice(0, MAX_CHOICES);
    const picked = live.find((h) => h.id === value.mergedInto);
    return picked && !shown.includes(picked) ? [picked, ...shown] : shown;
  }, [households, selfId, query, value.mergedInto]);

  function choose(status: HouseholdStatus) {
    if (status === 'active') return onChange({ status, statusOn: '', mergedInto: '' });
    const statusOn = status === stored?.status && stored.statusOn ? stored.statusOn : today;
    onChange({ status, statusOn, mergedInto: status === 'merged' ? value.mergedInto : '' });
  }

  return (
    <RadioGroup<HouseholdStatus>
      legend={t('field.status')}
      name="status"
      hint={t('status.household.hint')}
      options={HOUSEHOLD_STATUSES.map((s) => ({ value: s, label: t(`status.household.${s}`) }))}
      value={value.status}
      onChange={choose}
      error={errors.status}
    >
      {value.status === 'merged' && (
        <>
          <Field label={t('status.mergedSearch')}>
            {({ id }) => (
              <input
                id={id}
                type="search"
                autoComplete="off"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('field.mergedInto')} error={errors.mergedInto}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="mergedInto"
                value={value.mergedInto}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => onChange({ ...value, mergedInto: e.target.value })}
              >
                <option value="">{t('status.mergedPick')}</option>
                {choices.map((h) => (
                  <option key={h.id} value={h.id}>
                    {[h.label, h.lane].filter(Boolean).join(' · ')}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {households && choices.length === 0 && <p className="hint">{t('status.mergedNone')}</p>}
        </>
      )}
      {value.status !== 'active' && (
        <Field label={t('field.statusOn')} hint={t('status.dayHint')} error={errors.statusOn}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="statusOn"
              type="date"
              value={value.statusOn}
              max={today}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => onChange({ ...value, statusOn: e.target.value })}
            />
          )}
        </Field>
      )}
    </RadioGroup>
  );
}
