/**
 * The Vietnamese words are split in two (i18n/vi.ts with the first load, vi-later.ts with the lazy
 * screens) to keep the first load within its budget (DESIGN §6). Read off the built app: a first-load
 * script that names a later word would show its key until the later words arrive, so none may.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstLoadScripts } from '../../scripts/first-load-size.js';
import { vi } from '../../src/app/i18n/vi.js';
import { viLater } from '../../src/app/i18n/vi-later.js';

const dist = join(import.meta.dirname, '../../dist');
const QUOTES = `["'\`]`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the first load and the later words', () => {
  const scripts = firstLoadScripts(dist).map((ref) => readFileSync(join(dist, ref.slice(1)), 'utf8'));
  const code = scripts.join('\n');
  const later = Object.keys(viLater);

  it('the two halves share no key', () => {
    expect(later.filter((key) => key in vi)).toEqual([]);
  });

  it('no first-load script names a later word, whole or by a template prefix', () => {
    // A use is the key as a string literal not followed by ":" (which would be a dictionary entry).
    const named = later.filter((key) => new RegExp(`${QUOTES}${escapeRegExp(key)}${QUOTES}(?!:)`).test(code));
    const prefixes = [...code.matchAll(/`([\w.]+\.)\$\{/g)].map((m) => m[1] ?? '');
    const byPrefix = later.filter((key) => prefixes.some((prefix) => key.startsWith(prefix)));
    expect({ named, byPrefix }).toEqual({ named: [], byPrefix: [] });
  });

  it('the later words are not in the first load', () => {
    const sample = Object.values(viLater).filter((text) => text.length > 30);
    expect(sample.length).toBeGreaterThan(20);
    expect(sample.filter((text) => code.includes(JSON.stringify(text).slice(1, -1)))).toEqual([]);
  });
});
