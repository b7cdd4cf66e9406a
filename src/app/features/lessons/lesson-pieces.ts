import type { LessonCard } from '../../../core/lessons/card';
import { translate } from '../../i18n/i18n';

/** What one spoken piece of a card is: the title with its summary, a step, or a warning (0-based). */
export type PieceRef =
  | { kind: 'intro' }
  | { kind: 'step'; index: number }
  | { kind: 'warning'; index: number };

export interface SpeechScript {
  /** The texts to speak, in order: one utterance each. */
  texts: string[];
  /** What each text is, at the same index. */
  refs: PieceRef[];
}

/**
 * A card as it is read aloud: the title and summary, then "Bước 1. …" for each step, then "Lưu ý. …"
 * for each warning. Always the Vietnamese text with Vietnamese joining words, whatever the UI
 * language: it is spoken by a Vietnamese voice to a resident (read-aloud.ts).
 */
export function speechScript(card: LessonCard): SpeechScript {
  const texts: string[] = [
    translate('vi', 'lessons.speak.intro', { title: card.title.vi, summary: card.summary.vi }),
  ];
  const refs: PieceRef[] = [{ kind: 'intro' }];
  card.steps.forEach((step, index) => {
    // A string, not a number: "Bước 1", never a locale-formatted "1,0".
    texts.push(translate('vi', 'lessons.speak.step', { n: String(index + 1), text: step.vi }));
    refs.push({ kind: 'step', index });
  });
  card.warnings.forEach((warning, index) => {
    texts.push(translate('vi', 'lessons.speak.warning', { text: warning.vi }));
    refs.push({ kind: 'warning', index });
  });
  return { texts, refs };
}

/** The index in `speechScript(card).texts` of step `index` (0-based). */
export function stepPiece(index: number): number {
  return index + 1;
}
