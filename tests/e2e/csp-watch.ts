/**
 * Catches every Content-Security-Policy violation in the e2e suite's browsers (issue 14, kind 7):
 * the suite runs against the real server with its real policy, and a test fails if any page
 * violated it (csp-guard.ts checks after each test). Chromium's complaints about the
 * Permissions-Policy header (an unknown feature) count too: the header is then partly ignored.
 * Two independent witnesses, because each can miss what the other sees:
 * - Chromium's console line ("Refused to … because it violates the following Content Security
 *   Policy directive …"), logged for every blocked load, inline script or style and eval;
 * - the page's own `securitypolicyviolation` event, listened to by an init script that runs before
 *   any of the app's scripts (init scripts and exposed bindings are not subject to the page's CSP).
 */
import type { BrowserContext } from 'playwright-core';

export interface CspViolation {
  /** Which witness saw it. */
  seenBy: 'console' | 'event';
  /** The page (or worker) URL. */
  url: string;
  /** The console text, or `<directive> blocked <uri>` for the event. */
  text: string;
}

const BINDING = '__ngoSoCspViolation';
const CSP_CONSOLE_LINE = /Content Security Policy|Permissions-Policy/i;

const pending: CspViolation[] = [];
const byContext = new WeakMap<BrowserContext, CspViolation[]>();

function record(context: BrowserContext, violation: CspViolation): void {
  pending.push(violation);
  byContext.get(context)?.push(violation);
}

/** Starts watching `context`; call before it opens any page. */
export async function watchCsp(context: BrowserContext): Promise<void> {
  byContext.set(context, []);
  context.on('console', (message) => {
    if (!CSP_CONSOLE_LINE.test(message.text())) return;
    const url = message.page()?.url() ?? message.worker()?.url() ?? message.location().url;
    record(context, { seenBy: 'console', url, text: message.text() });
  });
  await context.exposeBinding(BINDING, ({ page }, directive: string, blocked: string) => {
    record(context, { seenBy: 'event', url: page?.url() ?? '', text: `${directive} blocked ${blocked}` });
  });
  await context.addInitScript((binding) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, (d: string, b: string) => void>)[binding];
      report?.(event.effectiveDirective, event.blockedURI || '(inline)');
    });
  }, BINDING);
}

/** What `context` has violated so far (nothing is taken away from the suite-wide check). */
export function cspViolationsOf(context: BrowserContext): readonly CspViolation[] {
  return byContext.get(context) ?? [];
}

/** Hands over and forgets every violation not yet checked, from every context of this test file. */
export function takeCspViolations(): CspViolation[] {
  return pending.splice(0, pending.length);
}

/** Throws, listing each, if any page violated the CSP since the last check; forgets them either way. */
export function assertNoCspViolations(): void {
  const violations = takeCspViolations();
  if (violations.length === 0) return;
  const lines = violations.map((v) => `  [${v.seenBy}] ${v.url}: ${v.text}`);
  throw new Error(
    `${violations.length} Content-Security-Policy violation(s) or policy header error(s) — fix the app, not the policy ` +
      `(src/server/security-headers.ts):\n${lines.join('\n')}`,
  );
}
