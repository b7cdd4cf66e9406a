/**
 * The report's export libraries (exceljs ~250 kB, docx ~70 kB, papaparse ~7 kB gzipped) load only when
 * an officer asks for a file (features/report/export/index.ts imports each one dynamically): none may
 * reach the first load and its 150 kB budget (DESIGN §9). Read off the built app, by a string each
 * library carries in its own code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstLoadScripts } from '../../scripts/first-load-size.js';

const dist = join(import.meta.dirname, '../../dist');
const modules = join(import.meta.dirname, '../../node_modules');

/** A string only each library's code holds (an error message, an XML name, an option). */
const SIGNATURES = [
  { library: 'exceljs', file: 'exceljs/dist/exceljs.min.js', text: 'Worksheet name already exists' },
  { library: 'docx', file: 'docx/dist/index.mjs', text: 'w:pgMar' },
  { library: 'papaparse', file: 'papaparse/papaparse.min.js', text: 'escapeFormulae' },
] as const;

describe('the first load and the export libraries', () => {
  it('each signature is in its library as the browser build bundles it (the check is not vacuous)', () => {
    for (const { file, text } of SIGNATURES) {
      expect(readFileSync(join(modules, file), 'utf8')).toContain(text);
    }
  });

  it('no first-load script holds exceljs, docx or papaparse', () => {
    const scripts = firstLoadScripts(dist).map((ref) => ({
      ref,
      code: readFileSync(join(dist, ref.slice(1)), 'utf8'),
    }));
    const found = SIGNATURES.flatMap(({ library, text }) =>
      scripts.filter((s) => s.code.includes(text)).map((s) => `${library} in ${s.ref}`),
    );
    expect(found).toEqual([]);
  });
});
