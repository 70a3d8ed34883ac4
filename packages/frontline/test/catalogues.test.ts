import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { catalogueChecks } from '../../../test/support/catalogue-checks.ts';
import en from '../locales/en.json' with { type: 'json' };
import zhCN from '../locales/zh-CN.json' with { type: 'json' };

const packageDir = fileURLToPath(new URL('../', import.meta.url));

describe('message catalogues', () => {
  catalogueChecks({ user: 'the app', packageDir, zhCN, en, latinNames: ['app.lang.switch'] });
});
