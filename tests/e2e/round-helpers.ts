/** Reading and tapping the round planner's list like a walker, shared by the round e2e tests (issue 15). */
import type { Locator, Page } from 'playwright-core';
import { tap } from './phone.js';

export interface Door {
  id: string;
  label: string;
}

/** The lanes of the round's list, top to bottom. */
export function laneNames(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="round-lanes"] section.round-lane')
    .evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label') ?? ''));
}

/** The doors of one lane of the round's list, top to bottom. */
export function doorsOf(page: Page, lane: string): Promise<Door[]> {
  return page
    .locator(`[data-testid="round-lanes"] section.round-lane[aria-label="${lane}"] li.round-entry`)
    .evaluateAll((rows) =>
      rows.map((r) => ({
        id: r.getAttribute('data-household') ?? '',
        label: r.querySelector('.round-row .item-title')?.textContent ?? '',
      })),
    );
}

/**
 * `tap` after scrolling the control to the middle of the screen, as a thumb does: a control left at
 * the bottom edge sits under the "Hoàn tác" toast, and focusing it scrolls it clear (WCAG 2.4.11).
 */
export async function tapMid(target: Locator): Promise<void> {
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await tap(target);
}

/**
 * A ↑ or ↓: its row moves by design, and the first change saved on the phone adds the sync bar's
 * "changes waiting" line above it, which the browser's scroll anchoring makes up for — the words
 * under the finger stay put while the scroll position changes, so the scroll is not held against it.
 */
export async function tapMove(target: Locator): Promise<void> {
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await target.tap();
}

/** Whether the whole element is inside the 740 px high screen. */
export async function inView(row: Locator): Promise<boolean> {
  const box = await row.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= 740;
}
