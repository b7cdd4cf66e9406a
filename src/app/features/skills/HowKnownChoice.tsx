import { HOW_KNOWN, type HowKnown } from '../../../core/schemas';
import { useT } from '../../i18n/i18n';
import { RadioGroup } from '../../ui/fields';

/** "Làm sao biết?": seen by the helper, or told by the resident — for a step and for a visit's steps. */
export function HowKnownChoice({
  name,
  value,
  onChange,
}: {
  name: string;
  value: HowKnown;
  onChange: (value: HowKnown) => void;
}) {
  const t = useT();
  return (
    <RadioGroup
      legend={t('skills.record.how')}
      name={name}
      options={HOW_KNOWN.map((how) => ({ value: how, label: t(`assist.how.${how}`) }))}
      value={value}
      onChange={onChange}
    />
  );
}
