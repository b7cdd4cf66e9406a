import { forwardRef, useDeferredValue, useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { type AttendeeEntry, searchAttendees } from './attendee-search';

/** Enough rows to find a namesake; a longer list means the query needs another letter. */
const MAX_RESULTS = 20;

interface Props {
  index: readonly AttendeeEntry[];
  presentIds: ReadonlySet<string>;
  query: string;
  onQueryChange: (query: string) => void;
  /** `shownPresent`: what the row said when tapped, so the tap does what the person saw. */
  onPick: (entry: AttendeeEntry, shownPresent: boolean) => void;
}

/**
 * Search-as-you-type over the village's residents. A tap on a result must not take focus from the
 * box (the phone keyboard would close), so the next name can be typed at once.
 */
export const AttendeeSearch = forwardRef<HTMLInputElement, Props>(function AttendeeSearch(
  { index, presentIds, query, onQueryChange, onPick },
  inputRef,
) {
  const t = useT();
  const deferred = useDeferredValue(query);
  const matches = useMemo(() => searchAttendees(index, deferred), [index, deferred]);
  const shown = matches.slice(0, MAX_RESULTS);

  return (
    <form
      className="search attendee-search"
      onSubmit={(e) => {
        e.preventDefault();
        // Enter picks the only match: a quick typist never leaves the keyboard.
        const only = matches.length === 1 ? matches[0] : undefined;
        if (only) onPick(only, presentIds.has(only.resident.id));
      }}
    >
      <label htmlFor="attendee-search">{t('classes.search')}</label>
      <input
        id="attendee-search"
        ref={inputRef}
        type="search"
        value={query}
        autoComplete="off"
        aria-describedby="attendee-search-hint"
        onChange={(e) => onQueryChange(e.target.value)}
      />
      <p id="attendee-search-hint" className="hint">
        {t('classes.searchHint')}
      </p>
      {deferred.trim() !== '' && matches.length === 0 && (
        <p className="empty">{t('classes.noMatch', { query: deferred.trim() })}</p>
      )}
      {shown.length > 0 && (
        <ul
          className="list attendee-results"
          aria-label={t('classes.results')}
          data-testid="attendee-results"
        >
          {shown.map((entry) => {
            const present = presentIds.has(entry.resident.id);
            return (
              <li key={entry.resident.id}>
                <button
                  type="button"
                  className={present ? 'attendee-row is-present' : 'attendee-row'}
                  aria-pressed={present}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => onPick(entry, present)}
                >
                  <span className="item-title">{entry.resident.name}</span>
                  <span className="item-meta">
                    {t('classes.bornIn', { year: String(entry.resident.birthYear) })} ·{' '}
                    {t('classes.householdOf', { label: entry.householdLabel })}
                  </span>
                  {present && <span className="present-mark">{t('classes.present')}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {matches.length > MAX_RESULTS && (
        <p className="count">{t('classes.moreMatches', { count: matches.length - MAX_RESULTS })}</p>
      )}
    </form>
  );
});
