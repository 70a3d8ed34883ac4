/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import zhCN from '../../locales/zh-CN.json' with { type: 'json' };
import { districtTimeZone } from './district-time.ts';

/** Every message key the app may use: the Chinese catalogue is the source of keys. */
export type MessageKey = keyof typeof zhCN;
export type Lang = 'zh-CN' | 'en';
export const langs: readonly Lang[] = ['zh-CN', 'en'];

/**
 * A value put into a message: text as is, a number as the language writes it, a time or a
 * temperature through Intl, or another message (a reason inside a sentence).
 */
export type Arg = string | number | { readonly time: string } | { readonly dateTime: string } | { readonly temp: number } | { readonly msg: MessageKey }
  | { readonly items: readonly { readonly name: string; readonly quantity: number }[] }
  /** A slot of a testing round, from–to on the district's clock (the time the SMS and the sampling point say). */
  | { readonly span: readonly [string, string] }
  /** A calendar day (YYYY-MM-DD) as the language writes a month and day. */
  | { readonly day: string }
  /** Names listed as the language lists them (`1号楼、2号楼和3号楼`, `B1, B2, B3`). */
  | { readonly names: readonly string[] };
export type Args = Readonly<Record<string, Arg>>;

type Catalogue = Readonly<Record<string, string>>;
const catalogues: Partial<Record<Lang, Catalogue>> = { 'zh-CN': zhCN };
/** Keys asked for that a catalogue lacks; the browser tests read it to prove there are none. */
const missing = new Set<string>();
(globalThis as { __frontlineMissingKeys?: Set<string> }).__frontlineMissingKeys = missing;

const storedLang = (): Lang => (localStorage.getItem('fl-lang') === 'en' ? 'en' : 'zh-CN');
let current: Lang = storedLang();

export const lang = (): Lang => current;

const numberFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const timeStyles = {
  time: { hour: '2-digit', minute: '2-digit' },
  dateTime: { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

function numberFormat(kind: 'count' | 'temp'): Intl.NumberFormat {
  const key = `${current}:${kind}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = kind === 'temp'
      ? new Intl.NumberFormat(current, { style: 'unit', unit: 'celsius', minimumFractionDigits: 1, maximumFractionDigits: 1 })
      : new Intl.NumberFormat(current);
    numberFormats.set(key, format);
  }
  return format;
}

/** A time on the phone's clock: hours and minutes, or with the day when it may be another day. */
export function formatTime(iso: string, style: keyof typeof timeStyles = 'time'): string {
  const key = `${current}:${style}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(current, timeStyles[style]);
    timeFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** `08:00–08:30` on the district's clock, however the phone's own clock is set. */
export function formatSpan(from: string, to: string): string {
  const key = `${current}:span`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: districtTimeZone });
    timeFormats.set(key, format);
  }
  return format.formatRange(new Date(from), new Date(to));
}

export function formatDay(day: string): string {
  const key = `${current}:day`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(current, { month: current === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' });
    timeFormats.set(key, format);
  }
  return format.format(new Date(`${day}T00:00:00Z`));
}

export const formatTemp = (celsius: number): string => numberFormat('temp').format(celsius);
export const formatCount = (n: number): string => numberFormat('count').format(n);

function formatArg(arg: Arg): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number') return formatCount(arg);
  if ('time' in arg) return formatTime(arg.time);
  if ('dateTime' in arg) return formatTime(arg.dateTime, 'dateTime');
  if ('temp' in arg) return formatTemp(arg.temp);
  if ('span' in arg) return formatSpan(arg.span[0], arg.span[1]);
  if ('day' in arg) return formatDay(arg.day);
  if ('names' in arg) return new Intl.ListFormat(current, { style: 'narrow', type: 'conjunction' }).format(arg.names);
  if ('items' in arg) return new Intl.ListFormat(current, { style: 'narrow', type: 'unit' }).format(arg.items.map((i) => `${i.name} × ${formatCount(i.quantity)}`));
  return t(arg.msg);
}

export function t(key: MessageKey, args: Args = {}): string {
  const template = catalogues[current]?.[key];
  if (template === undefined) {
    missing.add(`${current}:${key}`);
    return key;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (args[name] === undefined ? whole : formatArg(args[name])));
}

/**
 * Writes every marked element in the language now chosen: text from `data-i18n` (with its
 * `data-i18n-args`), `aria-label` from `data-i18n-label`, `placeholder` from `data-i18n-placeholder`.
 * Views mark what they render, so switching language needs no view to render again.
 */
export function localize(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset['i18n'] as MessageKey, el.dataset['i18nArgs'] ? (JSON.parse(el.dataset['i18nArgs']) as Args) : {});
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset['i18nLabel'] as MessageKey));
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset['i18nPlaceholder'] as MessageKey));
  if (root === document) {
    document.documentElement.lang = current;
    document.title = t('app.name');
  }
}

/** Loads a language's catalogue (English arrives on first use: most users never ask for it). */
export async function setLang(next: Lang): Promise<void> {
  if (!catalogues[next]) catalogues[next] = (await import('../../locales/en.json', { with: { type: 'json' } })).default;
  current = next;
  localStorage.setItem('fl-lang', next);
  localize();
}

/** Called once at start: a stored English choice loads its catalogue before the first paint. */
export async function initLang(): Promise<void> {
  if (current !== 'zh-CN') await setLang(current);
  else localize();
}
