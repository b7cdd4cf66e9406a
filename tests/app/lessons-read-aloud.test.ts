/**
 * Read aloud (issue 20, part 2): the controller over a fake speech synthesis. Only Vietnamese is ever
 * spoken, at the chosen rate, one piece at a time with the piece being spoken reported; stop cancels
 * and silences what was cancelled; a phone without a Vietnamese voice is reported, not read to in
 * English; voices announced late are waited for.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createReadAloud,
  type ReadAloudHandlers,
  SPEECH_LANG,
  vietnameseVoice,
} from '../../src/app/features/lessons/read-aloud';
import { EN_US, FakeSynth, FakeUtterance, VI_LOCAL, VI_NETWORK } from './fake-speech';

const PIECES = [
  'Cài VNeID. Tóm tắt.',
  'Bước 1. Mở CH Play.',
  'Bước 2. Gõ tìm VNeID.',
  'Lưu ý. Không cài từ link lạ.',
];

function setup(synth = new FakeSynth()) {
  const events: string[] = [];
  const handlers: ReadAloudHandlers = {
    onPiece: (i) => events.push(`piece ${i}`),
    onDone: (error) => events.push(error ? `done ${error}` : 'done'),
  };
  const reader = createReadAloud({ synth, makeUtterance: (text) => new FakeUtterance(text) });
  return { synth, reader, handlers, events };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('vietnameseVoice', () => {
  it('picks a Vietnamese voice, preferring vi-VN and one on the phone (it works offline)', () => {
    expect(vietnameseVoice([EN_US, VI_NETWORK, VI_LOCAL])).toBe(VI_LOCAL);
    expect(vietnameseVoice([EN_US, VI_NETWORK])).toBe(VI_NETWORK);
    const bare = { name: 'vi', lang: 'vi', localService: true };
    const android = { name: 'vi_VN', lang: 'vi_VN', localService: false };
    expect(vietnameseVoice([bare, android])).toBe(android);
    expect(vietnameseVoice([EN_US, bare])).toBe(bare);
  });

  it('finds none among other languages, even ones whose code starts like "vi"', () => {
    expect(vietnameseVoice([])).toBeUndefined();
    expect(vietnameseVoice([EN_US, { name: 'x', lang: 'vic-XX' }])).toBeUndefined();
  });
});

describe('createReadAloud', () => {
  it('speaks every piece in turn in vi-VN, with the Vietnamese voice and the chosen rate', async () => {
    const { synth, reader, handlers, events } = setup(new FakeSynth([EN_US, VI_NETWORK, VI_LOCAL]));
    expect(await reader.speak(PIECES, { rate: 0.8 }, handlers)).toBe('speaking');
    // One utterance at a time: the next is handed over only when the one before has ended.
    for (let i = 0; i < PIECES.length; i++) {
      expect(synth.spoken).toHaveLength(i + 1);
      synth.start();
      synth.end();
    }
    expect(synth.spoken.map((u) => u.text)).toEqual(PIECES);
    for (const u of synth.spoken) {
      expect(u.lang).toBe(SPEECH_LANG);
      expect(u.lang).toBe('vi-VN');
      expect(u.voice).toBe(VI_LOCAL);
      expect(u.rate).toBe(0.8);
    }
    expect(events).toEqual(['piece 0', 'piece 1', 'piece 2', 'piece 3', 'done']);
  });

  it('speaks one step alone, and from a step to the end', async () => {
    const { synth, reader, handlers, events } = setup();
    await reader.speak(PIECES, { rate: 1, from: 2, only: true }, handlers);
    synth.start();
    synth.end();
    expect(synth.spoken.map((u) => u.text)).toEqual([PIECES[2]]);
    expect(events).toEqual(['piece 2', 'done']);

    events.length = 0;
    await reader.speak(PIECES, { rate: 1, from: 2 }, handlers);
    synth.start();
    synth.end();
    synth.start();
    synth.end();
    expect(synth.spoken.slice(1).map((u) => u.text)).toEqual([PIECES[2], PIECES[3]]);
    expect(events).toEqual(['piece 2', 'piece 3', 'done']);
  });

  it('stop cancels the speech, and nothing of the stopped reading is reported or spoken after it', async () => {
    const { synth, reader, handlers, events } = setup();
    await reader.speak(PIECES, { rate: 0.8 }, handlers);
    synth.start();
    synth.end();
    synth.start();
    reader.stop();
    expect(synth.cancels).toBeGreaterThan(0);
    // The browser's late events for what it cancelled.
    synth.end();
    synth.last().onerror?.({ error: 'interrupted' });
    expect(synth.spoken).toHaveLength(2);
    expect(events).toEqual(['piece 0', 'piece 1']);
  });

  it('a new reading replaces the one in progress: only the new one is reported', async () => {
    const { synth, reader, handlers, events } = setup();
    await reader.speak(PIECES, { rate: 0.8 }, handlers);
    synth.start();
    const first = synth.last();
    await reader.speak(PIECES, { rate: 0.8, from: 3, only: true }, handlers);
    first.onend?.({});
    synth.start();
    synth.end();
    expect(synth.spoken.map((u) => u.text)).toEqual([PIECES[0], PIECES[3]]);
    expect(events).toEqual(['piece 0', 'piece 3', 'done']);
  });

  it('a synthesis error ends the reading and says why', async () => {
    const { synth, reader, handlers, events } = setup();
    await reader.speak(PIECES, { rate: 0.8 }, handlers);
    synth.start();
    synth.last().onerror?.({ error: 'synthesis-failed' });
    expect(synth.spoken).toHaveLength(1);
    expect(events).toEqual(['piece 0', 'done synthesis-failed']);
  });

  it('with no Vietnamese voice it reports "no-voice" and speaks nothing, in no other language', async () => {
    const { synth, reader, handlers, events } = setup(new FakeSynth([EN_US]));
    expect(await reader.speak(PIECES, { rate: 0.8 }, handlers)).toBe('no-voice');
    expect(synth.spoken).toEqual([]);
    expect(events).toEqual([]);
  });

  it('without speech synthesis at all it reports "unsupported"', async () => {
    const reader = createReadAloud({ synth: null });
    expect(await reader.speak(PIECES, { rate: 0.8 }, {})).toBe('unsupported');
  });

  it('waits for voices that arrive late (voiceschanged), then speaks in Vietnamese', async () => {
    const { synth, reader, handlers, events } = setup(new FakeSynth([]));
    const started = reader.speak(PIECES, { rate: 0.9 }, handlers);
    await vi.waitFor(() => expect(synth.listening).toBe(1));
    expect(synth.spoken).toEqual([]);
    // A first announcement may still be empty; the list that has voices is the one used.
    synth.announceVoices([]);
    synth.announceVoices([EN_US, VI_LOCAL]);
    expect(await started).toBe('speaking');
    expect(synth.listening).toBe(0);
    expect(synth.last().voice).toBe(VI_LOCAL);
    expect(synth.last().lang).toBe('vi-VN');
    expect(synth.last().rate).toBe(0.9);
    synth.start();
    expect(events).toEqual(['piece 0']);
  });

  it('late voices without Vietnamese are reported as no voice', async () => {
    const { synth, reader, handlers } = setup(new FakeSynth([]));
    const started = reader.speak(PIECES, { rate: 0.8 }, handlers);
    await vi.waitFor(() => expect(synth.listening).toBe(1));
    synth.announceVoices([EN_US]);
    expect(await started).toBe('no-voice');
    expect(synth.spoken).toEqual([]);
  });

  it('a phone that never announces voices counts as having none after the wait', async () => {
    vi.useFakeTimers();
    const synth = new FakeSynth([]);
    const reader = createReadAloud({ synth, makeUtterance: (t) => new FakeUtterance(t), voiceWaitMs: 3000 });
    const started = reader.speak(PIECES, { rate: 0.8 }, {});
    await vi.advanceTimersByTimeAsync(3000);
    expect(await started).toBe('no-voice');
    expect(synth.listening).toBe(0);
  });

  it('stopped while the voices load: nothing is spoken when they arrive', async () => {
    const { synth, reader, handlers, events } = setup(new FakeSynth([]));
    const started = reader.speak(PIECES, { rate: 0.8 }, handlers);
    await vi.waitFor(() => expect(synth.listening).toBe(1));
    reader.stop();
    synth.announceVoices([VI_LOCAL]);
    expect(await started).toBe('stopped');
    expect(synth.spoken).toEqual([]);
    expect(events).toEqual([]);
  });
});
