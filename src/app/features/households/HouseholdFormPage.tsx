import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { type Household, type HouseholdFields, householdFields } from '../../../core/schemas';
import { fieldErrors } from '../../../core/validation';
import { getDb } from '../../db/database';
import { householdRepository } from '../../db/household-repository';
import { useT } from '../../i18n/i18n';
import { communeNowMs } from '../../state/commune-clock';
import { useToast } from '../../state/toast-store';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { Checkbox, TextField } from '../../ui/fields';
import { useSaveForm } from '../../ui/use-save-form';
import { VillageTitle } from '../villages/VillageTitle';
import {
  emptyHouseholdForm,
  formToHouseholdInput,
  type HouseholdFormValues,
  householdToForm,
} from './household-form-values';

export function HouseholdNewPage() {
  const { villageId = '' } = useParams<{ villageId: string }>();
  return <HouseholdForm villageId={villageId} />;
}

export function HouseholdEditPage() {
  const t = useT();
  const { villageId = '', householdId = '' } = useParams<{ villageId: string; householdId: string }>();
  const household = useLiveQuery(
    async () => (await getDb().households.get(householdId)) ?? null,
    [householdId],
  );
  if (household === undefined) return <p>{t('app.loading')}</p>;
  if (household === null) return <p>{t('app.notFound')}</p>;
  // Keyed so a record that changes underneath (sync) does not mix into a form being edited.
  return <HouseholdForm key={household.id} villageId={villageId} household={household} />;
}

function HouseholdForm({ villageId, household }: { villageId: string; household?: Household }) {
  const t = useT();
  const [, navigate] = useLocation();
  const showToast = useToast((s) => s.show);
  const [values, setValues] = useState<HouseholdFormValues>(() =>
    household ? householdToForm(household) : emptyHouseholdForm,
  );
  const { errors, setErrors, failure, setFailure, saving, run } = useSaveForm();

  const set = <K extends keyof HouseholdFormValues>(key: K, value: HouseholdFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const parsed = householdFields.safeParse(
      formToHouseholdInput(values, household, new Date(communeNowMs())),
    );
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    await run(async () => {
      const fields: HouseholdFields = parsed.data;
      const saved = household
        ? await householdRepository.update(household.id, fields)
        : await householdRepository.create(villageId, fields);
      showToast({ message: t('households.saved', { label: saved.label }) });
      navigate(`/v/${villageId}/h/${saved.id}`, { replace: !household });
    });
  }

  const back = household ? `/v/${villageId}/h/${household.id}` : `/v/${villageId}`;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section>
      <VillageTitle villageId={villageId} />
      <Link href={back} className="back-link">
        ← {t('app.back')}
      </Link>
      <h1>{household ? t('households.editTitle') : t('households.newTitle')}</h1>
      <form onSubmit={submit} noValidate>
        <TextField
          name="label"
          label={t('field.label')}
          hint={t('field.labelHint')}
          value={values.label}
          onChange={(v) => set('label', v)}
          error={errors.label}
          autoFocus={!household}
        />
        <TextField
          name="lane"
          label={t('field.lane')}
          value={values.lane}
          onChange={(v) => set('lane', v)}
          error={errors.lane}
        />
        <TextField
          name="address"
          label={t('field.address')}
          value={values.address}
          onChange={(v) => set('address', v)}
          error={errors.address}
        />
        <TextField
          name="membersCount"
          label={t('field.membersCount')}
          inputMode="numeric"
          value={values.membersCount}
          onChange={(v) => set('membersCount', v)}
          error={errors.membersCount}
        />
        <TextField
          name="phone"
          label={t('field.phone')}
          inputMode="tel"
          value={values.phone}
          onChange={(v) => set('phone', v)}
          error={errors.phone}
        />
        <Checkbox
          name="poor"
          label={t('field.poor')}
          checked={values.poor}
          onChange={(v) => set('poor', v)}
        />
        <fieldset className="consent">
          <Checkbox
            name="ethnicConsent"
            label={t('field.ethnicConsent')}
            hint={t('field.ethnicConsentHint')}
            checked={values.ethnicConsent}
            onChange={(v) => set('ethnicConsent', v)}
          />
          {values.ethnicConsent && (
            <Checkbox
              name="ethnicMinority"
              label={t('field.ethnicMinority')}
              checked={values.ethnicMinority}
              onChange={(v) => set('ethnicMinority', v)}
              error={errors.ethnicMinority}
            />
          )}
        </fieldset>
        <TextField
          name="notes"
          label={t('field.notes')}
          hint={t('field.notesHint')}
          multiline
          value={values.notes}
          onChange={(v) => set('notes', v)}
          error={errors.notes}
        />
        <FormStatus hasErrors={hasErrors} failure={failure} />
        <div className="form-actions">
          <Link href={back} className="button">
            {t('app.cancel')}
          </Link>
          <SaveButton saving={saving} />
        </div>
      </form>
    </section>
  );
}
