/** Tells the sync engine that new changes wait, without the database layer depending on it. */
const target = new EventTarget();
const EVENT = 'outbox-changed';

export function notifyOutboxChanged(): void {
  target.dispatchEvent(new Event(EVENT));
}

export function onOutboxChanged(listener: () => void): () => void {
  target.addEventListener(EVENT, listener);
  return () => target.removeEventListener(EVENT, listener);
}
