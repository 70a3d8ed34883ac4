import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../locales/en.json' with { type: 'json' };
import zhCN from '../locales/zh-CN.json' with { type: 'json' };

const packageDir = fileURLToPath(new URL('../', import.meta.url));
const catalogues: Record<string, Record<string, string>> = { 'zh-CN': zhCN, en };
const namespaces = [...new Set(Object.keys(zhCN).map((k) => k.split('.')[0]!))];

/** Every message key the dashboard's sources and page name: string literals in a catalogue namespace, and data-i18n attributes. */
async function keysInSources(): Promise<Set<string>> {
  const used = new Set<string>();
  const literal = new RegExp(`'((?:${namespaces.join('|')})\\.[A-Za-z0-9.-]+)'`, 'g');
  const dir = join(packageDir, 'src/app');
  for (const file of await readdir(dir)) {
    for (const match of (await readFile(join(dir, file), 'utf8')).matchAll(literal)) used.add(match[1]!);
  }
  const page = await readFile(join(packageDir, 'static/index.html'), 'utf8');
  for (const match of page.matchAll(/data-i18n(?:-label|-placeholder)?="([^"]+)"/g)) used.add(match[1]!);
  return used;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dashboard message catalogues', () => {
  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('fill the same placeholders in both languages, and leave no message empty', () => {
    for (const [key, text] of Object.entries(zhCN)) {
      expect(placeholders((en as Record<string, string>)[key] ?? ''), key).toEqual(placeholders(text));
      for (const lang of Object.keys(catalogues)) expect(catalogues[lang]![key]!.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('hold every key the dashboard uses', async () => {
    const missing = [...await keysInSources()].filter((key) => !(key in zhCN) || !(key in en));

    expect(missing).toEqual([]);
  });

  it('hold no key the dashboard no longer uses', async () => {
    const used = await keysInSources();

    expect(Object.keys(zhCN).filter((key) => !used.has(key))).toEqual([]);
  });

  it('write Chinese in the Chinese catalogue (a pasted English message is a missing translation)', () => {
    const ownNames = new Set(['app.brand', 'app.lang.switch', 'table.csv']);
    const untranslated = Object.entries(zhCN).filter(([key, text]) => /[A-Za-z]{3,}/.test(text.replace(/\{\w+\}/g, '')) && !ownNames.has(key));

    expect(untranslated).toEqual([]);
  });

  it('let the page say in Chinese what it shows before its script runs', async () => {
    const page = await readFile(join(packageDir, 'static/index.html'), 'utf8');
    const shown = [...page.matchAll(/data-i18n="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);

    expect(shown.length).toBeGreaterThan(10);
    for (const [key, text] of shown) expect(text, key).toBe((zhCN as Record<string, string>)[key!]);
  });
});
