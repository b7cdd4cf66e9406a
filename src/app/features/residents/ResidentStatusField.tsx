import { useState } from 'react';
import { RESIDENT_STATUSES, type ResidentStatus } from '../../../core/schemas';
import type { ValidationMessage } from '../../../core/validation';
import { useT } from '../../i18n/i18n';
import { communeToday } from '../../state/commune-clock';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Field, RadioGroup } from '../../ui/fields';

export interface StatusValue {
  status: ResidentStatus;
  /** "YYYY-MM-DD", or '' while none is chosen. */
  statusOn: string;
}

interface Props {
  value: StatusValue;
  /** The status as stored, so choosing it again brings back its own day rather than today. */
  stored: { status?: ResidentStatus | undefined; statusOn?: string | undefined } | undefined;
  /** The person's name, for the confirmation of a death. */
  name: string;
  errors: Partial<Record<string, ValidationMessage>>;
  onChange: (value: StatusValue) => void;
}

/**
 * "Tình trạng cư trú" (issue 18, item 1): present, away, moved out or deceased, and the day it was
 * learned, which defaults to today in the commune's calendar (the day a helper hears of it is most
 * often the day they record it) and may not be in the future (date-rules.ts). "Đã mất" is asked to
 * be confirmed: it is a heavy change to make by a slip of the thumb. It is undone by choosing
 * another status and saving, like any edit; nothing is deleted.
 */
export function ResidentStatusField({ value, stored, name, errors, onChange }: Props) {
  const t = useT();
  const today = communeToday();
  const [confirmingDeath, setConfirmingDeath] = useState(false);

  function choose(status: ResidentStatus) {
    if (status === 'present') return onChange({ status, statusOn: '' });
    const statusOn = status === stored?.status && stored.statusOn ? stored.statusOn : today;
    onChange({ status, statusOn });
  }

  return (
    <>
      <RadioGroup<ResidentStatus>
        legend={t('resident.status')}
        name="status"
        hint={t('status.resident.hint')}
        options={RESIDENT_STATUSES.map((s) => ({ value: s, label: t(`status.resident.${s}`) }))}
        value={value.status}
        onChange={(status) => {
          if (status === 'deceased' && value.status !== 'deceased') setConfirmingDeath(true);
          else choose(status);
        }}
        error={errors.status}
      >
        {value.status !== 'present' && (
          <Field label={t('resident.statusOn')} hint={t('status.dayHint')} error={errors.statusOn}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="statusOn"
                type="date"
                value={value.statusOn}
                max={today}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => onChange({ ...value, statusOn: e.target.value })}
              />
            )}
          </Field>
        )}
      </RadioGroup>
      <ConfirmDialog
        open={confirmingDeath}
        danger
        title={t('status.deceasedTitle', { name: name.trim() })}
        body={t('status.deceasedBody')}
        confirmLabel={t('status.deceasedConfirm')}
        onConfirm={() => {
          setConfirmingDeath(false);
          choose('deceased');
        }}
        onCancel={() => setConfirmingDeath(false)}
      />
    </>
  );
}
