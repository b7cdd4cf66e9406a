import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { localDay } from '../../../core/dates';
import { assistRepository } from '../../db/assist-repository';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { useUndoToast } from '../../state/undo-toast';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { AssistMeta } from './AssistMeta';
import { StatusMark } from './StatusMark';
import { formatDay, newestFirst, type ResidentAssist } from './skill-data';

/** Where a step was taken: the visit or class it was recorded with, by its day. */
function useOrigins(assists: readonly ResidentAssist[]) {
  const visitIds = [...new Set(assists.flatMap((a) => (a.visitId ? [a.visitId] : [])))];
  const classIds = [...new Set(assists.flatMap((a) => (a.classId ? [a.classId] : [])))];
  // Re-query when the set of linked ids changes, not on every render's fresh arrays.
  const key = `${visitIds.join()}|${classIds.join()}`;
  return useLiveQuery(async () => {
    const db = getDb();
    const [visits, classes] = await Promise.all([db.visits.bulkGet(visitIds), db.classes.bulkGet(classIds)]);
    const days = new Map<string, string>();
    for (const v of visits) if (v && !v.deletedAt) days.set(v.id, localDay(v.visitedAt));
    for (const c of classes) if (c && !c.deletedAt) days.set(c.id, c.date);
    return days;
  }, [key]);
}

/** Every step recorded for the resident, newest first; a mistaken one can be deleted (and restored). */
export function AssistHistory({ assists }: { assists: readonly ResidentAssist[] }) {
  const t = useT();
  const titleId = useId();
  const showUndo = useUndoToast();
  const [removing, setRemoving] = useState<ResidentAssist | undefined>();
  const origins = useOrigins(assists);
  const sorted = [...assists].sort(newestFirst);

  function originText(a: ResidentAssist): string | undefined {
    if (a.classId) {
      const day = origins?.get(a.classId);
      return day ? t('skills.viaClass', { date: formatDay(day) }) : t('skills.viaClassUnknown');
    }
    if (a.visitId) {
      const day = origins?.get(a.visitId);
      return day ? t('skills.viaVisit', { date: formatDay(day) }) : t('skills.viaVisitUnknown');
    }
    return undefined;
  }

  async function remove() {
    const assist = removing;
    setRemoving(undefined);
    if (!assist) return;
    const skill = t(`skill.${assist.kind}`);
    await assistRepository.remove(assist.id);
    showUndo({
      message: t('skills.removed', { skill }),
      undo: () => assistRepository.restore(assist.id),
      undone: t('skills.restored', { skill }),
    });
  }

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{t('skills.historyTitle')}</h2>
      {sorted.length === 0 ? (
        <p className="empty">{t('skills.historyEmpty')}</p>
      ) : (
        <ul className="list" data-testid="assist-history">
          {sorted.map((a) => {
            const origin = originText(a);
            return (
              <li key={a.id} className="history-item">
                <div className="history-text">
                  <span className="item-title">{t(`skill.${a.kind}`)}</span>
                  <StatusMark kind={a.kind} status={a.status} />
                  {a.failReason && <span>{t('skills.failReason', { reason: a.failReason })}</span>}
                  <AssistMeta assist={a} />
                  {origin && <span className="item-meta">{origin}</span>}
                </div>
                <button
                  type="button"
                  className="button danger small"
                  aria-label={t('skills.removeLabel', { skill: t(`skill.${a.kind}`), date: formatDay(a.on) })}
                  onClick={() => setRemoving(a)}
                >
                  {t('app.delete')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={removing !== undefined}
        danger
        title={t('skills.removeTitle')}
        body={
          removing
            ? t('skills.removeBody', { skill: t(`skill.${removing.kind}`), date: formatDay(removing.on) })
            : ''
        }
        confirmLabel={t('app.delete')}
        onConfirm={remove}
        onCancel={() => setRemoving(undefined)}
      />
    </section>
  );
}
