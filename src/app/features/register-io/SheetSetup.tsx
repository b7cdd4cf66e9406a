import { type ColumnMapping, dedupeMapping } from '../../../core/import/column-mapping';
import { IMPORT_FIELDS, type ImportField } from '../../../core/import/types';
import type { VillageRow } from '../../db/database';
import { useT } from '../../i18n/i18n';
import type { OpenedSheet } from './import-pipeline';

export interface SheetSettings {
  include: boolean;
  villageId: string;
  columns: ColumnMapping[];
  /** The mapping came from a file of the same layout imported before. */
  remembered: boolean;
  /** Why the sheet was proposed unticked: hidden, another team's village, or a village not on record. */
  held?: { reason: 'hidden' | 'notYours' | 'unknown'; village?: string };
}

/** Fields a user may choose for a column; an ID-card column cannot be turned into anything else. */
const CHOOSABLE = IMPORT_FIELDS.filter((f) => f !== 'idNumber');

/**
 * One sheet of the file: whether to import it, into which village, its legacy-text conversion
 * (before → after), and what each column is read as (issue 17, item 2: proposed, editable).
 */
export function SheetSetup({
  sheet,
  settings,
  villages,
  onChange,
}: {
  sheet: OpenedSheet;
  settings: SheetSettings;
  villages: readonly VillageRow[];
  onChange: (next: SheetSettings) => void;
}) {
  const t = useT();
  const layout = sheet.layout;
  if (!layout) return null;
  const id = `sheet-${encodeURIComponent(sheet.name)}`;
  const setField = (index: number, field: ImportField) =>
    onChange({
      ...settings,
      remembered: false,
      columns: dedupeMapping(
        settings.columns.map((c) =>
          c.index === index
            ? { ...c, field }
            : c.field === field && field !== 'ignore' && field !== 'notes'
              ? { ...c, field: 'ignore' }
              : c,
        ),
      ),
    });
  return (
    <fieldset className="import-sheet" aria-labelledby={`${id}-title`}>
      <legend id={`${id}-title`}>{t('import.sheet.title', { sheet: sheet.name })}</legend>
      {layout.title && <p className="hint">{layout.title}</p>}
      {settings.held && (
        <p className="notice" data-testid="sheet-held">
          {t(`import.sheet.held.${settings.held.reason}`, { village: settings.held.village ?? sheet.name })}
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={settings.include}
          onChange={(e) => onChange({ ...settings, include: e.target.checked })}
        />{' '}
        {t('import.sheet.include')}
      </label>
      <label htmlFor={`${id}-village`}>{t('import.sheet.village')}</label>
      <select
        id={`${id}-village`}
        value={settings.villageId}
        onChange={(e) => onChange({ ...settings, villageId: e.target.value })}
      >
        {villages.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      {sheet.legacy && (
        <div className="notice" data-testid="legacy-notice">
          <p>
            {t('import.legacy', {
              encoding: t(`import.legacy.${sheet.legacy.encoding}`),
              count: sheet.legacy.cells,
            })}
          </p>
          <ul>
            {sheet.legacy.samples.map((s) => (
              <li key={s.before}>
                <span className="legacy-before">{s.before}</span> → <strong>{s.after}</strong>
              </li>
            ))}
          </ul>
        </div>
      )}
      <details open={!settings.remembered}>
        <summary>{t('import.mapping.title')}</summary>
        <p className="hint">
          {settings.remembered ? t('import.mapping.remembered') : t('import.mapping.hint')}
        </p>
        <p className="hint">
          {t('import.sheet.header', {
            rows:
              layout.headerStart === layout.headerEnd
                ? String(layout.headerStart + 1)
                : `${layout.headerStart + 1}–${layout.headerEnd + 1}`,
          })}
        </p>
        <ul className="import-columns">
          {settings.columns.map((c) => (
            <li key={c.index}>
              <label htmlFor={`${id}-col-${c.index}`}>{c.header}</label>
              {c.field === 'idNumber' ? (
                <strong id={`${id}-col-${c.index}`} className="error">
                  {t('import.field.idNumber')}
                </strong>
              ) : (
                <select
                  id={`${id}-col-${c.index}`}
                  value={c.field}
                  onChange={(e) => setField(c.index, e.target.value as ImportField)}
                >
                  {CHOOSABLE.map((f) => (
                    <option key={f} value={f}>
                      {t(`import.field.${f}`)}
                    </option>
                  ))}
                </select>
              )}
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}
