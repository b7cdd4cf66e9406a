import { useId, useState } from 'react';
import { villageFields } from '../../../core/schemas';
import { fieldErrors } from '../../../core/validation';
import type { VillageRow } from '../../db/database';
import { villageRepository } from '../../db/village-repository';
import { type MessageKey, useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { TextField } from '../../ui/fields';
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
  const [values, setValues] = useState<VillageFormValues>(() =>
    village ? villageToForm(village) : emptyVillageForm,
  );
  const { errors, setErrors, failure, setFailure, saving, run } = useSaveForm();

  const set = (key: keyof VillageFormValues, value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const { input, countErrors } = formToVillageInput(values);
    const parsed = villageFields.safeParse(input);
    const found = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...countErrors };
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    await run(async () => {
      const saved = village
        ? await villageRepository.update(village.id, input)
        : await villageRepository.create(input);
      showToast({ message: t('admin.villageSaved', { name: saved.name }) });
      onDone();
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{village ? t('admin.editVillageTitle') : t('admin.newVillageTitle')}</h3>
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
      <FormStatus hasErrors={Object.keys(errors).length > 0} failure={failure} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          {t('app.cancel')}
        </button>
        <SaveButton saving={saving} />
      </div>
    </form>
  );
}
