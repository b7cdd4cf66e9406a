/**
 * Typed work survives leaving the page (issue 13, kind 9). A form's values are kept as a draft on the
 * phone a moment after each change, whenever the page is hidden or unloaded (Android may discard a
 * background tab without warning) and when the form closes; opening the form again offers them back,
 * with the record as it was shown when the typing began (`seen`), so the edit is still saved against
 * what the person saw. Saving or discarding removes the draft. Drafts belong to the account that
 * typed them, and keep no ID number, OTP or password typed into them (shown as "***" when restored).
 *
 * IndexedDB alone cannot keep the last keystrokes: its writes are asynchronous, and one started as the
 * page goes away (a reload, browser Back to another document, Android's back) is often never
 * committed — right after a page load it even waits for the database to open first. So every change
 * is also copied at once, synchronously, into sessionStorage (the "mirror"), and opening the form
 * takes whichever copy is newer. The mirror only bridges that gap: it is removed as soon as
 * IndexedDB has committed the same draft, and on saving or discarding.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { hiddenMask, redactForbiddenDeep } from '../../core/forbidden-data';
import { type FormDraft, getDb } from '../db/database';
import { nowIso } from '../state/commune-clock';
import { useSession } from '../sync/session';
import { DRAFT_MIRROR_PREFIX } from './draft-mirror';

/** Typing is kept this long after the last keystroke (and at once when the page is hidden). */
const DRAFT_DELAY_MS = 400;

/**
 * The mirror of a draft not yet committed to IndexedDB. sessionStorage, not localStorage, because a
 * draft is personal data (names, notes about a household) and sessionStorage is enough: it survives a
 * reload, Back/Forward and Android discarding and restoring the tab, all in the same tab, yet it is
 * not shared with other tabs and is gone when the tab is closed — by then the draft is in IndexedDB
 * (under the account that typed it), which is where drafts live.
 */
const MIRROR_PREFIX = DRAFT_MIRROR_PREFIX;
/** A form's values are a few hundred characters; anything far larger is left to IndexedDB alone. */
const MIRROR_MAX_CHARS = 100_000;

function mirrorStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    // Storage turned off (some private modes throw on access): drafts still go to IndexedDB.
    return undefined;
  }
}

/** Copies a draft into the mirror, or clears the mirror (`undefined`); never throws. */
function writeMirror(key: string, text: string | undefined): void {
  try {
    const storage = mirrorStorage();
    if (text !== undefined && text.length <= MIRROR_MAX_CHARS) storage?.setItem(MIRROR_PREFIX + key, text);
    else storage?.removeItem(MIRROR_PREFIX + key);
  } catch {
    // Full or refused: the draft still goes to IndexedDB a moment later.
  }
}

function readMirror(key: string): string | undefined {
  try {
    return mirrorStorage()?.getItem(MIRROR_PREFIX + key) ?? undefined;
  } catch {
    return undefined;
  }
}

function parseMirror(key: string, text: string | undefined): FormDraft | undefined {
  if (text === undefined) return undefined;
  try {
    const draft = JSON.parse(text) as FormDraft;
    return draft?.key === key && typeof draft.savedAt === 'string' ? draft : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the mirror once IndexedDB holds what it held (a newer keystroke keeps its own mirror). */
function mirrorCommitted(key: string, text: string): void {
  if (readMirror(key) === text) writeMirror(key, undefined);
}

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
  /**
   * After a save that stays on the form for the next record ("Lưu và thêm người tiếp", issue 15):
   * forgets the saved record's draft and starts again from `next`, which becomes the form's starting
   * values — so the saved person never comes back as a draft of the next one, and only typing for
   * the next one is kept.
   */
  restart: (next: V) => Promise<void>;
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
    const text = JSON.stringify(draft);
    const write: Promise<unknown> = keep.current(draft.values as V)
      ? drafts.put(draft).then(() => mirrorCommitted(draft.key, text))
      : drafts.delete(draft.key);
    // A draft that cannot be written (a full phone) must not break the form: the values are on
    // screen, and the mirror still holds them for this tab.
    void write.catch(() => {});
  }, []);

  useEffect(() => {
    let live = true;
    void getDb()
      .drafts.get(key)
      // IndexedDB failing to answer still leaves this tab's copy to offer.
      .then(
        (stored) => stored,
        () => undefined,
      )
      .then((stored) => {
        if (!live) return;
        const mine = (d: FormDraft | undefined) =>
          d && d.userId === opened.current.userId && !same(d.values, initialRef.current) ? d : undefined;
        const text = readMirror(key);
        const mirrored = mine(parseMirror(key, text));
        const kept = mine(stored);
        // The newer copy wins: the mirror holds keystrokes IndexedDB never got, while a draft
        // typed on in another tab is newer in IndexedDB than this tab's mirror.
        const draft = mirrored && (!kept || mirrored.savedAt >= kept.savedAt) ? mirrored : kept;
        if (draft && !touched.current) {
          setState(draft.values as V);
          setDraftSeen((draft.seen as S | undefined) ?? opened.current.seen);
          setRestoredAt(draft.savedAt);
          // Keystrokes only the mirror held go to IndexedDB now, so they outlive this tab — unless
          // that would overwrite another account's draft there (it stays in the mirror, then).
          if (draft === mirrored && text !== undefined && (!stored || stored.userId === draft.userId)) {
            void getDb()
              .drafts.put(draft)
              .then(() => mirrorCommitted(key, text))
              .catch(() => {});
          }
          // An older copy in this tab would otherwise come back once that newer draft is saved.
          if (draft === kept && mirrored) writeMirror(key, undefined);
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
          const draft: FormDraft = {
            key,
            ...(userId ? { userId } : {}),
            // What is kept never holds an ID number, OTP or password (DESIGN §7, issue 14 kind 6):
            // the screen shows the text as typed, with the refusal beside it; the draft hides it.
            values: redactForbiddenDeep(next, hiddenMask),
            ...(draftSeen !== undefined ? { seen: draftSeen } : {}),
            savedAt: nowIso(),
          };
          pending.current = draft;
          // At once and synchronously: a reload or Back right after this keystroke keeps it.
          writeMirror(key, keep.current(next) ? JSON.stringify(draft) : undefined);
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
    writeMirror(key, undefined);
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

  const restart = useCallback(
    async (next: V) => {
      // The timer, the pending draft and the mirror are cleared synchronously inside forget(), before
      // the next keystroke can start a draft of its own; only the IndexedDB delete is awaited.
      const forgotten = forget();
      initialRef.current = next;
      setState(next);
      setDraftSeen(opened.current.seen);
      setRestoredAt(undefined);
      // `touched` stays set: a draft lookup still under way must not bring anything back now.
      await forgotten;
    },
    [forget],
  );

  return {
    ready,
    values,
    setValues,
    seen: draftSeen,
    restoredAt,
    dirty: !same(values, initialRef.current),
    discard,
    saved,
    restart,
  };
}
