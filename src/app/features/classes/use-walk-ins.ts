import { useEffect, useRef, useState } from 'react';
import { classRepository } from '../../db/class-repository';

export const MAX_WALK_INS = 1000;

/**
 * A class's walk-in count as this phone shows it. While its writes are in flight the count is the
 * one last asked for, not the stored one: rows read back mid-way carry older counts, and fast taps
 * must add up from what the person sees. Once every write has landed and the row shows the last
 * one, the row speaks again (and so does a teammate's phone after a sync).
 */
export function useWalkIns(classId: string, stored: number, onFailure?: (error: unknown) => void) {
  const [asked, setAsked] = useState<number | undefined>();
  const [inFlight, setInFlight] = useState(0);
  // The count of writes not yet landed, read when the row catches up: a state value would be the
  // one of the render before, and a tap landing between that render and the effect was undone (the
  // effect cleared the count just asked for, and the next tap counted from the old one).
  const pending = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (inFlight > 0) return;
    setAsked((current) => (pending.current === 0 && current === stored ? undefined : current));
  }, [stored, inFlight]);

  function save(next: number) {
    const value = Math.min(MAX_WALK_INS, Math.max(0, next));
    setAsked(value);
    pending.current += 1;
    setInFlight((n) => n + 1);
    // Writes run one after another, so the last value asked for is the last one stored.
    queue.current = queue.current
      .then(() => classRepository.setWalkIns(classId, value))
      .catch((error: unknown) => {
        setAsked(undefined);
        // The count shown falls back to the stored one; the reason is said, not swallowed.
        onFailure?.(error);
      })
      .finally(() => {
        pending.current -= 1;
        setInFlight((n) => n - 1);
      });
  }

  return { walkIns: asked ?? stored, save };
}
