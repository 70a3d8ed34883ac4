/// <reference lib="dom" />
import type { Args, MessageKey } from './i18n.ts';
import { t } from './i18n.ts';

export interface Props {
  readonly class?: string;
  /** The element's text, from the catalogue. */
  readonly i18n?: MessageKey;
  readonly args?: Args;
  /** Text as it is: a unit name as registered, a figure already formatted. */
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly data?: Readonly<Record<string, string>>;
  /**
   * CSS custom properties, set through the CSSOM: the site's CSP (`style-src 'self'`) refuses
   * `style` attributes, not properties a script sets.
   */
  readonly vars?: Readonly<Record<string, string | number>>;
}

/** A small element builder: every word a person reads comes from a message key or from the API. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  for (const [name, value] of Object.entries(props.data ?? {})) el.dataset[name] = value;
  for (const [name, value] of Object.entries(props.vars ?? {})) el.style.setProperty(name, String(value));
  if (props.i18n) el.textContent = t(props.i18n, props.args);
  else if (props.text !== undefined) el.textContent = props.text;
  el.append(...children);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no element #${id}`);
  return el as T;
}

/** Sets an element's text to a message. */
export function say(id: string, key: MessageKey, args?: Args): void {
  byId(id).textContent = t(key, args);
}
