import { useState } from 'react';
import { ageInYear, type HowKnown, type Visit } from '../../../core/schemas';
import { CATALOGUE, type SkillCode } from '../../../core/skills/catalogue';
import type { PairChoice } from '../../../core/skills/visit-steps';
import type { ValidationMessage } from '../../../core/validation';
import type { ResidentRow } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { FieldError, TextField } from '../../ui/fields';
import { saveFailedMessage } from '../../ui/use-save-form';
import { FollowUpField } from './FollowUpField';
import type { SaveVisitResult, VisitDetails } from './use-save-visit';
import { VisitStepsPicker } from './VisitStepsPicker';

/** Everything the visit screen holds before Lưu: kept as a draft on the phone. */
export interface VisitDraft {
  outcome: 'met' | 'come_back' | undefined;
  residentIds: string[];
  topics: SkillCode[];
  notes: string;
  followUpOn: string;
  /**
   * What was done for whom, by pairKey: only the pairs the helper changed. Optional because a draft
   * kept by an earlier version has none.
   */
  steps?: Record<string, PairChoice>;
  howKnown?: HowKnown;
}

export const EMPTY_VISIT_DRAFT: VisitDraft = {
  outcome: undefined,
  residentIds: [],
  topics: [],
  notes: '',
  followUpOn: '',
};

interface Props {
  outcome: 'met' | 'come_back';
  values: VisitDraft;
  setValues: (update: (values: VisitDraft) => VisitDraft) => void;
  /** The household's residents, in the order the household page lists them. */
  residents: readonly ResidentRow[];
  today: string;
  save: (details: VisitDetails) => Promise<SaveVisitResult>;
  onSaved: (visit: Visit) => void;
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

/**
 * The details after "Gặp được" (who, notes, what was done, maybe a day) or "Hẹn quay lại" (the day,
 * notes). Notes come before the fourteen skill chips so the common "type a note, Lưu" needs no scroll
 * past them; Lưu itself stays pinned under the thumb.
 */
export function VisitForm({ outcome, values, setValues, residents, today, save, onSaved }: Props) {
  const t = useT();
  const met = outcome === 'met';
  const { residentIds, topics, notes, followUpOn } = values;
  const steps = values.steps ?? {};
  const howKnown = values.howKnown ?? 'observed';
  const ticked = residents.filter((r) => residentIds.includes(r.id));
  const set = <K extends keyof VisitDraft>(key: K, update: (value: VisitDraft[K]) => VisitDraft[K]) =>
    setValues((v) => ({ ...v, [key]: update(v[key]) }));
  const setFollowUpOn = (day: string) => set('followUpOn', () => day);
  const setNotes = (text: string) => set('notes', () => text);
  const [errors, setErrors] = useState<Record<string, ValidationMessage>>({});
  const [followUpPast, setFollowUpPast] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const year = Number(today.slice(0, 4));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (saving) return;
    setFailure(undefined);
    // A day already past is a slip of the thumb on the date picker, not a plan.
    const past = followUpOn !== '' && followUpOn < today;
    setFollowUpPast(past);
    if (past) return;
    setSaving(true);
    try {
      const result = await save({
        outcome,
        residentIds: met ? residentIds : [],
        topics: met ? topics : [],
        followUpOn: followUpOn || undefined,
        notes: notes.trim() || undefined,
        ...(met ? { steps: { choices: steps, howKnown } } : {}),
      });
      if ('errors' in result) {
        setErrors(result.errors);
        setSaving(false);
        return;
      }
      onSaved(result.visit);
    } catch (error) {
      setFailure(saveFailedMessage(t, error));
      setSaving(false);
    }
  }

  const followUp = (
    <FollowUpField
      value={followUpOn}
      onChange={setFollowUpOn}
      today={today}
      required={!met}
      error={followUpPast ? 'visits.err.followUpPast' : errors.followUpOn}
    />
  );
  const notesField = (
    <TextField
      name="notes"
      label={t('field.notes')}
      hint={t('field.notesHint')}
      multiline
      value={notes}
      onChange={setNotes}
      error={errors.notes}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="visit-form">
      {met && (
        <>
          <fieldset className="pick-group">
            <legend>{t('visits.residentsLegend')}</legend>
            {residents.length === 0 ? (
              <p className="empty">{t('visits.noResidents')}</p>
            ) : (
              residents.map((r) => (
                <label key={r.id} className="pick">
                  <input
                    type="checkbox"
                    name="residentIds"
                    value={r.id}
                    checked={residentIds.includes(r.id)}
                    onChange={(e) => set('residentIds', (ids) => toggle(ids, r.id, e.target.checked))}
                  />
                  <span>
                    <span className="pick-title">{r.name}</span>{' '}
                    <span className="item-meta">
                      {t('resident.age', { age: ageInYear(r.birthYear, year) })}
                    </span>
                  </span>
                </label>
              ))
            )}
            <FieldError message={errors.residentIds} />
          </fieldset>
          {notesField}
          <fieldset className="chip-group">
            <legend>{t('visits.topicsLegend')}</legend>
            {CATALOGUE.map(({ code }) => (
              <label key={code} className="chip">
                <input
                  type="checkbox"
                  name="topics"
                  value={code}
                  checked={topics.includes(code)}
                  onChange={(e) => set('topics', (list) => toggle(list, code, e.target.checked))}
                />
                <span>{t(`skill.${code}`)}</span>
              </label>
            ))}
            <FieldError message={errors.topics} />
          </fieldset>
          {ticked.length > 0 && topics.length > 0 && (
            <VisitStepsPicker
              householdId={ticked[0]?.householdId ?? ''}
              people={ticked}
              topics={topics}
              choices={steps}
              onChoice={(key, choice) => set('steps', (old) => ({ ...old, [key]: choice }))}
              howKnown={howKnown}
              onHowKnown={(how) => set('howKnown', () => how)}
            />
          )}
          {followUp}
        </>
      )}
      {!met && (
        <>
          {followUp}
          {notesField}
        </>
      )}
      <FormStatus
        errors={followUpPast ? { ...errors, followUpOn: 'visits.err.followUpPast' } : errors}
        labels={{
          residentIds: t('visits.residentsLegend'),
          topics: t('visits.topicsLegend'),
          notes: t('field.notes'),
          followUpOn: t('visits.followUpDay'),
          members: t('visits.membersLabel'),
        }}
        failure={failure}
      />
      <div className="form-actions visit-save">
        <SaveButton saving={saving} />
      </div>
    </form>
  );
}
