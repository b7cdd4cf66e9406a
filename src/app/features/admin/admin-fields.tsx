import { useId } from 'react';
import type { VillageRow } from '../../db/database';
import { type MessageKey, useT } from '../../i18n/i18n';
import { Checkbox, Field } from '../../ui/fields';
import type { Role } from './admin-api';

interface AccountTextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  /** Account rules are not record schema rules, so their messages are any dictionary key. */
  error?: MessageKey | undefined;
  kind?: 'username' | 'new-password' | 'text';
  autoFocus?: boolean;
}

/**
 * A text field for account data. Unlike the shared TextField it stops phone keyboards from
 * capitalising usernames, and asks password managers for a new password rather than the admin's own.
 */
export function AccountTextField({
  name,
  label,
  value,
  onChange,
  hint,
  error,
  kind = 'text',
  autoFocus,
}: AccountTextFieldProps) {
  const plain = kind === 'username' || kind === 'new-password';
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          value={value}
          type={kind === 'new-password' ? 'password' : 'text'}
          autoComplete={kind === 'new-password' ? 'new-password' : kind === 'username' ? 'off' : 'name'}
          autoCapitalize={plain ? 'none' : 'words'}
          spellCheck={!plain}
          // biome-ignore lint/a11y/noAutofocus: the first field of a form opened on purpose
          autoFocus={autoFocus}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

interface RoleSelectProps {
  value: Role;
  options: readonly Role[];
  onChange: (role: Role) => void;
  hint?: string | undefined;
  disabled?: boolean;
}

export function RoleSelect({ value, options, onChange, hint, disabled }: RoleSelectProps) {
  const t = useT();
  return (
    <Field label={t('admin.role')} hint={hint}>
      {({ id, describedBy }) => (
        <select
          id={id}
          name="role"
          value={value}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value as Role)}
        >
          {options.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface VillageChecksProps {
  villages: readonly VillageRow[];
  selected: readonly string[];
  onToggle: (villageId: string, checked: boolean) => void;
  hint?: string | undefined;
  error?: MessageKey | undefined;
}

export function VillageChecks({ villages, selected, onToggle, hint, error }: VillageChecksProps) {
  const t = useT();
  return (
    <fieldset className={error ? 'has-error' : undefined}>
      <legend>{t('admin.userVillages')}</legend>
      {hint && <p className="hint">{hint}</p>}
      {villages.length === 0 && <p className="hint">{t('admin.noLocalVillages')}</p>}
      {villages.map((village) => (
        <Checkbox
          key={village.id}
          name="villageIds"
          label={village.name}
          checked={selected.includes(village.id)}
          onChange={(checked) => onToggle(village.id, checked)}
        />
      ))}
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}

interface UnitChoiceProps {
  units: ReadonlyArray<{ id: string; name: string }>;
  selected: string | undefined;
  onChoose: (unitId: string) => void;
  error?: MessageKey | undefined;
}

/** A reporting unit's account belongs to exactly one unit (issue 19): one choice among the units here. */
export function UnitChoice({ units, selected, onChoose, error }: UnitChoiceProps) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className={error ? 'has-error' : undefined}>
      <legend>{t('admin.userUnit')}</legend>
      <p className="hint">{t('admin.userUnitHint')}</p>
      {units.length === 0 && <p className="hint">{t('admin.noLocalUnits')}</p>}
      {units.map((unit) => (
        <div key={unit.id} className="check">
          <input
            type="radio"
            id={`${id}-${unit.id}`}
            name="unitId"
            value={unit.id}
            checked={selected === unit.id}
            onChange={() => onChoose(unit.id)}
          />
          <label htmlFor={`${id}-${unit.id}`}>{unit.name}</label>
        </div>
      ))}
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}
