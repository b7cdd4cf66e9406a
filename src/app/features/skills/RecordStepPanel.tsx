import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { localDay } from '../../../core/dates';
import type { AssistStatus, HowKnown } from '../../../core/schemas';
import { CATALOGUE, type SkillCode } from '../../../core/skills/catalogue';
import { stepResults } from '../../../core/skills/step-results';
import { assistRepository } from '../../db/assist-repository';
import { getDb } from '../../db/database';
import { ValidationError } from '../../db/repository-errors';
import { type MessageKey, useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { useMemberName } from '../../state/member-name';
import { useUndoToast } from '../../state/undo-toast';
import { CancelButton, DraftNotice } from '../../ui/FormDraft';
import { FormStatus } from '../../ui/FormStatus';
import { Field, RadioGroup, TextField } from '../../ui/fields';
import { useFormDraft } from '../../ui/use-form-draft';
import { saveFailedMessage } from '../../ui/use-save-form';
import { HowKnownChoice } from './HowKnownChoice';
import { StepWarnings } from './StepWarnings';
import { resultWords } from './step-words';

interface Props {
  villageId: string;
  householdId: string;
  residentId: string;
  kind: SkillCode;
  onDone: () => void;
}

type Errors = Record<string, MessageKey | undefined>;

interface StepDraft {
  status: AssistStatus | undefined;
  howKnown: HowKnown;
  on: string;
  failReason: string;
}

/** The household's latest "met" visit today, so a step recorded in the doorway is tied to it. */
async function todaysVisitId(householdId: string, today: string): Promise<string | undefined> {
  const visits = await getDb().visits.where('householdId').equals(householdId).toArray();
  const met = visits
    .filter((v) => !v.deletedAt && v.outcome === 'met' && localDay(v.visitedAt) === today)
    .sort((a, b) => (a.visitedAt < b.visitedAt ? 1 : -1));
  return met[0]?.id;
}

/**
 * Recording one step: status, how it is known, the day. The common case is three taps (the item,
 * "Đã tự làm được", Lưu): seen by the helper and today are preselected, the result never is, so a
 * step is never recorded as done by an unthinking tap. Nothing here asks for a password, OTP or
 * ID number; the warnings for the step say so where it matters.
 */
export function RecordStepPanel({ villageId, householdId, residentId, kind, onDone }: Props) {
  const t = useT();
  const by = useMemberName() ?? t('skills.memberFallback');
  const showUndo = useUndoToast();
  const today = communeToday();
  // What is chosen and typed is a draft until Lưu (issue 13, kind 9).
  const draft = useFormDraft<StepDraft>(`step:${residentId}:${kind}`, {
    status: undefined,
    howKnown: 'observed',
    on: today,
    failReason: '',
  });
  const { status, howKnown, on, failReason } = draft.values;
  const set =
    <K extends keyof StepDraft>(key: K) =>
    (value: StepDraft[K]) =>
      draft.setValues((v) => ({ ...v, [key]: value }));
  const setStatus = set('status');
  const setHowKnown = set('howKnown');
  const setOn = set('on');
  const setFailReason = set('failReason');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const titleId = useId();
  const statusName = useId();
  const howName = useId();
  const visitToday = useLiveQuery(() => todaysVisitId(householdId, today), [householdId, today]);
  const warnings = CATALOGUE.find((item) => item.code === kind)?.warnings ?? [];

  async function save() {
    const found: Errors = {};
    if (!status) found.status = 'skills.record.chooseStatus';
    if (on > today) found.on = 'skills.record.futureDay';
    setErrors(found);
    setFailure(undefined);
    if (!status || Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const visitId = on === today ? await todaysVisitId(householdId, today) : undefined;
      const assist = await assistRepository.record(villageId, {
        residentId,
        householdId,
        kind,
        status,
        howKnown,
        on,
        by,
        ...(status === 'failed' ? { failReason } : {}),
        ...(visitId ? { visitId } : {}),
      });
      await draft.saved();
      onDone();
      showUndo({
        message: t('skills.saved', { skill: t(`skill.${kind}`), status: t(resultWords(kind, status)) }),
        undo: () => assistRepository.remove(assist.id),
        undone: t('skills.undone'),
      });
    } catch (error) {
      if (error instanceof ValidationError) {
        // Fields outside this panel (no consent any more, a bad "by" name) are named in the list.
        setErrors(error.fields);
      } else {
        setFailure(saveFailedMessage(t, error));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="record-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('skills.record.title', { skill: t(`skill.${kind}`) })}</h3>
      <DraftNotice draft={draft} />
      <StepWarnings warnings={warnings} />
      <RadioGroup
        legend={t('skills.record.status')}
        name={statusName}
        options={stepResults(kind).map((value) => ({ value, label: t(resultWords(kind, value)) }))}
        value={status}
        onChange={setStatus}
      >
        {errors.status && (
          <p className="error" role="alert">
            {t(errors.status)}
          </p>
        )}
      </RadioGroup>
      {status === 'failed' && (
        <TextField
          name="failReason"
          label={t('skills.record.failReason')}
          hint={t('skills.record.failReasonHint')}
          value={failReason}
          onChange={setFailReason}
          error={errors.failReason}
        />
      )}
      <HowKnownChoice name={howName} value={howKnown} onChange={setHowKnown} />
      <Field label={t('skills.record.day')} error={errors.on}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="date"
            value={on}
            max={today}
            required
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setOn(e.target.value)}
          />
        )}
      </Field>
      <p className="item-meta">{t('skills.record.by', { by })}</p>
      {visitToday && on === today && <p className="item-meta">{t('skills.record.withVisit')}</p>}
      <FormStatus
        errors={errors}
        labels={{
          status: t('skills.record.status'),
          howKnown: t('skills.record.how'),
          on: t('skills.record.day'),
          failReason: t('skills.record.failReason'),
          residentId: t('skills.record.resident'),
          by: t('skills.record.byLabel'),
        }}
        failure={failure}
      />
      <div className="form-actions">
        <CancelButton draft={draft} onLeave={onDone} />
        <button type="button" className="button primary" disabled={saving} onClick={save}>
          {saving ? t('app.saving') : t('app.save')}
        </button>
      </div>
    </section>
  );
}
