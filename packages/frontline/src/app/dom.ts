/// <reference lib="dom" />
import type { Args, MessageKey } from './i18n.ts';
import { t } from './i18n.ts';

export interface Props {
  readonly class?: string;
  /** The element's text, from the catalogue, kept in the current language by `localize`. */
  readonly i18n?: MessageKey;
  readonly args?: Args;
  /** `aria-label` from the catalogue. */
  readonly label?: MessageKey;
  readonly placeholder?: MessageKey;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly on?: { readonly [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

/** A small element builder: every word a person reads comes through a message key. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  if (props.i18n) setText(el, props.i18n, props.args);
  if (props.label) {
    el.dataset['i18nLabel'] = props.label;
    el.setAttribute('aria-label', t(props.label));
  }
  if (props.placeholder) {
    el.dataset['i18nPlaceholder'] = props.placeholder;
    el.setAttribute('placeholder', t(props.placeholder));
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) el.addEventListener(type, listener as EventListener);
  el.append(...children);
  return el;
}

/** Sets an element's text to a message and remembers which, so a language switch rewrites it. */
export function setText(el: HTMLElement, key: MessageKey, args?: Args): void {
  el.dataset['i18n'] = key;
  if (args && Object.keys(args).length > 0) el.dataset['i18nArgs'] = JSON.stringify(args);
  else delete el.dataset['i18nArgs'];
  el.textContent = t(key, args);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no element #${id}`);
  return el as T;
}
