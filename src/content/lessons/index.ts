/**
 * The bundled lesson cards (issue 20): one JSON file per card in this folder, validated by
 * `lessonCardFields` when the module loads, so a malformed card fails the build's tests, never a
 * phone. Imported lazily by the lessons screens (the cards are not first-load JavaScript) and
 * precached by the service worker with every other chunk, so they open offline.
 */
import { type LessonCard, lessonCardFields } from '../../core/lessons/card';

// synonyms.json is the question box's data, not a card.
const files = import.meta.glob<unknown>(['./*.json', '!./synonyms.json'], { eager: true, import: 'default' });

/** Every bundled card, in key order; throws (naming the file) when one does not validate. */
export const BUNDLED_CARDS: readonly LessonCard[] = Object.entries(files)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([file, raw]) => {
    const parsed = lessonCardFields.safeParse(raw);
    if (!parsed.success) throw new Error(`${file}: ${JSON.stringify(parsed.error.issues)}`);
    return { ...parsed.data, origin: 'bundled' as const };
  });

// Eager, as strings in this chunk (11 small SVGs, under 1 kB each): the cards' chunk then loads
// nothing more by itself, and a card's picture is there offline with its text.
const art = import.meta.glob<string>('./art/*.svg', { query: '?raw', import: 'default', eager: true });

/** An illustration's SVG text; undefined when the card names none that exists. */
export function illustrationSvg(name: string | undefined): string | undefined {
  return name ? art[`./art/${name}.svg`] : undefined;
}
