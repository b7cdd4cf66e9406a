/**
 * A stand-in for the browser's speech synthesis (jsdom has none): it records what is spoken and lets a
 * test fire each utterance's start, end and error, as a phone would, one at a time. Voices can be
 * announced late with `announceVoices`, like Chrome's first `voiceschanged`.
 */
import type {
  SpeechSynthesisLike,
  UtteranceLike,
  VoiceLike,
} from '../../src/app/features/lessons/read-aloud';

export class FakeUtterance implements UtteranceLike {
  lang = '';
  voice: VoiceLike | null = null;
  rate = 1;
  onstart: ((event: unknown) => void) | null = null;
  onend: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(public text: string) {}
}

export const VI_LOCAL: VoiceLike = { name: 'Tiếng Việt (máy)', lang: 'vi-VN', localService: true };
export const VI_NETWORK: VoiceLike = { name: 'Google Tiếng Việt', lang: 'vi-VN', localService: false };
export const EN_US: VoiceLike = { name: 'English', lang: 'en-US', localService: true, default: true };

export class FakeSynth implements SpeechSynthesisLike {
  /** Every utterance handed to `speak`, in order. */
  readonly spoken: FakeUtterance[] = [];
  cancels = 0;
  private readonly listeners = new Set<() => void>();
  constructor(private voices: VoiceLike[] = [EN_US, VI_LOCAL]) {}

  speak(utterance: UtteranceLike): void {
    this.spoken.push(utterance as FakeUtterance);
  }
  /** Like Chrome: the utterance being spoken ends with an "interrupted" error. */
  cancel(): void {
    this.cancels++;
    this.spoken.at(-1)?.onerror?.({ error: 'interrupted' });
  }
  getVoices(): readonly VoiceLike[] {
    return this.voices;
  }
  addEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.listeners.delete(listener);
  }

  announceVoices(voices: VoiceLike[]): void {
    this.voices = voices;
    for (const listener of [...this.listeners]) listener();
  }
  get listening(): number {
    return this.listeners.size;
  }
  /** The last utterance handed over; throws when nothing was. */
  last(): FakeUtterance {
    const u = this.spoken.at(-1);
    if (!u) throw new Error('nothing was spoken');
    return u;
  }
  /** The phone starts speaking the last utterance. */
  start(): void {
    this.last().onstart?.({});
  }
  /** The phone finishes the last utterance. */
  end(): void {
    this.last().onend?.({});
  }
}
