import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';

type Catalogue = Record<string, string>;

export interface CatalogueSubject {
  /** Who uses the words, for the test names: "the app", "the dashboard". */
  readonly user: string;
  /** The package folder: its `src/app` sources and `static/index.html` name the keys. */
  readonly packageDir: string;
  readonly zhCN: Catalogue;
  readonly en: Catalogue;
  /** Keys whose Chinese message is a name kept in Latin letters (the brand, the language switch). */
  readonly latinNames: readonly string[];
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Every message key a package's sources and page name: string literals in a catalogue namespace,
 * and `data-i18n` attributes of the page.
 */
async function keysInSources({ packageDir, zhCN }: CatalogueSubject): Promise<Set<string>> {
  const namespaces = [...new Set(Object.keys(zhCN).map((k) => k.split('.')[0]!))];
  const literal = new RegExp(`'((?:${namespaces.join('|')})\\.[A-Za-z0-9.-]+)'`, 'g');
  const used = new Set<string>();
  const dir = join(packageDir, 'src/app');
  for (const file of await readdir(dir)) {
    for (const match of (await readFile(join(dir, file), 'utf8')).matchAll(literal)) used.add(match[1]!);
  }
  const page = await readFile(join(packageDir, 'static/index.html'), 'utf8');
  for (const match of page.matchAll(/data-i18n(?:-label|-placeholder)?="([^"]+)"/g)) used.add(match[1]!);
  return used;
}

/** The checks every Chinese-first screen's catalogues pass (STYLE.md: one catalogue per language, no key missing). */
export function catalogueChecks(subject: CatalogueSubject): void {
  const { user, zhCN, en } = subject;

  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('fill the same placeholders in both languages, and leave no message empty', () => {
    for (const [key, text] of Object.entries(zhCN)) {
      expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(text));
      for (const [lang, catalogue] of Object.entries({ 'zh-CN': zhCN, en })) expect(catalogue[key]!.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it(`hold every key ${user} uses`, async () => {
    const missing = [...await keysInSources(subject)].filter((key) => !(key in zhCN) || !(key in en));

    expect(missing).toEqual([]);
  });

  it(`hold no key ${user} no longer uses`, async () => {
    const used = await keysInSources(subject);

    expect(Object.keys(zhCN).filter((key) => !used.has(key))).toEqual([]);
  });

  it('write Chinese in the Chinese catalogue (a pasted English message is a missing translation)', () => {
    const untranslated = Object.entries(zhCN).filter(([key, text]) => /[A-Za-z]{3,}/.test(text.replace(/\{\w+\}/g, '')) && !subject.latinNames.includes(key));

    expect(untranslated).toEqual([]);
  });
}
