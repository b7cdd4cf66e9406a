import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'wouter';
import type { ClassSession } from '../../../core/schemas';
import { classRepository } from '../../db/class-repository';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { VillageTitle } from '../villages/VillageTitle';
import { AttendeeSearch } from './AttendeeSearch';
import { type AttendeeEntry, buildAttendeeIndex } from './attendee-search';
import { attendeesLabel, classWhen } from './class-format';
import { PresentList } from './PresentList';
import { RecordTopic } from './RecordTopic';
import { WalkInCounter } from './WalkInCounter';
import './classes.css';

/** Điểm danh: one class's attendance, built for ticking 60 people quickly at the front of a hall. */
export default function AttendancePage() {
  const t = useT();
  const { villageId = '', classId = '' } = useParams<{ villageId: string; classId: string }>();
  const session = useLiveQuery(async () => (await getDb().classes.get(classId)) ?? null, [classId]);

  if (session === undefined) return <p>{t('app.loading')}</p>;
  if (session === null || session.deletedAt) {
    return (
      <section>
        <p>{t('classes.notFound')}</p>
        <Link href={`/v/${villageId}/classes`} className="button">
          {t('classes.backToList')}
        </Link>
      </section>
    );
  }
  return <Attendance villageId={villageId} session={session} />;
}

function Attendance({ villageId, session }: { villageId: string; session: ClassSession }) {
  const t = useT();
  const showToast = useToast((s) => s.show);
  const searchRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [unmarking, setUnmarking] = useState<AttendeeEntry | undefined>();

  const register = useLiveQuery(async () => {
    const db = getDb();
    const [residents, households] = await Promise.all([
      db.residents.where('villageId').equals(villageId).toArray(),
      db.households.where('villageId').equals(villageId).toArray(),
    ]);
    return { residents, households };
  }, [villageId]);
  const attendance = useLiveQuery(
    async () =>
      (await getDb().attendance.where('classId').equals(session.id).toArray())
        .filter((a) => !a.deletedAt)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    [session.id],
  );
  const index = useMemo(
    () => (register ? buildAttendeeIndex(register.residents, register.households) : []),
    [register],
  );
  const presentIds = useMemo(() => new Set(attendance?.map((a) => a.residentId)), [attendance]);
  // People present are named even if their record was deleted later: they still came.
  const present = useMemo(() => {
    if (!register || !attendance) return undefined;
    const residents = new Map(register.residents.map((r) => [r.id, r]));
    const labels = new Map(register.households.map((h) => [h.id, h.label]));
    return attendance.flatMap((a) => {
      const resident = residents.get(a.residentId);
      return resident ? [{ resident, householdLabel: labels.get(resident.householdId) ?? '', text: '' }] : [];
    });
  }, [register, attendance]);

  function refocusSearch() {
    searchRef.current?.focus();
  }

  async function pick(entry: AttendeeEntry) {
    if (presentIds.has(entry.resident.id)) {
      setUnmarking(entry);
      return;
    }
    setQuery('');
    refocusSearch();
    await classRepository.setPresent(session.id, entry.resident.id, true);
    setAnnouncement(t('classes.marked', { name: entry.resident.name }));
  }

  async function unmark(entry: AttendeeEntry, withUndo: boolean) {
    await classRepository.setPresent(session.id, entry.resident.id, false);
    const message = t('classes.unmarked', { name: entry.resident.name });
    setAnnouncement(message);
    if (withUndo) {
      showToast({
        message,
        action: {
          label: t('app.undo'),
          run: () => classRepository.setPresent(session.id, entry.resident.id, true),
        },
      });
    }
  }

  const presentCount = attendance?.length ?? 0;
  return (
    <section className="attendance">
      <VillageTitle villageId={villageId} />
      <Link href={`/v/${villageId}/classes`} className="back-link">
        ← {t('classes.backToList')}
      </Link>
      <h1>
        {t('classes.attendanceTitle')}: {t(`skill.${session.topic}`)}
      </h1>
      <p className="item-meta">
        {classWhen(t, session)} · {t('classes.at', { venue: session.venue })}
      </p>
      <p className="item-meta">
        {t(`class.audience.${session.audience}`)} · {t('classes.trainerIs', { trainer: session.trainer })}
      </p>
      <p className="attendance-count" data-testid="attendance-count">
        {attendeesLabel(t, presentCount, session.walkIns)}
      </p>
      <Link href={`/v/${villageId}/classes/${session.id}/edit`} className="button">
        {t('classes.edit')}
      </Link>

      <AttendeeSearch
        ref={searchRef}
        index={index}
        presentIds={presentIds}
        query={query}
        onQueryChange={setQuery}
        onPick={pick}
      />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>

      <h2>{t('classes.presentList', { count: presentCount })}</h2>
      {present && <PresentList present={present} onRemove={(entry) => unmark(entry, true)} />}

      <h2>{t('classes.walkIns')}</h2>
      <WalkInCounter classId={session.id} walkIns={session.walkIns} />

      <RecordTopic session={session} presentCount={presentCount} />

      <ConfirmDialog
        open={unmarking !== undefined}
        title={t('classes.unmarkTitle', { name: unmarking?.resident.name ?? '' })}
        body={t('classes.unmarkBody', { name: unmarking?.resident.name ?? '' })}
        confirmLabel={t('classes.unmark')}
        onConfirm={async () => {
          const entry = unmarking;
          setUnmarking(undefined);
          setQuery('');
          refocusSearch();
          if (entry) await unmark(entry, false);
        }}
        onCancel={() => {
          setUnmarking(undefined);
          refocusSearch();
        }}
      />
    </section>
  );
}
