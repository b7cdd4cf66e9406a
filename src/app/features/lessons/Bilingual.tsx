import type { Localized } from '../../../core/lessons/card';
import { useLanguage } from '../../i18n/i18n';

/**
 * A card's text: the Vietnamese always (it is what the resident reads and hears), and the English
 * under it when the app is in English, for a helper who reads English better.
 */
export function Bilingual({ text }: { text: Localized }) {
  const english = useLanguage((s) => s.language === 'en');
  return (
    <>
      <span lang="vi">{text.vi}</span>
      {english && (
        <span className="lesson-en" lang="en">
          {text.en}
        </span>
      )}
    </>
  );
}
