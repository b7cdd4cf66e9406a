import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CARDS } from '../../src/content/lessons';
import { isOfficialHost, type LessonCardFields, lessonCardFields } from '../../src/core/lessons/card';
import { cardSecretRequests } from '../../src/core/lessons/secret-rule';
import { SKILL_CODES, type SkillCode } from '../../src/core/skills/catalogue';

/**
 * The bundled lesson cards as content (issue 20): every file a valid card named by its key, one main
 * card per catalogue skill, prerequisites that can be met, sources on every card, official links only
 * to the stores and state sites, safe original illustrations, and no text that asks anyone for a
 * password, OTP or ID number (DESIGN §7).
 */

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/content/lessons');
const ART = join(DIR, 'art');

// synonyms.json beside the cards is the question box's data, not a card.
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.json') && name !== 'synonyms.json')
  .sort();
const raw = files.map((file) => ({
  file,
  data: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as unknown,
}));
const svgs = readdirSync(ART).filter((name) => name.endsWith('.svg'));

/** Every cycle of a "needs" graph, as "a → b → a", found by depth-first search. */
function cycles<T extends string>(needs: ReadonlyMap<T, readonly T[]>): string[] {
  const state = new Map<T, 'visiting' | 'done'>();
  const found: string[] = [];
  const visit = (node: T, path: readonly T[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      found.push([...path.slice(path.indexOf(node)), node].join(' → '));
      return;
    }
    state.set(node, 'visiting');
    for (const next of needs.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of needs.keys()) visit(node, []);
  return found;
}

describe('the card files', () => {
  it('there are cards, and the loader bundles every file', () => {
    expect(files.length).toBeGreaterThanOrEqual(SKILL_CODES.length);
    expect(BUNDLED_CARDS.map((c) => `${c.key}.json`).sort()).toEqual(files);
  });

  it('every file validates against the card schema', () => {
    const invalid = raw.flatMap(({ file, data }) => {
      const parsed = lessonCardFields.safeParse(data);
      return parsed.success ? [] : [`${file}: ${JSON.stringify(parsed.error.issues)}`];
    });
    expect(invalid).toEqual([]);
  });

  it("every card's key is its file name, and keys are unique", () => {
    expect(BUNDLED_CARDS.map((c) => `${c.key}.json`)).toEqual(files);
    expect(new Set(BUNDLED_CARDS.map((c) => c.key)).size).toBe(BUNDLED_CARDS.length);
  });

  it('every card has at least one source', () => {
    expect(BUNDLED_CARDS.filter((c) => c.sources.length === 0).map((c) => c.key)).toEqual([]);
  });

  it('every card has 8 to 20 keywords, so the question box finds it by how people ask', () => {
    const off = BUNDLED_CARDS.filter((c) => c.keywords.length < 8 || c.keywords.length > 20);
    expect(off.map((c) => `${c.key}: ${c.keywords.length}`)).toEqual([]);
  });

  it('steps stay short enough to read aloud in a doorway (at most 30 words each)', () => {
    const long = BUNDLED_CARDS.flatMap((c) =>
      c.steps.flatMap((s) => [s.vi, s.en]).filter((text) => text.split(/\s+/).length > 30),
    );
    expect(long).toEqual([]);
  });
});

describe('skills and prerequisites', () => {
  const mains = BUNDLED_CARDS.filter((c) => c.role === 'main');

  it('every catalogue skill has exactly one main card', () => {
    const count = (skill: SkillCode) => mains.filter((c) => c.skill === skill).length;
    expect(SKILL_CODES.filter((skill) => count(skill) !== 1)).toEqual([]);
  });

  it('every help card says what it helps with: situations or words of a failed attempt', () => {
    const vague = BUNDLED_CARDS.filter(
      (c) => c.role === 'help' && c.situations.length === 0 && c.reasonWords.length === 0,
    );
    expect(vague.map((c) => c.key)).toEqual([]);
  });

  it("no card's prerequisites name its own skill", () => {
    expect(BUNDLED_CARDS.filter((c) => c.prerequisites.includes(c.skill)).map((c) => c.key)).toEqual([]);
  });

  it('the main cards’ prerequisite graph has no cycle', () => {
    expect(cycles(new Map(mains.map((c) => [c.skill, c.prerequisites] as const)))).toEqual([]);
  });

  it('the cycle check finds a cycle when there is one, and only then', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a → b → c → a']);
    expect(
      cycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });
});

describe('links and illustrations', () => {
  it('official links lead only to the official stores and state (.gov.vn) sites', () => {
    const off = BUNDLED_CARDS.flatMap((c) =>
      c.officialLinks
        .filter((l) => !isOfficialHost(new URL(l.url).hostname))
        .map((l) => `${c.key}: ${l.url}`),
    );
    expect(off).toEqual([]);
  });

  it('every named illustration exists, and every illustration is used by a card', () => {
    const named = new Set(BUNDLED_CARDS.flatMap((c) => (c.illustration ? [c.illustration] : [])));
    expect([...named].filter((name) => !svgs.includes(`${name}.svg`))).toEqual([]);
    expect(svgs.filter((file) => !named.has(file.replace(/\.svg$/, '')))).toEqual([]);
  });

  it.each(svgs)('%s is a small, safe, self-contained SVG', (file) => {
    const path = join(ART, file);
    const text = readFileSync(path, 'utf8');
    expect(statSync(path).size).toBeLessThanOrEqual(4096);
    expect(text).toMatch(/^<svg\b[^>]*\bviewBox="[\d. -]+"/);
    // Nothing that runs, loads or embeds: no script, no event handler, no link out, no foreign
    // content, no bitmap (an original drawing, never a screenshot), no text (the app adds alt text).
    expect(text).not.toMatch(/<script/i);
    expect(text).not.toMatch(/\son\w+\s*=/i);
    expect(text).not.toMatch(/href\s*=\s*["']?\s*(?:https?:|\/\/|data:|javascript:)/i);
    expect(text).not.toMatch(/url\(\s*["']?\s*(?:https?:|\/\/|data:)/i);
    expect(text).not.toMatch(/<foreignObject|<image|<text|<use\b|@import/i);
  });
});

describe('no card asks anyone for a secret', () => {
  it.each(BUNDLED_CARDS.map((c) => [c.key, c] as const))('%s', (_key, card: LessonCardFields) => {
    expect(cardSecretRequests(card)).toEqual([]);
  });
});
