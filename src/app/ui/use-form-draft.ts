/**
 * Typed work survives leaving the page (issue 13, kind 9). A form's values are kept as a draft on the
 * phone a moment after each change and whenever the page is hidden (Android may discard a background
 * tab without warning); opening the form again offers them back, with the record as it was shown
 * when the typing began (`seen`), so the edit is still saved against what the person saw. Saving or
 * discarding removes the draft. Drafts belong to the account that typed them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type FormDraft, getDb } from '../db/database';
import { nowIso } from '../state/commune-clock';
import { useSession } from '../sync/session';

/** Typing is kept this long after the last keystroke (and at once when the page is hidden). */
const DRAFT_DELAY_MS = 400;

export interface FormDraftState<V, S> {
  /** False until the phone has looked for a draft (a few milliseconds after the form opens). */
  ready: boolean;
  values: V;
  setValues: (update: (values: V) => V) => void;
  /** The record as the form showed it when the typing began (the draft's, or the current one). */
  seen: S | undefined;
  /** When the draft that was restored was last kept; undefined when nothing was restored. */
  restoredAt: string | undefined;
  /** Whether the values differ from what the form opened with. */
  dirty: boolean;
  /** Forgets the draft and goes back to the form's starting values. */
  discard: () => Promise<void>;
  /** After a save: forgets the draft (the values are stored). */
  saved: () => Promise<void>;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * @param key the form and its record ("household:<id>", "resident:new:<householdId>"…)
 * @param initial the values the form opens with
 * @param seen the record as the form shows it (edits are saved against it)
 * @param worthKeeping whether values hold anything to keep; by default, anything other than
 *   `initial` (typing that was erased again leaves no draft)
 */
export function useFormDraft<V, S = undefined>(
  key: string,
  initial: V,
  seen?: S,
  worthKeeping?: (values: V) => boolean,
): FormDraftState<V, S> {
  const userId = useSession((s) => s.session?.user.id);
  const [ready, setReady] = useState(false);
  const [values, setState] = useState(initial);
  const [draftSeen, setDraftSeen] = useState<S | undefined>(seen);
  const [restoredAt, setRestoredAt] = useState<string | undefined>();
  const initialRef = useRef(initial);
  // What the form opened with: a draft is looked up once per form and record, and later renders
  // (a sync changing the record underneath) must not reload it over typing.
  const opened = useRef({ seen, userId });
  const pending = useRef<FormDraft | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const done = useRef(false);
  // Typing that began before the draft was found wins over it: the form does not wait for the
  // lookup, and must never replace what the person is typing.
  const touched = useRef(false);

  const keep = useRef(worthKeeping ?? ((values: V) => !same(values, initialRef.current)));
  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    const draft = pending.current;
    pending.current = undefined;
    if (!draft) return;
    const drafts = getDb().drafts;
    const write: Promise<unknown> = keep.current(draft.values as V)
      ? drafts.put(draft)
      : drafts.delete(draft.key);
    // A draft that cannot be written (a full phone) must not break the form: the values are on screen.
    void write.catch(() => {});
  }, []);

  useEffect(() => {
    let live = true;
    void getDb()
      .drafts.get(key)
      .then((draft) => {
        if (!live) return;
        if (
          draft &&
          !touched.current &&
          draft.userId === opened.current.userId &&
          !same(draft.values, initialRef.current)
        ) {
          setState(draft.values as V);
          setDraftSeen((draft.seen as S | undefined) ?? opened.current.seen);
          setRestoredAt(draft.savedAt);
        }
        setReady(true);
      })
      .catch(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      // Leaving the form (Back, a link) keeps what was typed.
      flush();
    };
  }, [flush]);

  const setValues = useCallback(
    (update: (values: V) => V) => {
      touched.current = true;
      setState((current) => {
        const next = update(current);
        if (!done.current) {
          pending.current = {
            key,
            ...(userId ? { userId } : {}),
            values: next,
            ...(draftSeen !== undefined ? { seen: draftSeen } : {}),
            savedAt: nowIso(),
          };
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(flush, DRAFT_DELAY_MS);
        }
        return next;
      });
    },
    [key, userId, draftSeen, flush],
  );

  const forget = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    pending.current = undefined;
    await getDb().drafts.delete(key);
  }, [key]);

  const discard = useCallback(async () => {
    await forget();
    setState(initialRef.current);
    setDraftSeen(opened.current.seen);
    setRestoredAt(undefined);
  }, [forget]);

  const saved = useCallback(async () => {
    done.current = true;
    await forget();
  }, [forget]);

  return {
    ready,
    values,
    setValues,
    seen: draftSeen,
    restoredAt,
    dirty: !same(values, initialRef.current),
    discard,
    saved,
  };
}
