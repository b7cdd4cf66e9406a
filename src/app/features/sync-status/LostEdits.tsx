import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { getDb, type LostEdit } from '../../db/database';
import { dismissLostEdit } from '../../db/lost-edit-repository';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { type LostRecord, lostRecord, lostSentence } from './lost-format';

/**
 * Values this account typed that lost to a teammate's concurrent edit (issue 15), next to the refused
 * changes in Settings: each in plain words, with the record and "Đã hiểu". Section id `lost-edits`
 * for links from the sync bar.
 */
export function LostEdits() {
  const t = useT();
  const userId = useSession((s) => s.session?.user.id);
  // Read with their records, so the list shows the value the phone holds now (the winner's).
  const items = useLiveQuery(async () => {
    if (!userId) return [];
    const notices = await getDb()
      .lostEdits.where('userId')
      .equals(userId)
      .filter((n) => n.dismissedAt === undefined)
      .toArray();
    notices.sort((a, b) => (a.hlc < b.hlc ? 1 : -1));
    return Promise.all(
      notices.slice(0, 100).map(async (notice) => ({ notice, record: await lostRecord(notice) })),
    );
  }, [userId]);
  if (!items || items.length === 0) return null;
  return (
    <section id="lost-edits">
      <h2>{t('lost.title')}</h2>
      <p className="hint">{t('lost.explain')}</p>
      <ul className="list">
        {items.map(({ notice, record }) => (
          <LostItem key={notice.key} notice={notice} record={record} />
        ))}
      </ul>
    </section>
  );
}

function LostItem({ notice, record }: { notice: LostEdit; record: LostRecord }) {
  const t = useT();
  return (
    <li className="list-item" data-testid="lost-edit">
      <span className="item-meta">{lostSentence(t, notice, record)}</span>
      <span className="actions">
        {record.href ? (
          <Link href={record.href} className="button small">
            {t('lost.open')}
          </Link>
        ) : null}
        <button type="button" className="button small" onClick={() => void dismissLostEdit(notice.key)}>
          {t('lost.dismiss')}
        </button>
      </span>
    </li>
  );
}
