import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MIN_CHECK_GAP_MS,
  startUpdateChecks,
  UPDATE_CHECK_INTERVAL_MS,
} from '../../src/app/pwa/update-checks';

let visibility: DocumentVisibilityState = 'visible';
let onLine = true;
let stop: (() => void) | undefined;

function goBackground() {
  visibility = 'hidden';
  document.dispatchEvent(new Event('visibilitychange'));
}

function comeBack() {
  visibility = 'visible';
  document.dispatchEvent(new Event('visibilitychange'));
}

function loseSignal() {
  onLine = false;
  window.dispatchEvent(new Event('offline'));
}

function signalReturns() {
  onLine = true;
  window.dispatchEvent(new Event('online'));
}

/** A fake Workbox#update(), answering when the test says so. */
function fakeUpdate() {
  const answers: Array<(failure?: Error) => void> = [];
  const update = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        answers.push((failure) => (failure ? reject(failure) : resolve()));
      }),
  );
  /** Answers every pending check and lets the scheduler see the answer. */
  const answerAll = async (failure?: Error) => {
    for (const answer of answers.splice(0)) answer(failure);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { update, answerAll };
}

beforeEach(() => {
  vi.useFakeTimers();
  visibility = 'visible';
  onLine = true;
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => onLine);
});

afterEach(() => {
  stop?.();
  stop = undefined;
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('update checks while the app stays open', () => {
  it('checks every 30 minutes, not before', async () => {
    const { update, answerAll } = fakeUpdate();
    stop = startUpdateChecks({ update });
    expect(update).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(update).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(update).toHaveBeenCalledTimes(1);
    await answerAll();

    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('takes its interval from the caller', async () => {
    const { update } = fakeUpdate();
    stop = startUpdateChecks({ update, intervalMs: 5 * 60_000 });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('checks when the app comes back to the foreground, not when it leaves', async () => {
    const { update } = fakeUpdate();
    stop = startUpdateChecks({ update });
    goBackground();
    expect(update).not.toHaveBeenCalled();
    comeBack();
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('checks when the signal returns, and never while offline or in the background', async () => {
    const { update, answerAll } = fakeUpdate();
    stop = startUpdateChecks({ update });
    loseSignal();
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    comeBack();
    expect(update).not.toHaveBeenCalled();

    signalReturns();
    expect(update).toHaveBeenCalledTimes(1);
    await answerAll();

    goBackground();
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    signalReturns();
    expect(update).toHaveBeenCalledTimes(1);
    comeBack();
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('checks at most once a minute however often the app flips to the foreground', async () => {
    const { update, answerAll } = fakeUpdate();
    stop = startUpdateChecks({ update });
    for (let i = 0; i < 10; i++) {
      goBackground();
      comeBack();
      signalReturns();
      await answerAll();
      await vi.advanceTimersByTimeAsync(MIN_CHECK_GAP_MS / 20);
    }
    expect(update).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(MIN_CHECK_GAP_MS / 2);
    goBackground();
    comeBack();
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('throttles with an injected clock too', async () => {
    const { update, answerAll } = fakeUpdate();
    let clock = 1_000_000;
    stop = startUpdateChecks({ update, now: () => clock });
    comeBack();
    await answerAll();
    clock += MIN_CHECK_GAP_MS - 1;
    comeBack();
    expect(update).toHaveBeenCalledTimes(1);
    clock += 1;
    comeBack();
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('never starts a check while one is still waiting for the network', async () => {
    const { update, answerAll } = fakeUpdate();
    stop = startUpdateChecks({ update });
    comeBack();
    await vi.advanceTimersByTimeAsync(3 * UPDATE_CHECK_INTERVAL_MS);
    comeBack();
    expect(update).toHaveBeenCalledTimes(1);

    await answerAll();
    comeBack();
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('stays quiet when a check fails, and checks again later', async () => {
    const { update, answerAll } = fakeUpdate();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      stop = startUpdateChecks({ update });
      comeBack();
      await answerAll(new TypeError('Failed to update a ServiceWorker: network error'));
      await vi.advanceTimersByTimeAsync(MIN_CHECK_GAP_MS);
      comeBack();
      expect(update).toHaveBeenCalledTimes(2);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('does nothing more once stopped', async () => {
    const { update } = fakeUpdate();
    const stopChecks = startUpdateChecks({ update });
    stopChecks();
    await vi.advanceTimersByTimeAsync(3 * UPDATE_CHECK_INTERVAL_MS);
    goBackground();
    comeBack();
    signalReturns();
    expect(update).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
