/// <reference lib="dom" />
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

export const newId = (): string => crypto.randomUUID();
