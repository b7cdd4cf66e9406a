/**
 * Read aloud (issue 20, part 2): a lesson card spoken by the phone's own speech synthesis, one
 * utterance per piece (the title with its summary, each step, each warning), so the screen can
 * highlight the piece being spoken and a long card is never cut short (Chrome stops a single long
 * utterance after about 15 seconds on some phones).
 *
 * Guarantees:
 * - only ever in Vietnamese: every utterance has `lang = 'vi-VN'` and a Vietnamese voice. A phone
 *   without one is reported (`no-voice`), never read in another language's voice, which would be
 *   unintelligible to the resident;
 * - voices may arrive late: `getVoices()` is often empty until the first `voiceschanged` event;
 * - `stop()` cancels at once, and nothing of a stopped or replaced reading is reported afterwards
 *   (the browser fires `error`/`end` for the utterance it cancels).
 *
 * The synthesis and the utterance constructor are injectable (tests use a fake; the browser's are
 * read when a reading starts, so a page-level stub installed before it is used as well).
 */

/** The parts of a `SpeechSynthesisVoice` used here. */
export interface VoiceLike {
  readonly name: string;
  readonly lang: string;
  readonly localService?: boolean;
  readonly default?: boolean;
}

/** The parts of a `SpeechSynthesisUtterance` used here. */
export interface UtteranceLike {
  text: string;
  lang: string;
  voice: VoiceLike | null;
  rate: number;
  onstart: ((event: unknown) => void) | null;
  onend: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** The parts of `window.speechSynthesis` used here. */
export interface SpeechSynthesisLike {
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  getVoices(): readonly VoiceLike[];
  addEventListener(type: 'voiceschanged', listener: () => void): void;
  removeEventListener(type: 'voiceschanged', listener: () => void): void;
}

export type UtteranceFactory = (text: string) => UtteranceLike;

/** Why nothing is spoken: no speech synthesis at all, or none in Vietnamese. */
export type SilentReason = 'unsupported' | 'no-voice';

export interface ReadAloudHandlers {
  /** A piece starts being spoken: its index in the list given to `speak`. */
  onPiece?: (index: number) => void;
  /** The reading finished: the last piece ended, or the synthesis failed (`error` names why). */
  onDone?: (error?: string) => void;
}

export type SpeakResult = 'speaking' | 'stopped' | SilentReason;

export interface SpeakOptions {
  /** Speech rate, 1 = the voice's normal speed (Web Speech API, 0.1–10). */
  rate: number;
  /** First piece to speak (default 0). */
  from?: number;
  /** Speak only the piece at `from` ("Đọc bước này"). */
  only?: boolean;
}

export interface ReadAloud {
  /**
   * Speaks `pieces[from…]` (or only `pieces[from]`) in Vietnamese, stopping any reading before it.
   * Resolves once speaking has started (`'speaking'`), with `'stopped'` when `stop` (or another
   * reading) came first while the voices were loading, or with the reason nothing will be spoken;
   * progress and the end arrive through `handlers`.
   */
  speak(pieces: readonly string[], options: SpeakOptions, handlers: ReadAloudHandlers): Promise<SpeakResult>;
  /** Cancels the current reading; its handlers are not called again. */
  stop(): void;
}

export interface ReadAloudOptions {
  /** @default window.speechSynthesis (null: the browser has none) */
  synth?: SpeechSynthesisLike | null;
  /** @default (text) => new SpeechSynthesisUtterance(text) */
  makeUtterance?: UtteranceFactory;
  /**
   * How long to wait for a first `voiceschanged` when the voice list is empty, in ms. A phone with no
   * voice at all may never send one; after this the phone counts as having no Vietnamese voice.
   * @default 3000
   */
  voiceWaitMs?: number;
}

/** The language every utterance is spoken in. */
export const SPEECH_LANG = 'vi-VN';

const VIETNAMESE = /^vi(?:$|[-_])/i;

/**
 * The Vietnamese voice to speak with, or undefined when there is none. Prefers `vi-VN` exactly
 * (Android reports `vi_VN` too), then any `vi` voice; among those, one on the phone itself
 * (`localService`), since a network voice falls silent offline in a village; then the default.
 */
export function vietnameseVoice(voices: readonly VoiceLike[]): VoiceLike | undefined {
  const score = (v: VoiceLike) =>
    (v.lang.replace('_', '-').toLowerCase() === 'vi-vn' ? 4 : 0) +
    (v.localService ? 2 : 0) +
    (v.default ? 1 : 0);
  let best: VoiceLike | undefined;
  for (const voice of voices) {
    if (!VIETNAMESE.test(voice.lang)) continue;
    if (!best || score(voice) > score(best)) best = voice;
  }
  return best;
}

function browserSynth(): SpeechSynthesisLike | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
  return window.speechSynthesis as unknown as SpeechSynthesisLike;
}

