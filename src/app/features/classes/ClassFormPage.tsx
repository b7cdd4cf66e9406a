import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { AUDIENCES, type ClassSession, classFields } from '../../../core/schemas';
import { CATALOGUE, SKILL_GROUPS } from '../../../core/skills/catalogue';
import { classRepository } from '../../db/class-repository';
import { type ClassRow, getDb } from '../../db/database';
import { type Translate, useT } from '../../i18n/i18n';
import { useMemberName } from '../../state/member-name';
import { useToast } from '../../state/toast-store';
import { useUndoToast } from '../../state/undo-toast';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CancelButton, DraftNotice, savedMessage } from '../../ui/FormDraft';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { Field, RadioGroup, TextField } from '../../ui/fields';
import { formErrors } from '../../ui/form-errors';
import { useFormDraft } from '../../ui/use-form-draft';
import { useSaveForm } from '../../ui/use-save-form';
import { VillageTitle } from '../villages/VillageTitle';
import { type ClassFormValues, classToForm, formToClassInput, newClassForm } from './class-form-values';
import { formatDay } from './class-format';
import './classes.css';
import { communeToday } from '../../state/commune-clock';

/** New class at /classes/new, edit at /classes/:classId/edit. */
export default function ClassFormPage() {
  const t = useT();
  const { villageId = '', classId } = useParams<{ villageId: string; classId?: string }>();
  const memberName = useMemberName();
  const loaded = useLiveQuery(async () => {
    if (classId) return { session: (await getDb().classes.get(classId)) ?? null, lastVenue: '' };
    return { session: undefined, lastVenue: await lastVenue(villageId) };
  }, [villageId, classId]);

  if (loaded === undefined) return <p>{t('app.loading')}</p>;
  const { session, lastVenue: venue } = loaded;
  if (session === null || session?.deletedAt) return <p>{t('classes.notFound')}</p>;
  const initial = session ? classToForm(session) : newClassForm(communeToday(), venue, memberName ?? '');
  // Keyed so a record that changes underneath (sync) does not mix into a form being edited.
  return <ClassForm key={session?.id ?? 'new'} villageId={villageId} session={session} initial={initial} />;
}

/** Classes in a village are usually held in the same hall: the last venue used is the default. */
async function lastVenue(villageId: string): Promise<string> {
  const classes = await getDb().classes.where('villageId').equals(villageId).toArray();
  // Ids are UUID v7, so they break a tie between two classes entered in the same millisecond.
  const latest = classes
    .filter((c) => !c.deletedAt)
    .reduce<ClassSession | undefined>(
      (a, c) => (a && (a.createdAt > c.createdAt || (a.createdAt === c.createdAt && a.id > c.id)) ? a : c),
      undefined,
    );
  return latest?.venue ?? '';
}

interface FormProps {
  villageId: string;
  session: ClassRow | undefined;
  initial: ClassFormValues;
}

