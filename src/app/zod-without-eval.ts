/**
 * zod without `new Function` (issue 14, kind 7). For each object schema zod compiles a faster
 * parser with `new Function`, after probing once whether it may; under the server's
 * Content-Security-Policy (`script-src 'self'`, no `'unsafe-eval'`) that probe is refused and,
 * although zod catches it, Chromium reports it as a CSP violation every time schemas load. With
 * `jitless` zod neither probes nor compiles: parsing a record costs ~2 µs more (measured in Node,
 * 0.8 → 3.0 µs for a household-sized object), 20 ms for 10,000 pulled rows.
 *
 * zod keeps its settings in `globalThis.__zod_globalConfig` (zod/v4/core/core.js), which is what
 * `z.config()` writes. Setting it there rather than calling `z.config()` keeps zod out of the
 * entry chunk (+3.7 kB gzip on the first load otherwise); tests/app/zod-without-eval.test.ts fails
 * if zod stops reading it, and the e2e suite fails on the violation itself.
 *
 * Imported first by main.tsx: each `z.object` reads the setting when it is created, so it must be
 * set before any schema module is evaluated (they load lazily, after the entry graph).
 */
declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

globalThis.__zod_globalConfig ??= {};
globalThis.__zod_globalConfig.jitless = true;

export {};
