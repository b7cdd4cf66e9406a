import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { activityRepository } from '../../db/activity-repository';
import { type ActivityRow, getDb } from '../../db/database';
import { mayWriteActivities } from '../../db/reporting-access';
import { useT } from '../../i18n/i18n';
import { useUndoToast } from '../../state/undo-toast';
import { useSession } from '../../sync/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDay } from '../classes/class-format';
import { ActivityForm } from './ActivityForm';
import './activities.css';

type Mode = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; id: string };

/**
 * The activity log of one scope (issue 19 item 2): a village's, a unit's or the commune office's,
 * newest first, with how many and how many people they reached. Those who may write there (the
 * scope's team or unit account, commune officers) add, edit and delete — a delete after a
 * confirmation, with an undo; others read.
 */
export function ActivityLog({ scopeId }: { scopeId: string }) {
  const t = useT();
  const user = useSession((s) => s.session?.user);
  const showUndo = useUndoToast();
  const loaded = useLiveQuery(
    async () => ({
      rows: await activityRepository.forScope(scopeId),
      demo: (await getDb().villages.get(scopeId))?.demo === true,
    }),
    [scopeId],
  );
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [deleting, setDeleting] = useState<ActivityRow | undefined>();

  if (!loaded) return <p>{t('app.loading')}</p>;
  const { rows, demo } = loaded;
  const canWrite = mayWriteActivities(scopeId, demo, user);
  const reach = rows.reduce((n, a) => n + (a.reach ?? 0), 0);
  const backToList = () => setMode({ kind: 'list' });

  async function remove(activity: ActivityRow) {
    setDeleting(undefined);
    const date = formatDay(activity.date);
    await activityRepository.remove(activity.id);
    showUndo({
      message: t('activities.deleted', { date }),
      undo: () => activityRepository.restore(activity.id),
      undone: t('activities.restored', { date }),
    });
  }

  return (
    <div className="activity-log">
      <p className="hint">{t('activities.intro')}</p>
      {!canWrite && <p className="notice">{t('activities.readOnly')}</p>}
      {canWrite && mode.kind === 'new' && <ActivityForm scopeId={scopeId} onDone={backToList} />}
      {canWrite && mode.kind !== 'new' && (
        <button type="button" className="button primary wide" onClick={() => setMode({ kind: 'new' })}>
          + {t('activities.add')}
        </button>
      )}
      {rows.length === 0 ? (
        <p className="empty">{t('activities.empty')}</p>
      ) : (
        <>
          <p className="activity-totals" data-testid="activity-totals">
            {t('activities.totals', { count: rows.length, reach })}
          </p>
          <ul className="list" data-testid="activity-list">
            {rows.map((activity) => {
              const date = formatDay(activity.date);
              return (
                <li key={activity.id} className="activity-row">
                  {mode.kind === 'edit' && mode.id === activity.id ? (
                    <ActivityForm scopeId={scopeId} activity={activity} onDone={backToList} />
                  ) : (
                    <>
                      <div className="activity-text">
                        <span className="item-meta">{date}</span>
                        <span className="item-title">{t(`activities.kind.${activity.kind}`)}</span>
                        {activity.title && <span>{activity.title}</span>}
                        {activity.reach !== undefined && (
                          <span className="item-meta">
                            {t('activities.reachLine', { count: activity.reach })}
                          </span>
                        )}
                        {activity.notes && <span className="notes">{activity.notes}</span>}
                        {activity.recordedBy && (
                          <span className="item-meta">
                            {t('activities.recordedByLine', { name: activity.recordedBy })}
                          </span>
                        )}
                      </div>
                      {canWrite && (
                        <div className="activity-actions">
                          <button
                            type="button"
                            className="button"
                            aria-label={t('activities.editLabel', { date })}
                            onClick={() => setMode({ kind: 'edit', id: activity.id })}
                          >
                            {t('app.edit')}
                          </button>
                          <button
                            type="button"
                            className="button danger"
                            aria-label={t('activities.deleteLabel', { date })}
                            onClick={() => setDeleting(activity)}
                          >
                            {t('app.delete')}
                          </button>
                        </div>
                      )}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        danger
        title={
          deleting
            ? t('activities.deleteTitle', {
                kind: t(`activities.kind.${deleting.kind}`),
                date: formatDay(deleting.date),
              })
            : ''
        }
        body={t('activities.deleteBody')}
        confirmLabel={t('app.delete')}
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => setDeleting(undefined)}
      />
    </div>
  );
}
