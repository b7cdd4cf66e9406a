import { useState } from 'react';
import type { DuplicateChoice } from '../../../core/import/duplicates';
import { useT } from '../../i18n/i18n';
import type { GroupSummary, PreviewSummary, ResolvedSummary } from './import-api';

const PAGE = 20;

/**
 * The preview before anything is written (issue 17, item 4): counts at the top, what privacy keeps
 * out, the look-alike groups with a choice each, every error and warning with its sheet, row and
 * column, and the households to be created. The confirm button names what it will write.
 */
export function ImportPreviewView({
  preview,
  write,
  choices,
  busy,
  onChoose,
  onChooseAll,
  onConfirm,
}: {
  preview: PreviewSummary;
  /** The counts for the choices (those before the last tap while `busy`). */
  write: ResolvedSummary;
  choices: Readonly<Record<string, DuplicateChoice>>;
  busy: boolean;
  onChoose: (key: string, choice: DuplicateChoice) => void;
  onChooseAll: (choice: DuplicateChoice) => void;
  onConfirm: () => void;
}) {
  const t = useT();
  const { counts } = write;
  const errorRows = preview.errorRows;
  const warnings = preview.issueCount - preview.issues.filter((i) => i.severity === 'error').length;
  const nothing =
    write !== undefined && counts.newHouseholds + counts.updatedHouseholds + counts.newResidents === 0;
  return (
    <div className="import-preview" aria-busy={busy}>
      <h2>{t('import.counts.title')}</h2>
      <ul className="import-counts" data-testid="import-counts">
        <li>
          <strong>
            {t('import.counts.create', { households: counts.newHouseholds, residents: counts.newResidents })}
          </strong>
        </li>
        {counts.updatedHouseholds > 0 && (
          <li>{t('import.counts.update', { count: counts.updatedHouseholds })}</li>
        )}
        {write.skipped.households > 0 && (
          <li>
            {t('import.counts.skipped', {
              households: write.skipped.households,
              residents: write.skipped.residents,
            })}
          </li>
        )}
        {errorRows > 0 && <li className="error">{t('import.counts.errors', { count: errorRows })}</li>}
        {warnings > 0 && <li>{t('import.counts.warnings', { count: warnings })}</li>}
        {write.merged > 0 && <li>{t('import.counts.merged', { count: write.merged })}</li>}
        <li className="hint">
          {t('import.counts.skippedRows', {
            blank: preview.skipped.blank,
            subtotal: preview.skipped.subtotal,
            other: preview.skipped.footer + preview.skipped.section,
          })}
        </li>
      </ul>
      <Privacy preview={preview} />
      {preview.groups.length > 0 && (
        <Duplicates groups={preview.groups} choices={choices} onChoose={onChoose} onChooseAll={onChooseAll} />
      )}
      {preview.issues.length > 0 && <Issues preview={preview} />}
      <Households write={write} />
      {nothing ? (
        <p className="notice">{t('import.nothing')}</p>
      ) : (
        <button type="button" className="button wide primary" disabled={busy} onClick={onConfirm}>
          {counts.updatedHouseholds > 0 && counts.newHouseholds === 0
            ? t('import.confirmUpdate', { count: counts.updatedHouseholds })
            : t('import.confirm', { households: counts.newHouseholds, residents: counts.newResidents })}
        </button>
      )}
    </div>
  );
}

function Privacy({ preview }: { preview: PreviewSummary }) {
  const t = useT();
  const { dropped } = preview;
  const any =
    preview.refusedColumns.length > 0 ||
    preview.datesToYears > 0 ||
    dropped.sex + dropped.phone + dropped.ethnicity + dropped.personNotes > 0;
  if (!any) return null;
  return (
    <section className="notice" aria-labelledby="import-privacy" data-testid="import-privacy">
      <h3 id="import-privacy">{t('import.privacy.title')}</h3>
      <ul>
        {preview.refusedColumns.map((c) => (
          <li key={`${c.sheet}:${c.header}`}>{t('import.privacy.idColumn', c)}</li>
        ))}
        {preview.datesToYears > 0 && <li>{t('import.privacy.dates', { count: preview.datesToYears })}</li>}
        {dropped.sex + dropped.phone + dropped.ethnicity > 0 && (
          <li>{t('import.privacy.consent', { ...dropped })}</li>
        )}
        {dropped.personNotes > 0 && (
          <li>{t('import.privacy.personNotes', { count: dropped.personNotes })}</li>
        )}
      </ul>
    </section>
  );
}

