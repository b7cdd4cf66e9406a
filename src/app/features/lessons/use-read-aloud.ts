import { useCallback, useEffect, useRef, useState } from 'react';
import { createReadAloud, type ReadAloud, type SilentReason } from './read-aloud';

/** Where a card's reading is, for the screen. */
export type ReadingState =
  | { phase: 'idle' }
  /** Waiting for the phone's voices (the first reading after the page opened). */
  | { phase: 'preparing' }
  /** `piece`: the index being spoken, once its utterance has started. */
  | { phase: 'speaking'; piece: number | undefined }
  | { phase: 'silent'; reason: SilentReason }
  | { phase: 'failed'; error: string };

export interface ReadingControls {
  state: ReadingState;
  /** Reads `texts` from `from` to the end, or only `texts[from]` when `only`. */
  read: (texts: readonly string[], from: number, only: boolean) => void;
  stop: () => void;
}

/**
 * One card's read-aloud state over a controller of read-aloud.ts (the browser's speech synthesis),
 * at `rate`. The reading stops when the page closes: speech would otherwise go on over the next
 * screen, where nothing shows it or can stop it.
 */
export function useReadAloud(rate: number): ReadingControls {
  const controller = useRef<ReadAloud | null>(null);
  const [state, setState] = useState<ReadingState>({ phase: 'idle' });
  const get = useCallback(() => {
    controller.current ??= createReadAloud();
    return controller.current;
  }, []);

  useEffect(() => () => controller.current?.stop(), []);

  const reading = useRef<{ texts: readonly string[]; only: boolean } | undefined>(undefined);
  const read = useCallback(
    (texts: readonly string[], from: number, only: boolean) => {
      reading.current = { texts, only };
      setState({ phase: 'preparing' });
      void get()
        .speak(
          texts,
          { rate, from, only },
          {
            onPiece: (piece) => setState({ phase: 'speaking', piece }),
            onDone: (error) => setState(error ? { phase: 'failed', error } : { phase: 'idle' }),
          },
        )
        .then((result) => {
          if (result === 'speaking')
            setState((s) => (s.phase === 'preparing' ? { phase: 'speaking', piece: undefined } : s));
          else if (result !== 'stopped') setState({ phase: 'silent', reason: result });
        });
    },
    [get, rate],
  );

  const stop = useCallback(() => {
    controller.current?.stop();
    reading.current = undefined;
    setState({ phase: 'idle' });
  }, []);

  // A speed chosen while reading applies at once: the piece being spoken starts again at the new
  // speed (the browser cannot change an utterance already speaking), and the reading goes on from it.
  const latest = useRef({ state, read });
  latest.current = { state, read };
  const lastRate = useRef(rate);
  useEffect(() => {
    if (lastRate.current === rate) return;
    lastRate.current = rate;
    const { state: now, read: again } = latest.current;
    if (now.phase === 'speaking' && now.piece !== undefined && reading.current)
      again(reading.current.texts, now.piece, reading.current.only);
  }, [rate]);

  return { state, read, stop };
}
