/**
 * Issue 20 in Chromium against the real server, on a 360×740 phone with the network cut: a team member
 * opens a resident's profile and sees the suggested card, opens it, reads it aloud (the speech call is
 * made in vi-VN and the highlighted step moves as each step is spoken), marks it taught and sees the
 * profile move on; asks the question box without diacritics; and opens the handout print view with its
 * official QR codes (screenshots for the README).
 *
 * Headless Chromium has no voices, so the page's speech synthesis is a recording stand-in installed
 * before the app loads: it keeps each utterance and fires its `start` at once and its `end` only when
 * the test says so, so "the highlight moves" is checked one spoken step at a time, never by a timer.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, Pusher, seedVillage, setupCommune } from '../../scripts/lib/server-seed.js';
import { newId } from '../../src/core/ids';
import { expectNoSeriousA11yViolations } from './axe.js';
import { launchBrowser, newPhoneContext, type ServerHandle, startServer } from './harness.js';
import { goOffline, logIn, newPage, readStore, tap, tapChoice, tapToGo, waitForSync } from './phone.js';

interface Spoken {
  text: string;
  lang: string;
  rate: number;
  voice: string | null;
}

declare global {
  interface Window {
    __spoken: Spoken[];
    /** Ends the utterance being spoken: the app then speaks the next piece. */
    __endUtterance: () => void;
  }
}

/** A speech synthesis with one Vietnamese voice that records what it is asked to say. */
function installSpeech(): void {
  type Listener = () => void;
  interface Utterance {
    text: string;
    lang: string;
    rate: number;
    voice: { name: string } | null;
    onstart: ((e: unknown) => void) | null;
    onend: ((e: unknown) => void) | null;
    onerror: ((e: unknown) => void) | null;
  }
  const voice = { name: 'Tiếng Việt', lang: 'vi-VN', localService: true, default: true, voiceURI: 'vi' };
  let current: Utterance | undefined;
  window.__spoken = [];
  window.__endUtterance = () => {
    const done = current;
    current = undefined;
    done?.onend?.({});
  };
  class FakeUtterance implements Utterance {
    lang = '';
    rate = 1;
    voice: { name: string } | null = null;
    onstart: ((e: unknown) => void) | null = null;
    onend: ((e: unknown) => void) | null = null;
    onerror: ((e: unknown) => void) | null = null;
    constructor(public text: string) {}
  }
  const synth = {
    speak(u: Utterance) {
      window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.name ?? null });
      current = u;
      queueMicrotask(() => u.onstart?.({}));
    },
    cancel() {
      const was = current;
      current = undefined;
      was?.onerror?.({ error: 'interrupted' });
    },
    getVoices: () => [voice],
    addEventListener: (_type: string, _listener: Listener) => {},
    removeEventListener: (_type: string, _listener: Listener) => {},
    speaking: false,
    pending: false,
    paused: false,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
}

const HOUSEHOLD = 'Hoàng Văn Pải';
const RESIDENT = 'Hoàng Thị Ún';

/** The number of the step highlighted as spoken (1-based), or 0 when none is. */
function spokenStep(page: Page): Promise<number> {
  return page.evaluate(() => {
    const steps = [...document.querySelectorAll('.lesson-step')];
    return steps.findIndex((s) => s.getAttribute('aria-current') === 'step') + 1;
  });
}

