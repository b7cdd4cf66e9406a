import { TextField, type TextFieldProps } from '../../ui/fields';

/** A PIN box: hidden digits, the numeric keypad, never offered to the browser's autofill. */
export function PinField(props: Omit<TextFieldProps, 'type' | 'inputMode' | 'autoComplete' | 'multiline'>) {
  return <TextField {...props} type="password" inputMode="numeric" autoComplete="off" />;
}