function Duplicates({
  groups,
  choices,
  onChoose,
  onChooseAll,
}: {
  groups: readonly GroupSummary[];
  choices: Readonly<Record<string, DuplicateChoice>>;
  onChoose: (key: string, choice: DuplicateChoice) => void;
  onChooseAll: (choice: DuplicateChoice) => void;
}) {
  const t = useT();
  const [limit, setLimit] = useState(PAGE);
  return (
    <section aria-labelledby="import-duplicates" data-testid="import-duplicates">
      <h3 id="import-duplicates">{t('import.duplicates.title', { count: groups.length })}</h3>
      <p className="hint">{t('import.duplicates.hint')}</p>
      <p className="import-choose-all">
        <span>{t('import.duplicates.all')}</span>{' '}
        {(['skip', 'update', 'add'] as const).map((c) => (
          <button key={c} type="button" className="button small" onClick={() => onChooseAll(c)}>
            {t(c === 'update' ? 'import.duplicates.update' : `import.duplicates.${c}`)}
          </button>
        ))}
      </p>
      <ul className="list">
        {groups.slice(0, limit).map((g) => {
          const rows = g.rows.join(', ');
          const choice = choices[g.key] ?? 'skip';
          return (
            <li key={g.key} className="import-group">
              <fieldset>
                <legend>
                  <strong>{g.label}</strong>
                  {g.lane ? ` · ${g.lane}` : ''}
                </legend>
                <p className="hint">
                  {g.existing
                    ? t('import.duplicates.register')
                    : t('import.duplicates.file', { count: g.rows.length })}{' '}
                  ({t('import.duplicates.rows', { rows })})
                </p>
                {(['skip', 'update', 'add'] as const).map((c) => (
                  <label key={c} className="check">
                    <input
                      type="radio"
                      name={`dup-${g.key}`}
                      value={c}
                      checked={choice === c}
                      onChange={() => onChoose(g.key, c)}
                    />{' '}
                    {c === 'update' && !g.existing
                      ? t('import.duplicates.merge')
                      : t(`import.duplicates.${c}`)}
                  </label>
                ))}
              </fieldset>
            </li>
          );
        })}
      </ul>
      {groups.length > limit && (
        <button type="button" className="button wide" onClick={() => setLimit(limit + PAGE * 5)}>
          {t('import.showMore', { count: groups.length - limit })}
        </button>
      )}
    </section>
  );
}

function Issues({ preview }: { preview: PreviewSummary }) {
  const t = useT();
  const [limit, setLimit] = useState(PAGE);
  // The worker sends errors first and at most MAX_ISSUES_SENT; the title gives them all.
  const shown = preview.issues;
  return (
    <section aria-labelledby="import-issues" data-testid="import-issues">
      <h3 id="import-issues">{t('import.issues.title', { count: preview.issueCount })}</h3>
      <ul className="import-issues">
        {shown.slice(0, limit).map((i) => (
          <li key={`${i.sheet}:${i.row}:${i.field ?? ''}:${i.message}`} className={i.severity}>
            <strong>{t(i.severity === 'error' ? 'import.issues.error' : 'import.issues.warning')}</strong>{' '}
            {t('import.issues.where', { sheet: i.sheet, row: i.row })}
            {i.column ? `, ${t('import.issues.column', { column: i.column })}` : ''}: {t(i.message)}
          </li>
        ))}
      </ul>
      {shown.length > limit && (
        <button type="button" className="button wide" onClick={() => setLimit(limit + PAGE * 5)}>
          {t('import.showMore', { count: shown.length - limit })}
        </button>
      )}
    </section>
  );
}

/** The first households to be created (SHOWN_HOUSEHOLDS of them), as the list will show them. */
function Households({ write }: { write: ResolvedSummary }) {
  const t = useT();
  const [limit, setLimit] = useState(PAGE);
  if (write.shown.length === 0) return null;
  const more = write.counts.newHouseholds - write.shown.length;
  return (
    <section aria-labelledby="import-households">
      <h3 id="import-households">{t('import.households.title')}</h3>
      <ul className="list" data-testid="import-households">
        {write.shown.slice(0, limit).map((h) => (
          <li key={h.key} className="list-item">
            <span className="item-title">{h.label}</span>
            <span className="item-meta">
              {[h.lane, h.address, t('import.households.residents', { count: h.residents })]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      {write.shown.length > limit ? (
        <button type="button" className="button wide" onClick={() => setLimit(limit + PAGE * 5)}>
          {t('import.showMore', { count: write.shown.length - limit })}
        </button>
      ) : (
        more > 0 && <p className="hint">{t('import.households.more', { count: more })}</p>
      )}
    </section>
  );
}