function ClassForm({ villageId, session, initial }: FormProps) {
  const t = useT();
  const [, navigate] = useLocation();
  const showToast = useToast((s) => s.show);
  const showUndo = useUndoToast();
  const draft = useFormDraft<ClassFormValues, ClassRow>(
    session ? `class:${session.id}` : `class:new:${villageId}`,
    initial,
    session,
  );
  const { values, setValues, seen } = draft;
  const { errors, setErrors, failure, setFailure, saving, run } = useSaveForm();
  const labels = classLabels(t);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const set = <K extends keyof ClassFormValues>(key: K, value: ClassFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const input = formToClassInput(values, seen);
    const parsed = classFields.safeParse(input);
    const found = formErrors(parsed, input);
    if (!parsed.success || Object.keys(found).length > 0) {
      // An unchosen topic is a missing answer, not an invalid one.
      setErrors(values.topic === '' ? { ...found, topic: 'err.required' } : found);
      return;
    }
    await run(async () => {
      const { row: saved, overwritten } = session
        ? await classRepository.update(session.id, parsed.data, seen)
        : { row: await classRepository.create(villageId, parsed.data), overwritten: [] };
      await draft.saved();
      // A new class needs no toast: its attendance page, titled with the topic, is the confirmation,
      // and a toast there would sit over the search box just when names are being typed.
      if (session)
        showToast({
          message: savedMessage(
            t,
            overwritten,
            labels,
            t('classes.saved', { topic: t(`skill.${saved.topic}`) }),
          ),
        });
      navigate(`/v/${villageId}/classes/${saved.id}`, { replace: !session });
    });
  }

  async function remove() {
    if (!session) return;
    setConfirmingDelete(false);
    const topic = t(`skill.${session.topic}`);
    await classRepository.remove(session.id);
    navigate(`/v/${villageId}/classes`);
    showUndo({
      message: t('classes.deleted', { topic }),
      undo: () => classRepository.restore(session.id),
      undone: t('classes.restored', { topic }),
    });
  }

  const back = session ? `/v/${villageId}/classes/${session.id}` : `/v/${villageId}/classes`;
  return (
    <section className="class-form">
      <VillageTitle villageId={villageId} />
      <Link href={back} className="back-link">
        ← {t('app.back')}
      </Link>
      <h1>{session ? t('classes.editTitle') : t('classes.newTitle')}</h1>
      <DraftNotice draft={draft} />
      <form onSubmit={submit} noValidate>
        <div className="class-when">
          <Field label={t('classes.field.date')} error={errors.date}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="date"
                type="date"
                value={values.date}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('date', e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('classes.field.startTime')}
            hint={t('classes.field.startTimeHint')}
            error={errors.startTime}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="startTime"
                type="time"
                value={values.startTime}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('startTime', e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field
          label={t('classes.field.topic')}
          error={errors.topic === 'err.required' ? 'classes.err.chooseTopic' : errors.topic}
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="topic"
              value={values.topic}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('topic', e.target.value)}
            >
              <option value="">{t('classes.field.topicChoose')}</option>
              {SKILL_GROUPS.map((group) => (
                <optgroup key={group} label={t(`skill.group.${group}`)}>
                  {CATALOGUE.filter((item) => item.group === group).map((item) => (
                    <option key={item.code} value={item.code}>
                      {t(`skill.${item.code}`)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <RadioGroup
          legend={t('classes.field.audience')}
          name="audience"
          options={AUDIENCES.map((a) => ({ value: a, label: t(`class.audience.${a}`) }))}
          value={values.audience}
          onChange={(v) => set('audience', v)}
          error={errors.audience}
        />
        <TextField
          name="venue"
          label={t('classes.field.venue')}
          hint={t('classes.field.venueHint')}
          value={values.venue}
          onChange={(v) => set('venue', v)}
          error={errors.venue}
        />
        <TextField
          name="trainer"
          label={t('classes.field.trainer')}
          value={values.trainer}
          onChange={(v) => set('trainer', v)}
          error={errors.trainer}
        />
        <TextField
          name="notes"
          label={t('classes.field.notes')}
          hint={t('classes.field.notesHint')}
          multiline
          value={values.notes}
          onChange={(v) => set('notes', v)}
          error={errors.notes}
        />
        <FormStatus errors={errors} labels={labels} failure={failure} />
        <div className="form-actions">
          <CancelButton draft={draft} href={back} />
          <SaveButton saving={saving} />
        </div>
      </form>
      {session && (
        <>
          <button type="button" className="button danger wide" onClick={() => setConfirmingDelete(true)}>
            {t('classes.delete')}
          </button>
          <ConfirmDialog
            open={confirmingDelete}
            danger
            title={t('classes.deleteTitle', {
              topic: t(`skill.${session.topic}`),
              date: formatDay(session.date),
            })}
            body={t('classes.deleteBody')}
            confirmLabel={t('app.delete')}
            onConfirm={remove}
            onCancel={() => setConfirmingDelete(false)}
          />
        </>
      )}
    </section>
  );
}

/** What each field is called, for the list of refusals and the "changed meanwhile" note. */
function classLabels(t: Translate): Record<string, string> {
  return {
    date: t('classes.field.date'),
    startTime: t('classes.field.startTime'),
    topic: t('classes.field.topic'),
    audience: t('classes.field.audience'),
    venue: t('classes.field.venue'),
    trainer: t('classes.field.trainer'),
    notes: t('classes.field.notes'),
    walkIns: t('classes.walkInsCount'),
  };
}
