/** The card schema's refusals that a commune officer's edit can meet (issue 20; the breaker's cases). */
import { describe, expect, it } from 'vitest';
import { BUNDLED_CARDS } from '../../src/content/lessons';
import { lessonCardFields } from '../../src/core/lessons/card';

const install = BUNDLED_CARDS.find((c) => c.key === 'vneid-install');
if (!install) throw new Error('the bundled VNeID install card is missing');
const { origin: _o, ...card } = install;
const link = (kind: string, url: string) => [{ kind, url, label: { vi: 'VNeID', en: 'VNeID' } }];
const issues = (value: object) => {
  const parsed = lessonCardFields.safeParse({ ...card, ...value });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a card the schema refuses', () => {
  it.each(['new', 'edit', 'print'])('the key "%s", a word of the cards’ own addresses', (key) => {
    expect(issues({ key })).toEqual(['key: err.invalid']);
  });

  it.each([
    [
      'an App Store QR leading to Google Play',
      link('ios', 'https://play.google.com/store/apps/details?id=com.vnid'),
    ],
    ['a Google Play QR leading to a state site', link('android', 'https://dichvucong.gov.vn')],
    ['a web QR leading to a store', link('web', 'https://apps.apple.com/vn/app/vneid/id1582750372')],
    ['a look-alike host', link('web', 'https://dichvucong.gov.vn.evil.example')],
    ['plain http', link('web', 'http://dichvucong.gov.vn')],
  ])('%s', (_name, officialLinks) => {
    expect(issues({ officialLinks }).some((i) => i.startsWith('officialLinks.0'))).toBe(true);
  });

  it('takes each kind to its own store or site', () => {
    expect(issues({})).toEqual([]);
    expect(issues({ officialLinks: link('web', 'https://binhdanhocvuso.gov.vn') })).toEqual([]);
  });
});
