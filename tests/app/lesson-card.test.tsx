/**
 * The lesson card screens (issue 20, parts 2 and 5) through the app's routes: the card with its
 * steps, warnings, skill and sources; read aloud with the spoken step highlighted as a fake speech
 * synthesis starts and ends each utterance; the phone without a Vietnamese voice; the reading speed
 * kept on the phone; the handout with a QR code per official link; an unknown card.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isInlineSafeSvg } from '../../src/app/features/lessons/CardIllustration';
import { DEFAULT_SPEECH_RATE, useLessonSettings } from '../../src/app/features/lessons/lesson-settings';
import { loadDictionary, useLanguage } from '../../src/app/i18n/i18n';
import { EN_US, FakeSynth, FakeUtterance, VI_LOCAL } from './fake-speech';
import { renderAt } from './render-route';

const CARD = '/lessons/vneid-install';
const STEP_2 = 'Gõ tìm "VNeID", hoặc quét mã QR in trên tờ hướng dẫn này.';
const STEP_3 =
  'Xem tên nhà phát triển là Trung tâm dữ liệu quốc gia về dân cư (Bộ Công an) rồi mới bấm Cài đặt.';

let synth: FakeSynth;
const scrolled: Element[] = [];

function useSynth(voices = [EN_US, VI_LOCAL]) {
  synth = new FakeSynth(voices);
  vi.stubGlobal('speechSynthesis', synth);
  vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
}

beforeEach(() => {
  useLessonSettings.setState({ speechRate: DEFAULT_SPEECH_RATE });
  useSynth();
  scrolled.length = 0;
  // jsdom lays nothing out and has no scrollIntoView: record which element asked to be shown.
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

async function openCard() {
  renderAt(CARD);
  return screen.findByRole('heading', { level: 1, name: 'Cài ứng dụng VNeID từ kho ứng dụng chính thức' });
}

function stepItems(): HTMLElement[] {
  return within(screen.getByTestId('lesson-card'))
    .getAllByRole('listitem')
    .filter((li) => li.closest('ol.lesson-steps'));
}

/** The phone starts speaking the utterance last handed over. */
function start() {
  act(() => synth.start());
}
function end() {
  act(() => synth.end());
}

