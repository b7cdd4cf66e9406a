import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { getDb } from '../../db/database';
import { restoreFieldValue } from '../../db/field-restore';
import { type MessageKey, useT } from '../../i18n/i18n';
import { ApiFailure } from '../../sync/api-client';
import { useSession } from '../../sync/session';
import { fieldLabel } from '../sync-status/rejected-format';
import { type ConflictItem, listConflicts, resolveConflict } from './conflicts-api';

function show(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A lead's review of concurrent edits: both values side by side, keep the current one or restore the other. */
export default function ConflictsPage() {
  const t = useT();
  const session = useSession((s) => s.session);
  const [items, setItems] = useState<ConflictItem[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async () => {
    if (!session) return;
    try {
      setItems(await listConflicts(session.token));
      setError(undefined);
    } catch (failure) {
      setError(
        failure instanceof ApiFailure && failure.code === 'network'
          ? t('conflicts.offline')
          : t('admin.error', { code: failure instanceof ApiFailure ? failure.code : String(failure) }),
      );
    }
  }, [session, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function decide(item: ConflictItem, resolution: 'kept' | 'restored') {
    if (!session) return;
    try {
      // The server settles who decided first (another lead may have): only then is a value restored,
      // so a conflict someone already kept is never also restored.
      await resolveConflict(session.token, item.id, resolution);
      if (resolution === 'restored')
        await restoreFieldValue(item.table, item.rowId, item.field, item.loserValue);
      setItems((list) => list?.filter((c) => c.id !== item.id));
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.code === 'already_resolved') {
        setItems((list) => list?.filter((c) => c.id !== item.id));
        setError(t('conflicts.alreadyResolved'));
        return;
      }
      setError(t('admin.error', { code: failure instanceof ApiFailure ? failure.code : String(failure) }));
    }
  }

  return (
    <section>
      <h1>{t('conflicts.title')}</h1>
      <p className="hint">{t('conflicts.explain')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items?.length === 0 && <p className="empty">{t('conflicts.none')}</p>}
      <ul className="list" data-testid="conflict-list">
        {items?.map((item) => (
          <li key={item.id} className="conflict">
            <RecordLabel item={item} />
            <div className="conflict-values">
              <div>
                <strong>{t('conflicts.kept')}</strong>
                <p>{show(item.winnerValue, t('conflicts.empty'))}</p>
              </div>
              <div>
                <strong>{t('conflicts.other')}</strong>
                <p>{show(item.loserValue, t('conflicts.empty'))}</p>
              </div>
            </div>
            {item.privacy ? <p className="hint">{t('conflicts.privacy')}</p> : null}
            <div className="actions">
              <button type="button" className="button" onClick={() => void decide(item, 'kept')}>
                {t('conflicts.keep')}
              </button>
              {!item.privacy && (
                <button
                  type="button"
                  className="button primary"
                  onClick={() => void decide(item, 'restored')}
                >
                  {t('conflicts.restore')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RecordLabel({ item }: { item: ConflictItem }) {
  const t = useT();
  const label = useLiveQuery(async () => {
    const row = (await getDb().table(item.table).get(item.rowId)) as Record<string, unknown> | undefined;
    return String(row?.label ?? row?.name ?? item.rowId.slice(0, 8));
  }, [item.table, item.rowId]);
  return (
    <p className="item-title">
      {t('conflicts.record', { table: t(`table.${item.table}` as MessageKey), label: label ?? '…' })} ·{' '}
      {fieldLabel(t, item.table, item.field)}
    </p>
  );
}
