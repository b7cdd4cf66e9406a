/**
 * axe-core on a Playwright page, limited to the WCAG 2.0/2.1/2.2 A and AA rules, failing only on
 * serious and critical violations (issue 4: "axe-core finds no serious or critical violation on each
 * main screen"). Any e2e test can call it once a screen has rendered:
 *
 *   await expectNoSeriousA11yViolations(page, 'household list');
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** Serious and critical WCAG A/AA violations on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<Result[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze();
  return results.violations.filter((v) => v.impact != null && BLOCKING_IMPACTS.has(v.impact));
}

/** One block per rule: what is wrong, where (selector and HTML), and axe's own summary of the fix. */
export function formatViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((node) => {
          const summary = node.failureSummary?.replace(/\s*\n\s*/g, ' ').trim();
          return `    at ${node.target.join(' ')}\n      ${node.html}${summary ? `\n      ${summary}` : ''}`;
        })
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

/** Throws, listing every serious or critical violation readably, unless there is none. */
export async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
  const violations = await seriousA11yViolations(page);
  if (violations.length === 0) return;
  throw new Error(
    `axe: ${violations.length} serious/critical WCAG A/AA violation(s) on "${screen}" (${page.url()}):\n` +
      formatViolations(violations),
  );
}

/**
 * What axe cannot see at one viewport: reflow and target size, measured in the page (WCAG 1.4.4,
 * 1.4.10, 2.5.8 and the project's own 44 px rule). Returns readable problems; empty means fine.
 */
export async function layoutProblems(page: Page, minTarget = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const problems: string[] = [];
    const root = document.documentElement;
    const describe = (el: Element) => {
      const labels = (el as HTMLInputElement).labels;
      const named = labels?.length ? [...labels].map((l) => l.textContent).join(' ') : el.textContent;
      const text = (named ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      const cls =
        typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : '';
      return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
    };
    if (root.scrollWidth > root.clientWidth) {
      // Name the innermost boxes that stick out, so the report says what to fix.
      const width = root.clientWidth;
      const out = [...document.body.querySelectorAll('*')].filter(
        (el) => el.getBoundingClientRect().right > width + 1,
      );
      const innermost = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
      const culprits = innermost
        .slice(0, 4)
        .map((el) => `${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)} px`);
      problems.push(
        `horizontal scrolling: content is ${root.scrollWidth} px wide in ${width} px; ${culprits.join('; ')}`,
      );
    }
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return false;
      // Parked above the page until focused (the skip link).
      if (box.bottom + window.scrollY <= 0) return false;
      return getComputedStyle(el).visibility !== 'hidden';
    };

    // Clipped text: a box that hides overflow while its content is wider or taller than the box.
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      const hidesX = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      const hidesY = ['hidden', 'clip'].includes(style.overflowY);
      if (!shown(el) || !(el.textContent ?? '').trim()) continue;
      if (hidesX && el.scrollWidth > el.clientWidth + 1)
        problems.push(`clipped text (width): ${describe(el)}`);
      if (hidesY && el.scrollHeight > el.clientHeight + 1)
        problems.push(`clipped text (height): ${describe(el)}`);
    }

    // An inline link inside a sentence is exempt from the target size (WCAG 2.5.8 "inline").
    const inSentence = (el: Element) => {
      if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
      const own = (el.textContent ?? '').trim();
      const around = (el.parentElement?.textContent ?? '').trim();
      return around.length > own.length;
    };
    const controls = document.body.querySelectorAll(
      'button, a[href], select, summary, [role="button"], input[type="checkbox"], input[type="radio"]',
    );
    for (const el of controls) {
      if (!shown(el) || inSentence(el)) continue;
      // A checkbox or radio counts with its label: tapping the label ticks it.
      const boxes = [el, ...((el as HTMLInputElement).labels ?? [])].map((x) => x.getBoundingClientRect());
      const fits = boxes.some((b) => b.width >= min - 0.5 && b.height >= min - 0.5);
      if (!fits) {
        const sizes = boxes.map((b) => `${Math.round(b.width)}×${Math.round(b.height)}`).join(', ');
        problems.push(`target smaller than ${min}×${min} px (${sizes}): ${describe(el)}`);
      }
    }
    return problems;
  }, minTarget);
}

/**
 * Tabs through the page (up to `maxStops` controls) and lists every control that shows no focus ring
 * when reached by keyboard (WCAG 2.4.7) or is hidden behind another element then (2.4.11). Empty means
 * every stop was visible.
 */
export async function focusProblems(page: Page, maxStops = 80): Promise<string[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let stop = 0; stop < maxStops; stop++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return undefined;
      const style = getComputedStyle(el);
      // WCAG 2.4.11: a sticky header or a floating button must not cover the focused control
      // entirely. Sample its centre and inset corners; any point reaching it (or its label) is enough.
      const box = el.getBoundingClientRect();
      const own = (hit: Element | null) =>
        !!hit &&
        (el.contains(hit) || [...((el as HTMLInputElement).labels ?? [])].some((l) => l.contains(hit)));
      const inset = Math.min(4, box.width / 4, box.height / 4);
      const points: Array<[number, number]> = [
        [box.left + box.width / 2, box.top + box.height / 2],
        [box.left + inset, box.top + inset],
        [box.right - inset, box.top + inset],
        [box.left + inset, box.bottom - inset],
        [box.right - inset, box.bottom - inset],
      ];
      const reachable = points.some(([x, y]) => own(document.elementFromPoint(x, y)));
      const [cx, cy] = points[0] as [number, number];
      const cover = document.elementFromPoint(cx, cy);
      const coverName = cover
        ? `<${cover.tagName.toLowerCase()}${cover.className ? `.${String(cover.className).split(' ').join('.')}` : ''}> "${(cover.textContent ?? '').trim().slice(0, 30)}"`
        : `nothing (outside the ${window.innerWidth}×${window.innerHeight} viewport at ${Math.round(cy)} px)`;
      const ring =
        (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) ||
        style.boxShadow !== 'none';
      const path: string[] = [];
      for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
        path.unshift(`${node.tagName}:${[...(node.parentElement?.children ?? [])].indexOf(node)}`);
      }
      const text = ((el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 40);
      return {
        key: path.join('/'),
        ring,
        reachable,
        coverName,
        what: `<${el.tagName.toLowerCase()}> "${text}"`,
      };
    });
    // Back at the start (or out of the page): every control has been visited.
    if (!focused || seen.has(focused.key)) break;
    seen.add(focused.key);
    if (!focused.ring) problems.push(`no visible focus indicator: ${focused.what}`);
    if (!focused.reachable)
      problems.push(`focused control hidden behind ${focused.coverName}: ${focused.what}`);
  }
  return problems;
}