function browserUtterance(text: string): UtteranceLike {
  return new SpeechSynthesisUtterance(text) as unknown as UtteranceLike;
}

/**
 * The voice list, waiting for the first `voiceschanged` while it is empty (at most `waitMs`). A
 * timer here is a fallback for a phone that never announces voices, not a pause in the reading.
 */
function loadVoices(synth: SpeechSynthesisLike, waitMs: number): Promise<readonly VoiceLike[]> {
  const now = synth.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', changed);
      resolve(synth.getVoices());
    };
    const changed = () => {
      if (synth.getVoices().length > 0) finish();
    };
    const timer = setTimeout(finish, waitMs);
    synth.addEventListener('voiceschanged', changed);
  });
}

/** A read-aloud controller over the browser's speech synthesis or an injected one (tests). */
export function createReadAloud(options: ReadAloudOptions = {}): ReadAloud {
  const makeUtterance = options.makeUtterance ?? browserUtterance;
  const waitMs = options.voiceWaitMs ?? 3000;
  // Each reading has a number; events of an older one (cancelled, replaced) are ignored.
  let reading = 0;
  let synthInUse: SpeechSynthesisLike | null = null;

  function stop(): void {
    reading++;
    synthInUse?.cancel();
  }

  async function speak(
    pieces: readonly string[],
    { rate, from = 0, only = false }: SpeakOptions,
    handlers: ReadAloudHandlers,
  ): Promise<SpeakResult> {
    stop();
    const mine = reading;
    const synth = options.synth === undefined ? browserSynth() : options.synth;
    if (!synth) return 'unsupported';
    synthInUse = synth;
    const voice = vietnameseVoice(await loadVoices(synth, waitMs));
    if (!voice) return 'no-voice';
    // Stopped, or another reading started, while the voices were loading.
    if (mine !== reading) return 'stopped';
    const last = only ? from : pieces.length - 1;

    // One piece at a time, the next queued when one ends: a stop between pieces leaves nothing queued,
    // and the utterance in flight is held here (Chrome drops the events of one it no longer references).
    const say = (index: number) => {
      const utterance = makeUtterance(pieces[index] ?? '');
      utterance.lang = SPEECH_LANG;
      utterance.voice = voice;
      utterance.rate = rate;
      utterance.onstart = () => {
        if (mine === reading) handlers.onPiece?.(index);
      };
      utterance.onend = () => {
        if (mine !== reading) return;
        if (index >= last) {
          reading++;
          handlers.onDone?.();
        } else say(index + 1);
      };
      utterance.onerror = (event) => {
        if (mine !== reading) return;
        reading++;
        handlers.onDone?.(errorName(event));
      };
      synth.speak(utterance);
    };
    if (from > last) {
      handlers.onDone?.();
      return 'speaking';
    }
    say(from);
    return 'speaking';
  }

  return { speak, stop };
}

function errorName(event: unknown): string {
  const error = (event as { error?: unknown } | null)?.error;
  return typeof error === 'string' ? error : 'error';
}
