/**
 * Setup file of the e2e project: every test fails if a page violated the Content-Security-Policy
 * during it, and every file fails if one did in its last hooks (issue 14, kind 7). Contexts made by
 * newPhoneContext are watched (csp-watch.ts).
 */
import { afterAll, afterEach } from 'vitest';
import { assertNoCspViolations } from './csp-watch.js';

afterEach(() => {
  assertNoCspViolations();
});

afterAll(() => {
  assertNoCspViolations();
});
