/**
 * The commune's rows over the bundled cards (issue 20, part 6): an edit holds only what changed and is
 * laid over its bundled card; a card of the commune's own shows only when whole; a tombstone brings the
 * bundled card back.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_CARDS } from '../../src/content/lessons';
import type { LessonCard } from '../../src/core/lessons/card';
import { bundledIsNewer, effectiveCards } from '../../src/core/lessons/effective';

const install = BUNDLED_CARDS.find((c) => c.key === 'vneid-install') as LessonCard;
const { origin: _o, ...installFields } = install;

describe('the cards a phone shows', () => {
  it('a partial edit is laid over its bundled card: the rest of the card stays the bundled one', () => {
    const title = { vi: 'Cài VNeID thật', en: 'Install the real VNeID' };
    const cards = effectiveCards(BUNDLED_CARDS, [{ key: 'vneid-install', version: 3, basedOn: 2, title }]);
    const card = cards.find((c) => c.key === 'vneid-install');
    expect(card).toMatchObject({ origin: 'commune', title, version: 3, steps: install.steps });
    expect(cards).toHaveLength(BUNDLED_CARDS.length);
    expect(cards.map((c) => c.key)).toEqual(BUNDLED_CARDS.map((c) => c.key));
  });

  it("a commune's own card shows when whole, after the bundled ones; an incomplete one does not", () => {
    const own = { ...installFields, key: 'duong-day-nong-xa', role: 'help' as const };
    const cards = effectiveCards(BUNDLED_CARDS, [own, { key: 'chua-xong', version: 1 }]);
    expect(cards.at(-1)).toMatchObject({ key: 'duong-day-nong-xa', origin: 'commune' });
    expect(cards.some((c) => c.key === 'chua-xong')).toBe(false);
  });

  it('a tombstone, or a row that would break the card, leaves the bundled card', () => {
    const gone = effectiveCards(BUNDLED_CARDS, [
      {
        key: 'vneid-install',
        version: 3,
        title: { vi: 'x', en: 'x' },
        deletedAt: '2026-11-30T09:00:00.000Z',
      },
    ]);
    expect(gone.find((c) => c.key === 'vneid-install')).toBe(install);
    const broken = effectiveCards(BUNDLED_CARDS, [{ key: 'vneid-install', version: 3, steps: [] }]);
    expect(broken.find((c) => c.key === 'vneid-install')).toBe(install);
  });

  it('tells when the app brings a newer bundled card than the one the commune edited', () => {
    const edited = effectiveCards(BUNDLED_CARDS, [{ key: 'vneid-install', version: 9, basedOn: 1 }]).find(
      (c) => c.key === 'vneid-install',
    ) as LessonCard;
    expect(bundledIsNewer(edited, BUNDLED_CARDS)).toBe(install.version > 1);
    expect(bundledIsNewer({ ...edited, basedOn: install.version }, BUNDLED_CARDS)).toBe(false);
    expect(bundledIsNewer(install, BUNDLED_CARDS)).toBe(false);
  });
});
