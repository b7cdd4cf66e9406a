import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { type HouseholdFields, householdFields } from '../../../core/schemas';
import { getDb, type HouseholdRow } from '../../db/database';
import { householdRepository } from '../../db/household-repository';
import { type Translate, useT } from '../../i18n/i18n';
import { communeNowMs } from '../../state/commune-clock';
import { useToast } from '../../state/toast-store';
import { CancelButton, DraftNotice, savedMessage } from '../../ui/FormDraft';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { Checkbox, TextField } from '../../ui/fields';
import { formErrors } from '../../ui/form-errors';
import { useFormDraft } from '../../ui/use-form-draft';
import { useSaveForm } from '../../ui/use-save-form';
import { VillageTitle } from '../villages/VillageTitle';
import { HouseholdStatusField } from './HouseholdStatusField';
import {
  emptyHouseholdForm,
  formToHouseholdInput,
  type HouseholdFormValues,
  householdStatusErrors,
  householdToForm,
} from './household-form-values';

/**
 * A new household; `?lane=` (from "Thêm hộ ở …" on a household of that lane) fills its lane, since
 * a team walks a lane door to door and the next house is most often in the same one.
 */
export function HouseholdNewPage() {
  const { villageId = '' } = useParams<{ villageId: string }>();
  const lane = new URLSearchParams(useSearch()).get('lane')?.trim() ?? '';
  return <HouseholdForm key={lane} villageId={villageId} lane={lane} />;
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

function HouseholdForm({
  villageId,
  household,
  lane = '',
}: {
  villageId: string;
  household?: HouseholdRow;
  lane?: string;
}) {
  const t = useT();
  const [, navigate] = useLocation();
  const showToast = useToast((s) => s.show);
  const draft = useFormDraft<HouseholdFormValues, HouseholdRow>(
    household ? `household:${household.id}` : `household:new:${villageId}`,
    household ? householdToForm(household) : { ...emptyHouseholdForm, lane },
    household,
  );
  const { values, setValues, seen } = draft;
  const { errors, setErrors, failure, setFailure, saving, run } = useSaveForm();
  const labels = householdLabels(t);

  const set = <K extends keyof HouseholdFormValues>(key: K, value: HouseholdFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const input = formToHouseholdInput(values, seen, new Date(communeNowMs()));
    const parsed = householdFields.safeParse(input);
    const found = { ...householdStatusErrors(input, household?.id), ...formErrors(parsed, input) };
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    await run(async () => {
      const fields: HouseholdFields = parsed.data;
      const { row: saved, overwritten } = household
        ? await householdRepository.update(household.id, fields, seen)
        : { row: await householdRepository.create(villageId, fields), overwritten: [] };
      await draft.saved();
      showToast({
        message: savedMessage(t, overwritten, labels, t('households.saved', { label: saved.label })),
      });
      navigate(`/v/${villageId}/h/${saved.id}`, { replace: !household });
    });
  }

  const back = household ? `/v/${villageId}/h/${household.id}` : `/v/${villageId}`;
  return (
    <section>
      <VillageTitle villageId={villageId} />
      <Link href={back} className="back-link">
        ← {t('app.back')}
      </Link>
      <h1>{household ? t('households.editTitle') : t('households.newTitle')}</h1>
      <DraftNotice draft={draft} />
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
          error={errors.poor}
        />
        <fieldset className="consent">
          <Checkbox
            name="ethnicConsent"
            label={t('field.ethnicConsent')}
            hint={t('field.ethnicConsentHint')}
            checked={values.ethnicConsent}
            onChange={(v) => set('ethnicConsent', v)}
            error={errors.ethnicMinorityConsentAt}
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
        <HouseholdStatusField
          villageId={villageId}
          selfId={household?.id}
          value={{
            status: values.status ?? 'active',
            statusOn: values.statusOn ?? '',
            mergedInto: values.mergedInto ?? '',
          }}
          stored={household}
          errors={errors}
          onChange={(status) => setValues((v) => ({ ...v, ...status }))}
        />
        <TextField
          name="notes"
          label={t('field.notes')}
          hint={t('field.notesHint')}
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
    </section>
  );
}

/** What each field is called, for the list of refusals and the "changed meanwhile" note. */
function householdLabels(t: Translate): Record<string, string> {
  return {
    label: t('field.label'),
    lane: t('field.lane'),
    address: t('field.address'),
    membersCount: t('field.membersCount'),
    phone: t('field.phone'),
    poor: t('field.poor'),
    ethnicMinority: t('field.ethnicMinority'),
    ethnicMinorityConsentAt: t('field.ethnicConsent'),
    notes: t('field.notes'),
    status: t('field.status'),
    statusOn: t('field.statusOn'),
    mergedInto: t('field.mergedInto'),
  };
}
