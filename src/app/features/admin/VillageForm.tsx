import { useId } from 'react';
import { villageFields } from '../../../core/schemas';
import type { VillageRow } from '../../db/database';
import { villageRepository } from '../../db/village-repository';
import { type MessageKey, useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { CancelButton, DraftNotice, savedMessage } from '../../ui/FormDraft';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { TextField } from '../../ui/fields';
import { formErrors } from '../../ui/form-errors';
import { useFormDraft } from '../../ui/use-form-draft';
import { useSaveForm } from '../../ui/use-save-form';
import {
  COUNT_FIELDS,
  emptyVillageForm,
  formToVillageInput,
  type VillageFormValues,
  villageToForm,
} from './village-form-values';

const COUNT_LABELS: Record<(typeof COUNT_FIELDS)[number], MessageKey> = {
  households: 'admin.officialHouseholds',
  residents16Plus: 'admin.officialResidents16',
  adults18Plus: 'admin.officialAdults18',
};

interface Props {
  /** The village being edited; a new one when absent. */
  village?: VillageRow | undefined;
  onDone: () => void;
}

/** A commune officer's form for one village: its name, code and the official counts used as denominators. */
export function VillageForm({ village, onDone }: Props) {
  const t = useT();
  const titleId = useId();
  const showToast = useToast((s) => s.show);
  const draft = useFormDraft<VillageFormValues, VillageRow>(
    village ? `village:${village.id}` : 'village:new',
    village ? villageToForm(village) : emptyVillageForm,
    village,
  );
  const { values, setValues, seen } = draft;
  const { errors, setErrors, failure, setFailure, saving, run } = useSaveForm();
  const labels: Record<string, string> = {
    name: t('admin.villageName'),
    code: t('admin.villageCode'),
    'official.households': t(COUNT_LABELS.households),
    'official.residents16Plus': t(COUNT_LABELS.residents16Plus),
    'official.adults18Plus': t(COUNT_LABELS.adults18Plus),
    'official.source': t('admin.officialSource'),
    'official.asOf': t('admin.officialAsOf'),
  };

  const set = (key: keyof VillageFormValues, value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const { input, countErrors } = formToVillageInput(values);
    const parsed = villageFields.safeParse(input);
    const found = { ...formErrors(parsed, input), ...countErrors };
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    await run(async () => {
      const { row: saved, overwritten } = village
        ? await villageRepository.update(village.id, input, seen)
        : { row: await villageRepository.create(input), overwritten: [] };
      await draft.saved();
      showToast({
        message: savedMessage(t, overwritten, labels, t('admin.villageSaved', { name: saved.name })),
      });
      onDone();
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{village ? t('admin.editVillageTitle') : t('admin.newVillageTitle')}</h3>
      <DraftNotice draft={draft} />
      <TextField
        name="name"
        label={t('admin.villageName')}
        value={values.name}
        onChange={(v) => set('name', v)}
        error={errors.name}
        autoFocus={!village}
      />
      <TextField
        name="code"
        label={t('admin.villageCode')}
        value={values.code}
        onChange={(v) => set('code', v)}
        error={errors.code}
      />
      <fieldset>
        <legend>{t('admin.officialTitle')}</legend>
        <p className="hint">{t('admin.officialHint')}</p>
        {COUNT_FIELDS.map((field) => (
          <TextField
            key={field}
            name={field}
            label={t(COUNT_LABELS[field])}
            inputMode="numeric"
            value={values[field]}
            onChange={(v) => set(field, v)}
            error={errors[`official.${field}`]}
          />
        ))}
        <TextField
          name="source"
          label={t('admin.officialSource')}
          value={values.source}
          onChange={(v) => set('source', v)}
          error={errors['official.source']}
        />
        <TextField
          name="asOf"
          label={t('admin.officialAsOf')}
          hint={t('admin.officialAsOfHint')}
          value={values.asOf}
          onChange={(v) => set('asOf', v)}
          error={errors['official.asOf']}
        />
      </fieldset>
      <FormStatus errors={errors} labels={labels} failure={failure} />
      <div className="form-actions">
        <CancelButton draft={draft} onLeave={onDone} />
        <SaveButton saving={saving} />
      </div>
    </form>
  );
}
