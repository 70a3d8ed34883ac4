/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import en from '../../locales/en.json' with { type: 'json' };
import zhCN from '../../locales/zh-CN.json' with { type: 'json' };

/** Every message key the dashboard may use: the Chinese catalogue is the source of keys. */
export type MessageKey = keyof typeof zhCN;
export type Lang = 'zh-CN' | 'en';

/**
 * A value put into a message: text as is (unit names as registered), a count, a share, a day or a
 * time of day (the district's) through Intl in the language shown, a list as the language joins one, or another message.
 */
export type Arg = string | number | { readonly percent: number } | { readonly day: string } | { readonly time: string } | { readonly list: readonly string[] } | { readonly msg: MessageKey };
export type Args = Readonly<Record<string, Arg>>;

/**
 * Both catalogues ship in the one script: the stack serves the dashboard as three fixed files
 * (page, script, style), and English is a few kilobytes.
 */
const catalogues: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { 'zh-CN': zhCN, en };
/** Keys asked for that a catalogue lacks; the browser tests read it to prove there are none. */
const missing = new Set<string>();
(globalThis as { __dashboardMissingKeys?: Set<string> }).__dashboardMissingKeys = missing;

/** The same key as the front-line app's: one language choice per browser, Chinese unless English was picked. */
const langKey = 'fl-lang';
let current: Lang = localStorage.getItem(langKey) === 'en' ? 'en' : 'zh-CN';

export const lang = (): Lang => current;

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, make: () => T): T {
  const key = `${current}:${kind}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = make()));
  return format as T;
}

export const formatCount = (n: number): string => cached('count', () => new Intl.NumberFormat(current)).format(n);

/** A share the API gives in percent (55.5 for 55.5 %), with at most one decimal. */
export const formatPercent = (percent: number): string =>
  cached('percent', () => new Intl.NumberFormat(current, { style: 'percent', maximumFractionDigits: 1 })).format(percent / 100);

/** A district day (`2020-03-12`) as the language writes a date; the day is a calendar day, so read in UTC. */
export const formatDay = (day: string, style: 'long' | 'short' = 'long'): string =>
  cached(`day-${style}`, () => new Intl.DateTimeFormat(current, style === 'long'
    ? { dateStyle: 'medium', timeZone: 'UTC' }
    : { month: 'numeric', day: 'numeric', timeZone: 'UTC' })).format(new Date(`${day}T00:00:00Z`));

/** An instant as the district's time of day, to the second (how old the live figures are). */
export const formatTime = (at: string): string =>
  cached('time', () => new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Shanghai' })).format(new Date(at));

function formatArg(arg: Arg): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number') return formatCount(arg);
  if ('percent' in arg) return formatPercent(arg.percent);
  if ('day' in arg) return formatDay(arg.day);
  if ('time' in arg) return formatTime(arg.time);
  if ('list' in arg) return new Intl.ListFormat(current, { style: 'long', type: 'conjunction' }).format(arg.list);
  return t(arg.msg);
}

export function t(key: MessageKey, args: Args = {}): string {
  const template = catalogues[current][key];
  if (template === undefined) {
    missing.add(`${current}:${key}`);
    return key;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (args[name] === undefined ? whole : formatArg(args[name])));
}

/**
 * Writes every marked element of the page in the language now chosen: text from `data-i18n`,
 * `aria-label` from `data-i18n-label`, `placeholder` from `data-i18n-placeholder`. What a report
 * drew is drawn again from its data instead.
 */
export function localize(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset['i18n'] as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset['i18nLabel'] as MessageKey));
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset['i18nPlaceholder'] as MessageKey));
  if (root === document) {
    document.documentElement.lang = current;
    document.title = `${t('app.brand')} · ${t('app.name')}`;
  }
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(langKey, next);
  localize();
}
