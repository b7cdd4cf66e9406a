import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'wouter';
import type { ClassSession } from '../../../core/schemas';
import { classRepository } from '../../db/class-repository';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { useUndoToast } from '../../state/undo-toast';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { saveFailedMessage } from '../../ui/use-save-form';
import { VillageTitle } from '../villages/VillageTitle';
import { AttendeeSearch } from './AttendeeSearch';
import { type AttendeeEntry, buildAttendeeIndex } from './attendee-search';
import { attendeesLabel, classWhen } from './class-format';
import { PresentList } from './PresentList';
import { RecordTopic } from './RecordTopic';
import { useWalkIns } from './use-walk-ins';
import { WalkInCounter } from './WalkInCounter';
import './classes.css';
import { NotFound } from '../../ui/NotFound';
import { useVillageRows } from '../villages/use-village-rows';

/** Điểm danh: one class's attendance, built for ticking 60 people quickly at the front of a hall. */
export default function AttendancePage() {
  const t = useT();
  const { villageId = '', classId = '' } = useParams<{ villageId: string; classId: string }>();
  const session = useLiveQuery(async () => (await getDb().classes.get(classId)) ?? null, [classId]);

  if (session === undefined) return <p>{t('app.loading')}</p>;
  if (session === null || session.deletedAt) {
    return (
      <NotFound
        backHref={`/v/${villageId}/classes`}
        message="classes.notFound"
        backLabel="classes.backToList"
      />
    );
  }
  return <Attendance villageId={villageId} session={session} />;
}

function Attendance({ villageId, session }: { villageId: string; session: ClassSession }) {
  const t = useT();
  const showUndo = useUndoToast();
  const searchRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [unmarking, setUnmarking] = useState<AttendeeEntry | undefined>();

  const residents = useVillageRows('residents', villageId);
  const households = useVillageRows('households', villageId);
  const attendance = useLiveQuery(
    async () =>
      (await getDb().attendance.where('classId').equals(session.id).toArray())
        .filter((a) => !a.deletedAt)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    [session.id],
  );
  const index = useMemo(
    () => (residents && households ? buildAttendeeIndex(residents, households) : []),
    [residents, households],
  );
  // Ticks being written show at once, so the next search already shows them "Có mặt ✓".
  const [marking, setMarking] = useState<ReadonlySet<string>>(new Set());
  // A tick leaves `marking` once the stored attendance shows it, never before (no flicker back).
  useEffect(() => {
    if (!attendance) return;
    const stored = new Set(attendance.map((a) => a.residentId));
    setMarking((ids) =>
      [...ids].some((id) => stored.has(id)) ? new Set([...ids].filter((id) => !stored.has(id))) : ids,
    );
  }, [attendance]);
  const presentIds = useMemo(
    () => new Set([...(attendance?.map((a) => a.residentId) ?? []), ...marking]),
    [attendance, marking],
  );
  // People present are named even if their record was deleted later: they still came.
  const present = useMemo(() => {
    if (!residents || !households || !attendance) return undefined;
    const residentsById = new Map(residents.map((r) => [r.id, r]));
    const labels = new Map(households.map((h) => [h.id, h.label]));
    const stored = new Set(attendance.map((a) => a.residentId));
    // Newest first: ticks still being written (newest last in `marking`), then stored ones.
    const ids = [
      ...[...marking].filter((id) => !stored.has(id)).reverse(),
      ...attendance.map((a) => a.residentId),
    ];
    return ids.flatMap((id) => {
      const resident = residentsById.get(id);
      return resident ? [{ resident, householdLabel: labels.get(resident.householdId) ?? '', text: '' }] : [];
    });
  }, [residents, households, attendance, marking]);

  // Back to the box for the next name without scrolling to it: the page must not move under a
  // finger that is already reaching for the next row (issue 15, kind 1).
  function refocusSearch() {
    searchRef.current?.focus({ preventScroll: true });
  }

  // A row tapped as "not yet present" marks present even if a tick landed a moment earlier (a
  // second phone, a double tap): marking is idempotent, and only a row shown ticked asks to undo.
  async function pick(entry: AttendeeEntry, shownPresent: boolean) {
    if (shownPresent) {
      setUnmarking(entry);
      return;
    }
    const id = entry.resident.id;
    setQuery('');
    refocusSearch();
    setMarking((ids) => new Set(ids).add(id));
    try {
      await classRepository.setPresent(session.id, id, true);
      setAnnouncement(t('classes.marked', { name: entry.resident.name }));
    } catch (error) {
      setMarking((ids) => new Set([...ids].filter((x) => x !== id)));
      throw error;
    }
  }

  async function unmark(entry: AttendeeEntry, withUndo: boolean) {
    await classRepository.setPresent(session.id, entry.resident.id, false);
    const message = t('classes.unmarked', { name: entry.resident.name });
    setAnnouncement(message);
    if (withUndo) {
      showUndo({ message, undo: () => classRepository.setPresent(session.id, entry.resident.id, true) });
    }
  }

  const presentCount = presentIds.size;
  const showToast = useToast((s) => s.show);
  const walkIns = useWalkIns(session.id, session.walkIns, (error) =>
    showToast({ message: saveFailedMessage(t, error) }),
  );
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
        {attendeesLabel(t, presentCount, walkIns.walkIns)}
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

      {/* The counter and the closing step come before the list of names, which grows to 60+. */}
      <h2>{t('classes.walkIns')}</h2>
      <WalkInCounter walkIns={walkIns.walkIns} onChange={walkIns.save} />

      <RecordTopic session={session} presentCount={presentCount} />

      <h2>{t('classes.presentList', { count: presentCount })}</h2>
      {present && <PresentList present={present} onRemove={(entry) => unmark(entry, true)} />}

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
