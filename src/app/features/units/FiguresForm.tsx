import { useState } from 'react';
import { parsePeriodKey } from '../../../core/indicators/period';
import { UNIT_COUNT_PAIRS, unitFiguresFields, unitPairIssues } from '../../../core/schemas';
import type { ValidationMessage } from '../../../core/validation';
import { getDb, type ReportingUnitRow, type UnitFiguresRow } from '../../db/database';
import { UNIT_FIGURE_INPUTS, unitRepository } from '../../db/unit-repository';
import { type Translate, useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { CancelButton, DraftNotice, savedMessage } from '../../ui/FormDraft';
import { FormStatus, SaveButton } from '../../ui/FormStatus';
import { TextField } from '../../ui/fields';
import { formErrors } from '../../ui/form-errors';
import { useFormDraft } from '../../ui/use-form-draft';
import { useSaveForm } from '../../ui/use-save-form';
import { type FiguresFormValues, figuresToForm, formToFigures, pairsFor } from './figures-form-values';

interface Props {
  unit: ReportingUnitRow;
  /** "2025-Q4". */
  period: string;
  /** The quarter's row as stored when the form opened; undefined when nobody has entered figures. */
  row: UnitFiguresRow | undefined;
}

/**
 * A unit's figures for one quarter (issue 19 item 1): the headcount pairs of the indicators it feeds,
 * trainings and participants, results and difficulties. An empty box is "not reported", never 0.
 * Saving writes only what was changed since the form showed it, so the unit's account and an officer
 * entering on its behalf do not undo each other's figures.
 */
export function FiguresForm({ unit, period, row }: Props) {
  const t = useT();
  const showToast = useToast((s) => s.show);
  const draft = useFormDraft<FiguresFormValues, UnitFiguresRow>(
    `unitFigures:${unit.id}:${period}`,
    figuresToForm(row),
    row,
  );
  const { values, setValues } = draft;
  // After a save the form stays open: the next save is judged against what was just stored.
  const [lastSaved, setLastSaved] = useState<UnitFiguresRow | undefined>();
  const seen = lastSaved ?? draft.seen;
  const { errors, setErrors, failure, setFailure, saving, run } = useSaveForm();
  const labels = figureLabels(t);
  const quarter = parsePeriodKey(period);
  const when = {
    quarter: quarter?.kind === 'quarter' ? quarter.quarter : 0,
    year: String(quarter?.year ?? ''),
  };

  const set = (field: keyof FiguresFormValues, value: string) => setValues((v) => ({ ...v, [field]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const figures = formToFigures(values);
    const input = { ...figures, unitId: unit.id, period };
    const parsed = unitFiguresFields.safeParse(input);
    const found: Record<string, ValidationMessage> = formErrors(parsed, input);
    for (const meeting of unitPairIssues(figures)) {
      const total = UNIT_COUNT_PAIRS.find(([, m]) => m === meeting)?.[0];
      if (total && figures[total] === undefined) found[total] ??= 'err.required';
      else found[meeting] ??= 'err.meetingAboveTotal';
    }
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    await run(async () => {
      const result = await unitRepository.saveFigures(unit.id, period, figures, seen);
      const stored = await getDb().unitFigures.get(result?.row.id ?? '');
      await draft.restart(figuresToForm(stored ?? seen));
      if (stored) setLastSaved(stored);
      showToast({
        message: result
          ? savedMessage(t, result.overwritten, labels, t('unitFigures.saved', when))
          : t('unitFigures.unchanged'),
      });
    });
  }

  const count = (field: (typeof UNIT_FIGURE_INPUTS)[number], label: string) => (
    <TextField
      name={field}
      label={label}
      inputMode="numeric"
      value={values[field]}
      onChange={(v) => set(field, v)}
      error={errors[field]}
    />
  );

  const pairs = pairsFor(unit.codes, seen);
  return (
    <div className="figures-form">
      <DraftNotice draft={draft} />
      <form onSubmit={submit} noValidate aria-label={t('unitFigures.title', when)}>
        {pairs.length === 0 && <p className="hint">{t('unitFigures.noCodes')}</p>}
        {pairs.map(([total, meeting]) => (
          <fieldset key={total} className="figure-pair" data-testid={`pair-${total}`}>
            <legend>{t(`unitFigures.group.${total}`)}</legend>
            {count(total, t('unitFigures.total'))}
            {count(meeting, t('unitFigures.meeting'))}
          </fieldset>
        ))}
        <div className="figure-pair">
          {count('trainings', t('unitFigures.trainings'))}
          {count('participants', t('unitFigures.participants'))}
        </div>
        <TextField
          name="results"
          label={t('unitFigures.results')}
          multiline
          value={values.results}
          onChange={(v) => set('results', v)}
          error={errors.results}
        />
        <TextField
          name="difficulties"
          label={t('unitFigures.difficulties')}
          multiline
          value={values.difficulties}
          onChange={(v) => set('difficulties', v)}
          error={errors.difficulties}
        />
        <FormStatus errors={errors} labels={labels} failure={failure} />
        <div className="form-actions">
          {draft.dirty && <CancelButton draft={draft} onLeave={() => undefined} />}
          <SaveButton saving={saving} />
        </div>
      </form>
    </div>
  );
}

/** Each field under its full name, for the list of refusals and the "changed meanwhile" note. */
function figureLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(UNIT_FIGURE_INPUTS.map((f) => [f, t(`unitFigures.${f}`)]));
}
