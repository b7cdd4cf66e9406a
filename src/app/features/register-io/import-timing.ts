/**
 * User Timing names of the register import (issue 17), read by the benchmark (scripts/bench/import.ts)
 * and visible in a DevTools performance recording. Each is a `performance.measure` on the page's
 * main thread, so it includes the wait for the worker and the copy of its answer.
 */
export const IMPORT_MEASURES = {
  /** The file's bytes read and handed to the worker → its sheets, layouts and legacy text back. */
  open: 'ngoso:import-open',
  /** The register read for the duplicate check → the worker's preview back (once per mapping change). */
  preview: 'ngoso:import-preview',
  /** The confirmed write: rows built, the one transaction committed (import-repository.ts). */
  write: 'ngoso:import-write',
} as const;

/** Ends a measure started at `start` (`performance.now()`, ms). */
export function endMeasure(name: string, start: number): void {
  performance.measure(name, { start, end: performance.now() });
}
