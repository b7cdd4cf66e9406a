import { type ReactNode, useId } from 'react';
import type { ValidationMessage } from '../../core/validation';
import { type MessageKey, useT } from '../i18n/i18n';

interface FieldProps {
  label: string;
  hint?: string | undefined;
  /** A validation message, or any dictionary key for rules outside the record schemas (accounts). */
  error?: MessageKey | undefined;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label, control, hint and error in one block; the error is announced and linked to the control. */
export function Field({ label, hint, error, children }: FieldProps) {
  const t = useT();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="error" role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}

/** An error under a group of controls (a fieldset) that has no single field of its own. */
export function FieldError({ message }: { message: MessageKey | undefined }) {
  const t = useT();
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {t(message)}
    </p>
  );
}

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: MessageKey | undefined;
  inputMode?: 'text' | 'numeric' | 'tel';
  type?: 'text' | 'password';
  multiline?: boolean;
  autoFocus?: boolean;
  /** The field's purpose for the browser (WCAG 1.3.5), e.g. 'username', 'new-password', 'name'. */
  autoComplete?: string;
  name: string;
}

export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  inputMode,
  type,
  multiline,
  autoFocus,
  autoComplete,
  name,
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea
            id={id}
            name={name}
            value={value}
            rows={3}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            id={id}
            name={name}
            value={value}
            type={type}
            autoComplete={autoComplete ?? (type === 'password' ? 'current-password' : undefined)}
            inputMode={inputMode}
            // biome-ignore lint/a11y/noAutofocus: the first field of a form opened on purpose
            autoFocus={autoFocus}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

interface CheckboxProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string | undefined;
  error?: MessageKey | undefined;
  name: string;
}

export function Checkbox({ label, checked, onChange, hint, error, name }: CheckboxProps) {
  const t = useT();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'check has-error' : 'check'}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={Boolean(error)}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="error" role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}

interface RadioGroupProps<T extends string> {
  legend: string;
  name: string;
  /** `lang` marks a label in another language than the page (a language's own name). */
  options: ReadonlyArray<{ value: T; label: string; lang?: string }>;
  value: T | undefined;
  onChange: (value: T) => void;
  hint?: string | undefined;
  error?: ValidationMessage | undefined;
  /** Shown inside the group after the choices, e.g. a preview of the choice. */
  children?: ReactNode;
}

/** One choice among a few, as a fieldset of radios; each whole row (label included) is the target. */
export function RadioGroup<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  hint,
  error,
  children,
}: RadioGroupProps<T>) {
  const t = useT();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className={error ? 'has-error' : undefined}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {options.map((option) => (
        <div key={option.value} className="check">
          <input
            type="radio"
            id={`${id}-${option.value}`}
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <label htmlFor={`${id}-${option.value}`} lang={option.lang}>
            {option.label}
          </label>
        </div>
      ))}
      {children}
      {error && (
        <p id={errorId} className="error" role="alert">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}
