import { useId, useState } from 'react';
import { reportingUnitFields, UNIT_KINDS, UNIT_TARGET_CODES, type UnitKind } from '../../../core/schemas';
import type { ReportingUnitRow } from '../../db/database';
import { unitRepository } from '../../db/unit-repository';
import { type Translate, useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { useUndoToast } from '../../state/undo-toast';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CancelButton, DraftNotice, savedMessage } from '../../ui/FormDraft';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { Checkbox, Field, TextField } from '../../ui/fields';
import { formErrors } from '../../ui/form-errors';
import { useFormDraft } from '../../ui/use-form-draft';
import { useSaveForm } from '../../ui/use-save-form';
import { useLocalVillages } from '../admin/use-local-villages';
import {
  emptyUnitForm,
  formToUnitInput,
  type UnitFormValues,
  unitToForm,
  withCode,
  withKind,
} from './unit-form-values';

interface Props {
  /** The unit being edited; absent for a new one. */
  unit?: ReportingUnitRow | undefined;
  onDone: () => void;
}

/**
 * A commune officer's form for one reporting unit (issue 19 item 1): name, kind, the indicators it
 * feeds (ticked from its kind), and for a village-kind unit its thôn. An existing unit can be
 * deleted after a confirmation, with an undo.
 */
export function UnitForm({ unit, onDone }: Props) {
  const t = useT();
  const titleId = useId();
  const showToast = useToast((s) => s.show);
  const showUndo = useUndoToast();
  const villages = useLocalVillages();
  const draft = useFormDraft<UnitFormValues, ReportingUnitRow>(
    unit ? `unit:${unit.id}` : 'unit:new',
    unit ? unitToForm(unit) : emptyUnitForm,
    unit,
  );
  const { values, setValues, seen } = draft;
  const { errors, setErrors, failure, setFailure, saving, run } = useSaveForm();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const labels = unitLabels(t);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const input = formToUnitInput(values);
    const parsed = reportingUnitFields.safeParse(input);
    const found = formErrors(parsed, input);
    if (values.kind === 'village' && !input.linkedVillageId) found.linkedVillageId = 'err.required';
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    await run(async () => {
      const saved = unit
        ? await unitRepository.update(unit.id, parsed.data, seen)
        : { row: await unitRepository.create(parsed.data), overwritten: [] };
      await draft.saved();
      showToast({
        message: savedMessage(t, saved.overwritten, labels, t('units.saved', { name: saved.row.name })),
      });
      onDone();
    });
  }

  async function remove() {
    if (!unit) return;
    setConfirmingDelete(false);
    await unitRepository.remove(unit.id);
    await draft.saved();
    onDone();
    showUndo({
      message: t('units.deleted', { name: unit.name }),
      undo: () => unitRepository.restore(unit.id),
      undone: t('units.restored', { name: unit.name }),
    });
  }

  return (
    <div className="unit-form" data-testid="unit-form">
      <h2 id={titleId}>{unit ? t('units.editTitle', { name: unit.name }) : t('units.newTitle')}</h2>
      <DraftNotice draft={draft} />
      <form onSubmit={submit} noValidate aria-labelledby={titleId}>
        <TextField
          name="name"
          label={t('units.name')}
          hint={t('units.nameHint')}
          value={values.name}
          onChange={(name) => setValues((v) => ({ ...v, name }))}
          error={errors.name}
        />
        <Field label={t('units.kind')} error={errors.kind}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              name="kind"
              value={values.kind}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => {
                const kind = e.target.value as UnitKind | '';
                if (kind !== '') setValues((v) => withKind(v, kind));
              }}
            >
              <option value="" disabled>
                {t('units.chooseKind')}
              </option>
              {UNIT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`units.kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {values.kind === 'village' && (
          <Field label={t('units.linkedVillageId')} error={errors.linkedVillageId}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="linkedVillageId"
                value={values.linkedVillageId}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => setValues((v) => ({ ...v, linkedVillageId: e.target.value }))}
              >
                <option value="">{t('units.chooseVillage')}</option>
                {(villages ?? []).map((village) => (
                  <option key={village.id} value={village.id}>
                    {village.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <fieldset className={errors.codes ? 'has-error' : undefined}>
          <legend>{t('units.codes')}</legend>
          <p className="hint">{t('units.codesHint')}</p>
          {UNIT_TARGET_CODES.map((code) => (
            <Checkbox
              key={code}
              name="codes"
              label={t(`units.code.${code}`)}
              checked={values.codes.includes(code)}
              onChange={(on) => setValues((v) => withCode(v, code, on))}
            />
          ))}
        </fieldset>
        <TextField
          name="notes"
          label={t('units.notes')}
          multiline
          value={values.notes}
          onChange={(notes) => setValues((v) => ({ ...v, notes }))}
          error={errors.notes}
        />
        <FormStatus errors={errors} labels={labels} failure={failure} />
        <div className="form-actions">
          <CancelButton draft={draft} onLeave={onDone} />
          <SaveButton saving={saving} />
        </div>
      </form>
      {unit && (
        <>
          <button type="button" className="button danger wide" onClick={() => setConfirmingDelete(true)}>
            {t('units.delete')}
          </button>
          <ConfirmDialog
            open={confirmingDelete}
            danger
            title={t('units.deleteTitle', { name: unit.name })}
            body={t('units.deleteBody')}
            confirmLabel={t('app.delete')}
            onConfirm={() => void remove()}
            onCancel={() => setConfirmingDelete(false)}
          />
        </>
      )}
    </div>
  );
}

/** What each field is called, for the list of refusals and the "changed meanwhile" note. */
function unitLabels(t: Translate): Record<string, string> {
  return {
    name: t('units.name'),
    kind: t('units.kind'),
    codes: t('units.codes'),
    linkedVillageId: t('units.linkedVillageId'),
    notes: t('units.notes'),
  };
}
