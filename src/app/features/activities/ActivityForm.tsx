import { useId } from 'react';
import { ACTIVITY_KINDS, type ActivityKind, activityFields } from '../../../core/schemas';
import { activityRepository } from '../../db/activity-repository';
import type { ActivityRow } from '../../db/database';
import { type Translate, useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { useMemberName } from '../../state/member-name';
import { useToast } from '../../state/toast-store';
import { CancelButton, DraftNotice, savedMessage } from '../../ui/FormDraft';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { Field, TextField } from '../../ui/fields';
import { formErrors } from '../../ui/form-errors';
import { useFormDraft } from '../../ui/use-form-draft';
import { useSaveForm } from '../../ui/use-save-form';
import { formatDay } from '../classes/class-format';
import {
  type ActivityFormValues,
  activityToForm,
  formToActivityInput,
  newActivityForm,
} from './activity-form-values';

interface Props {
  /** The village, unit or commune office (COMMUNE_OFFICE_ID) the activity is logged in. */
  scopeId: string;
  /** The activity being edited; absent for a new one. */
  activity?: ActivityRow | undefined;
  onDone: () => void;
}

/**
 * One activity of the log (issue 19 item 2): day, kind in plain words, title, reach ("số người tham
 * dự / lượt nghe"; empty when unknown, never 0) and notes. Typing is kept as a draft like every form.
 */
export function ActivityForm({ scopeId, activity, onDone }: Props) {
  const t = useT();
  const titleId = useId();
  const memberName = useMemberName();
  const showToast = useToast((s) => s.show);
  const draft = useFormDraft<ActivityFormValues, ActivityRow>(
    activity ? `activity:${activity.id}` : `activity:new:${scopeId}`,
    activity ? activityToForm(activity) : newActivityForm(communeToday()),
    activity,
  );
  const { values, setValues, seen } = draft;
  const { errors, setErrors, failure, setFailure, saving, run } = useSaveForm();
  const labels = activityLabels(t);
  const set = <K extends keyof ActivityFormValues>(key: K, value: ActivityFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const input = formToActivityInput(values);
    const parsed = activityFields.safeParse(input);
    const found = formErrors(parsed, input);
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    const { recordedBy: _by, ...fields } = parsed.data;
    await run(async () => {
      const saved = activity
        ? await activityRepository.update(activity.id, fields, seen)
        : { row: await activityRepository.add(scopeId, fields, memberName), overwritten: [] };
      await draft.saved();
      showToast({
        message: savedMessage(
          t,
          saved.overwritten,
          labels,
          t('activities.saved', { date: formatDay(saved.row.date) }),
        ),
      });
      onDone();
    });
  }

  return (
    <div className="activity-form" data-testid="activity-form">
      <h3 id={titleId}>{activity ? t('activities.editTitle') : t('activities.newTitle')}</h3>
      <DraftNotice draft={draft} />
      <form onSubmit={submit} noValidate aria-labelledby={titleId}>
        <Field label={t('activities.date')} error={errors.date}>
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
        <Field label={t('activities.kind')} error={errors.kind}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="kind"
              value={values.kind}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set('kind', e.target.value as ActivityKind | '')}
            >
              <option value="">{t('activities.chooseKind')}</option>
              {ACTIVITY_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`activities.kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          name="title"
          label={t('activities.title')}
          value={values.title}
          onChange={(v) => set('title', v)}
          error={errors.title}
        />
        <TextField
          name="reach"
          label={t('activities.reach')}
          hint={t('activities.reachHint')}
          inputMode="numeric"
          value={values.reach}
          onChange={(v) => set('reach', v)}
          error={errors.reach}
        />
        <TextField
          name="notes"
          label={t('activities.notes')}
          multiline
          value={values.notes}
          onChange={(v) => set('notes', v)}
          error={errors.notes}
        />
        <FormStatus errors={errors} labels={labels} failure={failure} />
        <div className="form-actions">
          <CancelButton draft={draft} onLeave={onDone} />
          <SaveButton saving={saving} />
        </div>
      </form>
    </div>
  );
}

function activityLabels(t: Translate): Record<string, string> {
  return {
    date: t('activities.date'),
    kind: t('activities.kind'),
    title: t('activities.title'),
    reach: t('activities.reach'),
    notes: t('activities.notes'),
  };
}
