import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useLocalVillages } from './use-local-villages';
import { VillageForm } from './VillageForm';

type Mode = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; id: string };

/**
 * Commune officers only. Villages are written on this phone and synced like any record, so this part
 * works offline, unlike accounts.
 */
export function VillageAdmin() {
  const t = useT();
  const villages = useLocalVillages();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const backToList = () => setMode({ kind: 'list' });

  const editing = mode.kind === 'edit' ? villages?.find((v) => v.id === mode.id) : undefined;
  // A village removed by a sync while its form was open falls back to the list.
  const showList = mode.kind === 'list' || (mode.kind === 'edit' && villages !== undefined && !editing);

  return (
    <section aria-labelledby="admin-villages">
      <h2 id="admin-villages">{t('admin.villages')}</h2>
      {mode.kind === 'new' && <VillageForm onDone={backToList} />}
      {editing && <VillageForm village={editing} onDone={backToList} />}
      {showList && (
        <>
          <button type="button" className="button wide" onClick={() => setMode({ kind: 'new' })}>
            + {t('admin.addVillage')}
          </button>
          {villages === undefined ? (
            <p>{t('app.loading')}</p>
          ) : villages.length === 0 ? (
            <p className="empty">{t('admin.noVillages')}</p>
          ) : (
            <ul className="list" data-testid="admin-village-list">
              {villages.map((village) => (
                <li key={village.id} className="admin-item">
                  <div className="admin-item-text">
                    <span className="item-title">{village.name}</span>
                    <span className="item-meta">{t('admin.villageCodeLine', { code: village.code })}</span>
                    {village.official?.households !== undefined && (
                      <span className="item-meta">
                        {t('admin.villageOfficialLine', { households: village.official.households })}
                      </span>
                    )}
                  </div>
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('admin.editVillage', { name: village.name })}
                    onClick={() => setMode({ kind: 'edit', id: village.id })}
                  >
                    {t('app.edit')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
