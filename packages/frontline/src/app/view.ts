/// <reference lib="dom" />
import { ApiError } from './api.ts';
import type { Session } from './session.ts';

/** A mounted screen: its element, and how to let go of cameras, timers and listeners. */
export interface View {
  readonly root: HTMLElement;
  unmount(): void;
}

export interface ViewContext {
  /** The token was refused: back to this mode's sign-in. */
  signedOut(): void;
}

export type ViewFactory = (session: Session, context: ViewContext) => View;

/** Listens while the view lives; the returned function removes every listener. */
export function listen(pairs: readonly [EventTarget, string, EventListener][]): () => void {
  for (const [target, type, listener] of pairs) target.addEventListener(type, listener);
  return () => {
    for (const [target, type, listener] of pairs) target.removeEventListener(type, listener);
  };
}

/**
 * What a screen does with a failed request first: a refused token (401, 403) signs the mode out
 * and answers true; anything else is the screen's to say.
 */
export const signOutOnRefusal = (context: ViewContext) => (error: unknown): boolean => {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    context.signedOut();
    return true;
  }
  return false;
};

/**
 * Loads now, again every `everyMs` while the screen is visible and whenever the network returns;
 * the returned function stops it all (the view's unmount).
 */
export function keepLoaded(load: () => Promise<void>, everyMs: number): () => void {
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void load();
  }, everyMs);
  const stopListening = listen([[window, 'online', () => void load()]]);
  void load();
  return () => {
    clearInterval(timer);
    stopListening();
  };
}

export const newId = (): string => crypto.randomUUID();
