import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueChecks } from '../../../test/support/catalogue-checks.ts';
import en from '../locales/en.json' with { type: 'json' };
import zhCN from '../locales/zh-CN.json' with { type: 'json' };

const packageDir = fileURLToPath(new URL('../', import.meta.url));

describe('dashboard message catalogues', () => {
  catalogueChecks({ user: 'the dashboard', packageDir, zhCN, en, latinNames: ['app.brand', 'app.lang.switch', 'table.csv'] });

  it('let the page say in Chinese what it shows before its script runs', async () => {
    const page = await readFile(join(packageDir, 'static/index.html'), 'utf8');
    const shown = [...page.matchAll(/data-i18n="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);

    expect(shown.length).toBeGreaterThan(10);
    for (const [key, text] of shown) expect(text, key).toBe((zhCN as Record<string, string>)[key!]);
  });
});
