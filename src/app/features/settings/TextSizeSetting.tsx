import { useT } from '../../i18n/i18n';
import { TEXT_SIZES, useSettings } from '../../state/settings-store';
import { RadioGroup } from '../../ui/fields';

/** "Cỡ chữ": applies at once to the whole app, so the page itself is the preview; the sample shows it. */
export function TextSizeSetting() {
  const t = useT();
  const textSize = useSettings((s) => s.textSize);
  const setTextSize = useSettings((s) => s.setTextSize);
  return (
    <RadioGroup
      legend={t('textSize.title')}
      name="textSize"
      hint={t('textSize.hint')}
      options={TEXT_SIZES.map((size) => ({ value: size, label: t(`textSize.${size}`) }))}
      value={textSize}
      onChange={setTextSize}
    >
      <div className="text-preview" data-testid="text-size-preview">
        <p className="text-preview-label">{t('textSize.previewLabel')}</p>
        <p>{t('textSize.previewText')}</p>
      </div>
    </RadioGroup>
  );
}
