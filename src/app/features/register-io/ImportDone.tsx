import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { type ImportRecord, importRepository, type UndoOutcome } from '../../db/import-repository';
import { useT } from '../../i18n/i18n';
import { syncEngine } from '../../sync/sync-engine';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

const HOLD_MS = 10 * 60_000;

/**
 * The import's summary (issue 17, item 5), with an undo of the whole import while none of it has
 * left the phone. The undo waits for any sync under way and holds the next one (SyncEngine.exclusive).
 */
export function ImportDone({ record, villageId }: { record: ImportRecord; villageId: string }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<UndoOutcome>();
  // While the summary is on screen (10 minutes at most) the import waits on the phone, so it can
  // still be undone whole; leaving the screen sends it like any other change.
  useEffect(() => {
    const release = syncEngine.hold();
    const timer = setTimeout(release, HOLD_MS);
    return () => {
      clearTimeout(timer);
      release();
    };
  }, []);
  // Re-read as the outbox drains: the undo disappears once the import starts reaching the server.
  const undoable = useLiveQuery(() => importRepository.undoable(), [outcome]);

  const undo = async () => {
    setConfirming(false);
    setOutcome(await syncEngine.exclusive(() => importRepository.undo(record.id)));
  };

  return (
    <div className="import-done" role="status">
      <h2>{outcome === 'undone' ? t('import.undo.done') : t('import.done.title')}</h2>
      {outcome !== 'undone' && (
        <>
          <p data-testid="import-summary">
            {t('import.done.counts', {
              households: record.counts.newHouseholds,
              residents: record.counts.newResidents,
              updated: record.counts.updatedHouseholds,
            })}
          </p>
          <p className="hint">{t('import.done.sync')}</p>
          {undoable && <p className="hint">{t('import.done.held')}</p>}
        </>
      )}
      {outcome === 'synced' && <p className="notice">{t('import.undo.synced')}</p>}
      {outcome === 'changed' && <p className="notice">{t('import.undo.changed')}</p>}
      <Link href={`/v/${villageId}`} className="button wide">
        {t('import.done.open')}
      </Link>
      {outcome === undefined && undoable && (
        <button type="button" className="button wide secondary" onClick={() => setConfirming(true)}>
          {t('import.undo')}
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        danger
        title={t('import.undo.title')}
        body={t('import.undo.body')}
        confirmLabel={t('import.undo')}
        onConfirm={() => void undo()}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