describe('lessons on the phone, offline', () => {
  let server: ServerHandle;
  let villageId: string;

  beforeAll(async () => {
    server = await startServer();
    const commune = await setupCommune(server.url);
    const village = await seedVillage(server.url, commune, {
      name: 'Thôn Khuổi Slấn',
      households: 3,
      seed: 41,
    });
    villageId = village.villageId;
    // A 72-year-old with a smartphone who agreed to skills support, nothing learnt yet.
    const pusher = new Pusher(server.url, commune);
    const householdId = newId();
    const now = new Date().toISOString();
    await pusher.push([
      pusher.change('households', householdId, villageId, {
        label: HOUSEHOLD,
        lane: 'Xóm Nà Pài',
        membersCount: 2,
        poor: false,
        createdAt: now,
      }),
      pusher.change('residents', newId(), villageId, {
        householdId,
        name: RESIDENT,
        birthYear: new Date().getFullYear() - 72,
        groups: [],
        hasSmartphone: true,
        consent: { purposes: ['skills_support'], collectedBy: 'Lục Thị Hoa', collectedAt: now },
        createdAt: now,
      }),
    ]);
    await createAccount(server.url, commune, {
      username: 'hoa.khuoislan',
      displayName: 'Lục Thị Hoa',
      role: 'member',
      villageIds: [villageId],
    });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('a suggested card read aloud in Vietnamese, taught, and its handout printed', async () => {
    const browser = await launchBrowser();
    try {
      const context = await newPhoneContext(browser, { baseURL: server.url });
      await context.addInitScript(installSpeech);
      const page = await newPage(context);
      await logIn(page, 'hoa.khuoislan');
      await waitForSync(page);
      await goOffline(page);

      // The resident's profile: the next step names the cards to bring, the phone first.
      await tapToGo(page.getByRole('link', { name: /Thôn Khuổi Slấn/ }));
      await tapToGo(page.getByRole('link', { name: new RegExp(HOUSEHOLD) }));
      await tapToGo(page.getByRole('link', { name: new RegExp(`^${RESIDENT}`) }));
      const cards = page.getByTestId('next-step').locator('.next-step-list a');
      await cards.first().waitFor();
      const suggested = await cards.allTextContents();
      expect(suggested[0]).toContain('Làm quen với điện thoại thông minh');
      expect(suggested[1]).toContain('Cài ứng dụng VNeID');
      await expectNoSeriousA11yViolations(page, 'resident profile with its next step');
      await page.screenshot({ path: 'docs/screenshots/35-next-step.png' });

      // The card, opened for her.
      await tapToGo(cards.first());
      await page.getByTestId('teach-panel').waitFor();
      expect(new URL(page.url()).searchParams.get('resident')).toBeTruthy();
      const steps = await page.locator('.lesson-step').count();
      expect(steps).toBeGreaterThanOrEqual(3);

      // Read aloud: every utterance in Vietnamese with the Vietnamese voice, slow by default; the
      // highlight follows the step being spoken.
      await tap(page.getByRole('button', { name: 'Đọc to cả thẻ' }));
      await page.waitForFunction(() => window.__spoken.length === 1);
      expect(await spokenStep(page)).toBe(0); // the title and summary come first
      await page.evaluate(() => window.__endUtterance());
      await page.waitForFunction(() => document.querySelector('.lesson-step[aria-current="step"]') !== null);
      expect(await spokenStep(page)).toBe(1);
      await page.evaluate(() => window.__endUtterance());
      await page.waitForFunction(
        () => document.querySelectorAll('.lesson-step')[1]?.getAttribute('aria-current') === 'step',
      );
      expect(await spokenStep(page)).toBe(2);
      const spoken = await page.evaluate(() => window.__spoken);
      expect(spoken).toHaveLength(3);
      for (const s of spoken) expect(s).toMatchObject({ lang: 'vi-VN', voice: 'Tiếng Việt', rate: 0.8 });
      const secondStep = await page.locator('.lesson-step').nth(1).locator('.lesson-step-text').textContent();
      expect(spoken[2]?.text).toContain((secondStep ?? '').slice(0, 20));
      await page
        .locator('.lesson-step[aria-current="step"]')
        .evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: 'docs/screenshots/36-card-read-aloud.png' });
      await expectNoSeriousA11yViolations(page, 'lesson card being read aloud');
      await tap(page.getByRole('button', { name: 'Dừng đọc' }));

      // Taught: she can do it alone, seen by the helper; the profile moves on to installing VNeID.
      await tap(page.getByRole('button', { name: 'Đánh dấu đã dạy' }));
      await tapChoice(page, 'Đã tự làm được');
      await tap(page.getByRole('button', { name: 'Lưu', exact: true }));
      await page.getByTestId('next-step').waitFor();
      await page.waitForFunction(
        () =>
          !document
            .querySelector('[data-testid="next-step"]')
            ?.textContent?.includes('Làm quen với điện thoại'),
      );
      const after = await cards.allTextContents();
      expect(after[0]).toContain('Cài ứng dụng VNeID');
      const assists = await readStore<{ kind: string; status: string; howKnown: string }>(page, 'assists');
      expect(assists.filter((a) => a.kind === 'device_basics')).toEqual([
        expect.objectContaining({ status: 'done', howKnown: 'observed' }),
      ]);

      // The question box, typed without diacritics, offline.
      await page.evaluate(() => window.history.pushState(null, '', '/lessons'));
      await page.evaluate(() => window.dispatchEvent(new PopStateEvent('popstate')));
      await page
        .getByRole('searchbox', { name: 'Hỏi nhanh: gõ vài chữ, không dấu cũng được' })
        .fill('lua dao qua dien thoai');
      const answers = page.getByTestId('ask-answers').getByRole('link');
      await answers.first().waitFor();
      expect(await answers.first().textContent()).toContain('lừa đảo');

      // The VNeID card's handout, with the official store listings as QR codes.
      await page
        .getByRole('searchbox', { name: 'Hỏi nhanh: gõ vài chữ, không dấu cũng được' })
        .fill('cai vneid');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="ask-answers"] a')?.textContent?.includes('VNeID'),
      );
      await tapToGo(answers.first());
      await tapToGo(page.getByRole('link', { name: 'Tờ hướng dẫn để in' }));
      const qr = page.getByTestId('handout').locator('figure svg');
      await qr.first().waitFor();
      expect(await qr.count()).toBe(2);
      expect(await page.getByText('https://play.google.com/store/apps/details?id=com.vnid').count()).toBe(1);
      await page.screenshot({ path: 'docs/screenshots/37-handout.png', fullPage: true });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('[data-testid="sync-bar"]').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });

      // Back from the handout and its card: the question is still typed, its answers still there.
      await page.goBack();
      await page.goBack();
      const box = page.getByRole('searchbox', { name: 'Hỏi nhanh: gõ vài chữ, không dấu cũng được' });
      await box.waitFor();
      expect(await box.inputValue()).toBe('cai vneid');
      await answers.first().waitFor();
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
