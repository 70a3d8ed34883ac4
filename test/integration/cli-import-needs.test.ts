import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';

const cli = fileURLToPath(new URL('../../packages/cli/src/firstline.ts', import.meta.url));
/**
 * A grid office's vulnerable-household register as Chinese Excel saves it: GB18030 bytes, Chinese
 * headers (户号, 楼栋, 需求, 预产期, 透析日, 透析时间), CRLF; written through `iconv -t GB18030`.
 */
const register = fileURLToPath(new URL('../fixtures/import/needs/gb18030.csv', import.meta.url));
/** UTF-8: a valid row, an unknown need, a due date without a pregnancy and a weekday 8. */
const badRegister = fileURLToPath(new URL('../fixtures/import/needs/bad.csv', import.meta.url));

const grid = 'dem-s1-c1-g1';
/** The corner of the seeded demo the fixtures name, so the README can import them into `pnpm dev`'s demo too. */
const registry = {
  district: { id: 'demo', name: 'Demo District', timeZone: 'Asia/Shanghai' },
  streets: [{ id: 'dem-s1', name: 'Street 1' }],
  communities: [{ id: 'dem-s1-c1', name: 'Community 1', streetId: 'dem-s1' }],
  grids: [{ id: grid, name: 'Grid 1', communityId: 'dem-s1-c1' }, { id: 'dem-s1-c1-g2', name: 'Grid 2', communityId: 'dem-s1-c1' }],
  buildings: [{ id: `${grid}-b1`, name: 'Building 1', gridId: grid }, { id: `${grid}-b2`, name: 'Building 2', gridId: grid }],
  checkpoints: [],
};

/** The register's households as `GET /v1/households/needs` must show them after an import. */
const imported = [
  { householdId: `${grid}-b1-h2`, buildingId: `${grid}-b1`, gridId: grid, needs: ['mental-health', 'disabled'], priority: 'hardship' },
  {
    householdId: `${grid}-b2-h4`, buildingId: `${grid}-b2`, gridId: grid, needs: ['dialysis', 'chronic-medicine'], priority: 'medical',
    dialysis: { weekdays: [1, 3, 5], time: '07:30' },
  },
  { householdId: `${grid}-b2-h5`, buildingId: `${grid}-b2`, gridId: grid, needs: ['pregnancy'], priority: 'medical', dueDate: '2026-09-01' },
  { householdId: `${grid}-b2-h6`, buildingId: `${grid}-b2`, gridId: grid, needs: ['elderly-alone', 'hardship'], priority: 'hardship' },
];

let stack: RunningStack;
let workerToken: string;

function firstline(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

type NeedsItem = Record<string, unknown>;
const gridNeeds = async () => {
  const res = await (await stack.as('grid-worker', [grid])).get<{ items: NeedsItem[] }>(`/v1/households/needs?gridId=${grid}`);
  expect(res.status).toBe(200);
  return res.body.items;
};
/** What the register says, without who wrote it when (a re-import writes the same needs again, later). */
const asRegistered = (items: NeedsItem[]) => items.map(({ updatedAt: _at, updatedBy: _by, visitDue: _due, ...needs }) => needs);

beforeAll(async () => {
  stack = await startStack();
  expect((await (await stack.as('admin')).put('/v1/registry', registry)).status).toBe(200);
  workerToken = await stack.client.localToken({ role: 'grid-worker', district: 'demo', scopes: [grid] });
});
afterAll(() => stack.stop());

describe('firstline import --needs', () => {
  it('explains the register in --help and takes a grid worker\'s or an admin\'s token only', async () => {
    const help = firstline('import', '--help');
    const command = await stack.client.localToken({ role: 'command', district: 'demo', scopes: ['*'] });

    expect(help.stdout).toContain('firstline import --needs <file.csv> --token <grid-worker or admin jwt>');
    expect(help.stdout).toContain('户号 householdId · 楼栋 buildingId · 需求 needs · 预产期 dueDate · 透析日 dialysisDays · 透析时间 dialysisTime');
    expect(firstline('import', '--needs', register, '--token', command, '--url', stack.url))
      .toMatchObject({ status: 2, stderr: expect.stringContaining('--token is a command token; this needs a token with role grid-worker or admin') });
    expect(firstline('import', '--needs', register, '--dir', 'test/fixtures/import/good', '--token', workerToken))
      .toMatchObject({ status: 2, stderr: expect.stringContaining('one at a time') });
    expect(await gridNeeds()).toEqual([]);
  });

  it('names every bad row by line and column, exits 1 and stores nothing, not even the good rows', async () => {
    const run = firstline('import', '--needs', badRegister, '--token', workerToken, '--url', stack.url);

    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^bad\.csv:3: column needs: unknown need "糖尿病" \(the needs are elderly-alone, /),
      'bad.csv:4: column dueDate: a due date goes with the need pregnancy (孕产妇)',
      'bad.csv:5: column dialysisDays: weekday 8 does not exist: weekdays are 1 (Monday) to 7 (Sunday)',
      `3 problems in ${badRegister}; nothing was sent`,
    ]);
    expect(await gridNeeds()).toEqual([]);
  });

  it('checks the GB18030 register with --dry-run and sends nothing', async () => {
    const run = firstline('import', '--needs', register, '--dry-run');

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`dry run: ${register} is valid: would record the needs of 4 households in 2 buildings (1 with dialysis sessions, 1 with a due date)`);
    expect(await gridNeeds()).toEqual([]);
  });

  it('imports the register: the grid lists exactly its needs, with their priority and the dialysis sessions', async () => {
    const run = firstline('import', '--needs', register, '--token', workerToken, '--url', stack.url);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('warning: gb18030.csv: not UTF-8: read as GB18030 (GBK), as Chinese Excel saves CSV\n');
    expect(run.stdout).toContain('needs: 4 recorded (2 medical, 2 hardship, 0 normal priority), 0 failed (of 4)');
    const items = await gridNeeds();
    expect(asRegistered(items)).toEqual(imported);
    expect(items.every((i) => i['visitDue'] === true)).toBe(true);
  });

  it('imports the same register again as a no-op, and says so', async () => {
    const run = firstline('import', '--needs', register, '--token', workerToken, '--url', stack.url);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('needs: 4 recorded (2 medical, 2 hardship, 0 normal priority), 0 failed (of 4)');
    expect(run.stdout).toContain("each household's needs are replaced by the file's: importing the same file again changes nothing");
    expect(asRegistered(await gridNeeds())).toEqual(imported);
  });

  it("names the line of each household the stack refuses: a grid worker of another grid's", async () => {
    const other = await stack.client.localToken({ role: 'grid-worker', district: 'demo', scopes: ['dem-s1-c1-g2'] });
    const run = firstline('import', '--needs', register, '--token', other, '--url', stack.url);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain("gb18030.csv:2: the token may not act on this household's grid (403)");
    expect(run.stderr).toContain("gb18030.csv:5: the token may not act on this household's grid (403)");
    expect(run.stdout).toContain('needs: 0 recorded (0 medical, 0 hardship, 0 normal priority), 4 failed (of 4)');
    expect(asRegistered(await gridNeeds())).toEqual(imported);
  });
});