describe('lesson card page', () => {
  it('shows the title, summary, numbered steps, the warning box, the skill, official links and sources', async () => {
    await openCard();
    expect(screen.getByText(/VNeID là ứng dụng định danh điện tử của Bộ Công an/)).toBeInTheDocument();
    const steps = stepItems();
    expect(steps).toHaveLength(4);
    expect(steps[1]).toHaveTextContent(STEP_2);
    expect(within(steps[0] as HTMLElement).getByRole('button', { name: 'Đọc bước này' })).toBeInTheDocument();
    expect(screen.getByText('Kỹ năng: Cài ứng dụng VNeID')).toBeInTheDocument();

    const warnings = screen.getByRole('region', { name: /Lưu ý quan trọng/ });
    expect(warnings).toHaveTextContent('Không cài VNeID từ đường link gửi qua tin nhắn, Zalo hay cuộc gọi.');

    const play = screen.getByRole('link', { name: 'VNeID trên Google Play (Android)' });
    expect(play).toHaveAttribute('href', 'https://play.google.com/store/apps/details?id=com.vnid');
    const sources = screen.getByRole('region', { name: 'Nguồn thông tin' });
    expect(within(sources).getAllByRole('link')).toHaveLength(2);
    expect(within(sources).getByRole('link', { name: /UBND xã Thiệu Toán/ })).toHaveAttribute(
      'href',
      expect.stringContaining('thieutoan.thieuhoa.thanhhoa.gov.vn'),
    );
    expect(screen.getByText(/^Phiên bản \d+$/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tờ hướng dẫn để in' })).toHaveAttribute(
      'href',
      '/lessons/vneid-install/print',
    );
    // Vietnamese only while the app is in Vietnamese.
    expect(
      screen.queryByText('Open Google Play on an Android phone, or the App Store on an iPhone.'),
    ).toBeNull();
  });

  it('reads the card aloud in vi-VN, highlighting each step as it is spoken and moving on as steps end', async () => {
    const user = userEvent.setup();
    await openCard();
    await user.click(screen.getByRole('button', { name: 'Đọc to cả thẻ' }));
    await waitFor(() => expect(synth.spoken).toHaveLength(1));
    expect(synth.last().text).toMatch(/^Cài ứng dụng VNeID từ kho ứng dụng chính thức\. VNeID là/);
    start();
    expect(screen.getByTestId('now-reading')).toHaveTextContent('Đang đọc: tên thẻ');
    expect(stepItems().filter((li) => li.getAttribute('aria-current') === 'step')).toEqual([]);
    end();

    expect(synth.spoken).toHaveLength(2);
    expect(synth.last().text).toBe(
      'Bước 1. Mở CH Play (Google Play) trên điện thoại Android, hoặc App Store trên iPhone.',
    );
    start();
    let steps = stepItems();
    expect(steps[0]).toHaveAttribute('aria-current', 'step');
    expect(steps[0]).toHaveClass('is-speaking');
    expect(scrolled.at(-1)).toBe(steps[0]);
    expect(screen.getByTestId('now-reading')).toHaveTextContent('Đang đọc: bước 1/4');
    end();

    start();
    steps = stepItems();
    expect(steps[0]).not.toHaveAttribute('aria-current');
    expect(steps[0]).not.toHaveClass('is-speaking');
    expect(steps[1]).toHaveAttribute('aria-current', 'step');
    expect(scrolled.at(-1)).toBe(steps[1]);
    expect(synth.last().text).toBe(`Bước 2. ${STEP_2}`);

    for (const u of synth.spoken) {
      expect(u.lang).toBe('vi-VN');
      expect(u.voice).toBe(VI_LOCAL);
      expect(u.rate).toBe(0.8);
    }
    // While reading, the top button stops.
    await user.click(screen.getByRole('button', { name: 'Dừng' }));
    expect(synth.cancels).toBeGreaterThan(0);
    expect(stepItems().some((li) => li.hasAttribute('aria-current'))).toBe(false);
    expect(screen.queryByTestId('now-reading')).toBeNull();
    expect(screen.getByRole('button', { name: 'Đọc to cả thẻ' })).toBeInTheDocument();
    expect(synth.spoken).toHaveLength(3);
  });

  it('reads to the end: the warning is read last, then the reading stops by itself', async () => {
    const user = userEvent.setup();
    await openCard();
    await user.click(screen.getByRole('button', { name: 'Đọc to cả thẻ' }));
    await waitFor(() => expect(synth.spoken).toHaveLength(1));
    for (let i = 0; i < 5; i++) {
      start();
      end();
    }
    start();
    expect(synth.last().text).toMatch(/^Lưu ý\. Không cài VNeID từ đường link/);
    expect(screen.getByTestId('now-reading')).toHaveTextContent('Đang đọc: lưu ý');
    end();
    expect(synth.spoken).toHaveLength(6);
    expect(screen.queryByTestId('now-reading')).toBeNull();
    expect(screen.getByRole('button', { name: 'Đọc to cả thẻ' })).toBeInTheDocument();
  });

  it('"Đọc bước này" reads that step alone, and "Dừng đọc" at the bottom stops it', async () => {
    const user = userEvent.setup();
    await openCard();
    await user.click(within(stepItems()[2] as HTMLElement).getByRole('button', { name: 'Đọc bước này' }));
    await waitFor(() => expect(synth.spoken).toHaveLength(1));
    expect(synth.last().text).toBe(`Bước 3. ${STEP_3}`);
    start();
    expect(stepItems()[2]).toHaveAttribute('aria-current', 'step');
    end();
    expect(synth.spoken).toHaveLength(1);
    expect(stepItems()[2]).not.toHaveAttribute('aria-current');

    await user.click(within(stepItems()[3] as HTMLElement).getByRole('button', { name: 'Đọc bước này' }));
    await waitFor(() => expect(synth.spoken).toHaveLength(2));
    start();
    await user.click(screen.getByRole('button', { name: 'Dừng đọc' }));
    expect(synth.cancels).toBeGreaterThan(0);
    expect(stepItems()[3]).not.toHaveAttribute('aria-current');
  });

  it('a phone without a Vietnamese voice says so plainly, with how to add one, and speaks nothing', async () => {
    useSynth([EN_US]);
    const user = userEvent.setup();
    await openCard();
    await user.click(screen.getByRole('button', { name: 'Đọc to cả thẻ' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Điện thoại này chưa có giọng đọc tiếng Việt');
    expect(alert).toHaveTextContent('Dịch vụ lời nói của Google');
    expect(alert).toHaveTextContent('Cài đặt dữ liệu giọng nói');
    expect(alert).toHaveTextContent('Tiếng Việt');
    expect(synth.spoken).toEqual([]);
  });

  it('the reading speed is slow by default, and a change is kept on the phone and used', async () => {
    const user = userEvent.setup();
    await openCard();
    const speed = screen.getByRole('group', { name: 'Tốc độ đọc' });
    expect(within(speed).getByRole('radio', { name: 'Chậm' })).toBeChecked();
    await user.click(within(speed).getByRole('radio', { name: 'Nhanh' }));
    expect(within(speed).getByRole('radio', { name: 'Nhanh' })).toBeChecked();
    expect(JSON.parse(localStorage.getItem('ngo-so.lessons') ?? '{}')).toMatchObject({
      state: { speechRate: 1 },
    });
    await user.click(screen.getByRole('button', { name: 'Đọc to cả thẻ' }));
    await waitFor(() => expect(synth.spoken).toHaveLength(1));
    expect(synth.last().rate).toBe(1);
  });

  it('a speed chosen while reading applies at once: the step being spoken starts again at it', async () => {
    const user = userEvent.setup();
    await openCard();
    await user.click(screen.getByRole('button', { name: 'Đọc to cả thẻ' }));
    await waitFor(() => expect(synth.spoken).toHaveLength(1));
    start();
    end();
    start(); // step 1 is being spoken, slowly
    expect(synth.last()).toMatchObject({ rate: 0.8, text: expect.stringMatching(/^Bước 1\./) });
    const speed = screen.getByRole('group', { name: 'Tốc độ đọc' });
    await user.click(within(speed).getByRole('radio', { name: 'Nhanh' }));
    await waitFor(() => expect(synth.last().rate).toBe(1));
    expect(synth.last().text).toMatch(/^Bước 1\./);
    start();
    expect(stepItems()[0]).toHaveAttribute('aria-current', 'step');
    end();
    expect(synth.last()).toMatchObject({ rate: 1, text: expect.stringMatching(/^Bước 2\./) });
  });

  it('in English, each text shows in Vietnamese first and English under it; speech stays Vietnamese', async () => {
    // The English words first, as a phone that chose English has them before it renders.
    await loadDictionary('en');
    act(() => useLanguage.getState().setLanguage('en'));
    try {
      const user = userEvent.setup();
      renderAt(CARD);
      const english = await screen.findByText(
        'Open Google Play on an Android phone, or the App Store on an iPhone.',
      );
      const step = english.closest('li') as HTMLElement;
      expect(step.textContent?.indexOf('Mở CH Play')).toBe(0);
      await user.click(screen.getByRole('button', { name: 'Read the whole card aloud' }));
      await waitFor(() => expect(synth.spoken).toHaveLength(1));
      start();
      end();
      expect(synth.last().text).toMatch(/^Bước 1\. Mở CH Play/);
      expect(synth.last().lang).toBe('vi-VN');
    } finally {
      act(() => useLanguage.getState().setLanguage('vi'));
    }
  });

  it('an unknown card shows "not found" with the way back to the list', async () => {
    renderAt('/lessons/khong-co-the-nay');
    expect(await screen.findByText('Không có thẻ hướng dẫn này.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Các thẻ hướng dẫn' })).toHaveAttribute('href', '/lessons');
    renderAt('/lessons/khong-co-the-nay/print');
    await waitFor(() => expect(screen.getAllByText('Không có thẻ hướng dẫn này.')).toHaveLength(2));
    expect(screen.queryByTestId('handout')).toBeNull();
  });
});

describe('lesson list', () => {
  it('groups the cards by skill group, each a link to its card', async () => {
    renderAt('/lessons');
    const group = await screen.findByRole('region', { name: 'Định danh điện tử VNeID' });
    const link = within(group).getByRole('link', { name: /Cài ứng dụng VNeID từ kho ứng dụng chính thức/ });
    expect(link).toHaveAttribute('href', '/lessons/vneid-install');
  });
});

describe('handout', () => {
  it('prints the steps and a QR code (SVG) for each official link, with its address written out', async () => {
    const user = userEvent.setup();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderAt(`${CARD}/print`);
    const sheet = await screen.findByTestId('handout');
    expect(sheet).toHaveClass('handout-a5');
    expect(sheet).toHaveAttribute('lang', 'vi');
    const codes = await within(sheet).findAllByTestId('qr-code');
    expect(codes).toHaveLength(2);
    for (const code of codes) expect(code.querySelector('svg path')).not.toBeNull();
    expect(codes[0]).toHaveAccessibleName('Mã QR: VNeID trên Google Play (Android)');
    expect(
      within(sheet).getByText('https://play.google.com/store/apps/details?id=com.vnid'),
    ).toBeInTheDocument();
    expect(within(sheet).getByText('https://apps.apple.com/vn/app/vneid/id1582750372')).toBeInTheDocument();
    expect(
      within(sheet)
        .getAllByRole('listitem')
        .filter((li) => li.closest('ol')),
    ).toHaveLength(4);
    expect(sheet).toHaveTextContent('Không cài VNeID từ đường link');
    // The version printed, and the day it was printed, so a handout left behind says how current it is.
    expect(sheet).toHaveTextContent(/Thẻ "vneid-install", phiên bản \d+, in ngày \d{2}\/\d{2}\/\d{4}\./);
    expect(sheet).toHaveTextContent('cafef.vn');
    expect(sheet).toHaveTextContent('Tổ công nghệ số cộng đồng');

    await user.click(screen.getByRole('link', { name: 'Khổ A6' }));
    await waitFor(() => expect(screen.getByTestId('handout')).toHaveClass('handout-a6'));
    await user.click(screen.getByRole('button', { name: 'In tờ hướng dẫn' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('two codes are two different pictures: each encodes its own link', async () => {
    renderAt(`${CARD}/print`);
    const codes = await screen.findAllByTestId('qr-code');
    const [a, b] = codes.map((c) => c.querySelector('path')?.getAttribute('d'));
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });
});

describe('isInlineSafeSvg', () => {
  it('lets an SVG in and keeps out anything that could run', () => {
    expect(isInlineSafeSvg('  <svg viewBox="0 0 10 10"><rect width="10" height="10"/></svg>')).toBe(true);
    expect(isInlineSafeSvg('<svg><script>alert(1)</script></svg>')).toBe(false);
    expect(isInlineSafeSvg('<svg onload="alert(1)"></svg>')).toBe(false);
    expect(isInlineSafeSvg('<svg><a href="javascript:alert(1)">x</a></svg>')).toBe(false);
    expect(isInlineSafeSvg('<img src=x onerror=alert(1)>')).toBe(false);
    expect(isInlineSafeSvg('<?xml version="1.0"?><svg></svg>')).toBe(false);
  });
});
