import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../i18n/i18n';
import { useToast } from '../state/toast-store';

// Long enough to reach an undo button with a thumb; plain confirmations go sooner.
const UNDO_TOAST_MS = 8000;
const TOAST_MS = 4000;

export function ToastHost() {
  const t = useT();
  const toast = useToast((s) => s.toast);
  const dismiss = useToast((s) => s.dismiss);
  // While a finger, pointer or keyboard focus is on the toast it stays (WCAG 2.2.1): someone slow to
  // reach "Hoàn tác" must not lose it on the way. Leaving it starts the full time again.
  const [held, setHeld] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const [location] = useLocation();
  const shownOn = useRef<{ id: number; location: string } | undefined>(undefined);

  // A toast belongs to the screen it was shown on (actions navigate first, then show it). Moving on
  // to another screen — the next house of a round — takes it away, so it never sits over the buttons
  // there, and an undo is never offered where it no longer makes sense.
  useEffect(() => {
    if (!toast) return;
    if (shownOn.current?.id !== toast.id) shownOn.current = { id: toast.id, location };
    else if (shownOn.current.location !== location) dismiss(toast.id);
  }, [toast, location, dismiss]);

  useEffect(() => {
    if (!toast || held) return;
    const timer = setTimeout(() => dismiss(toast.id), toast.action ? UNDO_TOAST_MS : TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, held, dismiss]);

  useEffect(() => {
    if (!toast) setHeld(false);
  }, [toast]);

  // The toast floats over the page: a control reached by keyboard under it is scrolled clear of it
  // (WCAG 2.4.11); the page's bottom padding leaves room to do so. Only keyboard focus, and only a
  // control: a finger's tap on a radio's words first focuses the nearest focusable box, <main>, which
  // always "overlaps" the toast — centring it moved the page ~1,000 px between finger down and up, so
  // the tap selected nothing or landed on another control (issue 15, kind 1).
  useEffect(() => {
    if (!toast) return;
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      const toastBox = box.current?.getBoundingClientRect();
      if (!(target instanceof Element) || !toastBox || box.current?.contains(target)) return;
      if (!isKeyboardFocus(target)) return;
      const r = target.getBoundingClientRect();
      if (r.height > window.innerHeight / 2) return;
      const overlaps =
        r.bottom > toastBox.top &&
        r.top < toastBox.bottom &&
        r.right > toastBox.left &&
        r.left < toastBox.right;
      // "nearest" moves the page by the least that clears the toast (scroll-padding-bottom).
      if (overlaps) target.scrollIntoView({ block: 'nearest' });
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [toast]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        // biome-ignore lint/a11y/noStaticElementInteractions: the handlers only watch where the user is; the buttons inside are the controls
        <div
          ref={box}
          className="toast"
          onPointerEnter={() => setHeld(true)}
          onPointerLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget)) setHeld(false);
          }}
        >
          <span>{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              className="button toast-action"
              onClick={async () => {
                dismiss(toast.id);
                await toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={t('app.close')}
            onClick={() => dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}

/** Focus the browser would ring (reached by keyboard), not focus that follows a tap or a click. */
function isKeyboardFocus(element: Element): boolean {
  try {
    return element.matches(':focus-visible');
  } catch {
    // An engine without :focus-visible cannot tell; moving nothing is the safe side.
    return false;
  }
}
