import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacPseudonymizer } from '@firstline/adapters';
import { dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';

const cli = fileURLToPath(new URL('../../packages/cli/src/firstline.ts', import.meta.url));
const good = fileURLToPath(new URL('../fixtures/import/good', import.meta.url));
const bad = fileURLToPath(new URL('../fixtures/import/bad', import.meta.url));
/** The same district as Chinese Excel saves it ("CSV (逗号分隔)"): GB18030 bytes, Chinese headers, CRLF. */
const chineseExcel = fileURLToPath(new URL('../fixtures/import/gb18030', import.meta.url));

let stack: RunningStack;
let adminToken: string;
/** The stack's own pseudonym: lets the test look a resident up without the CLI telling it the id. */
let personIdOf: (idNumber: string) => string;

function firstline(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const today = () => dayOf(new Date(), 'Asia/Shanghai');
const districtReport = async () => (await stack.as('command')).get<{ name: string; reporting: { grids: number }; children: { id: string; name: string }[] }>(
  `/v1/reports/daily?level=district&id=demo&date=${today()}`,
);

beforeAll(async () => {
  stack = await startStack();
  adminToken = await stack.client.localToken({ role: 'admin', district: 'demo', scopes: ['*'] });
  const secrets = JSON.parse(await readFile(join(stack.dataDir, 'keys', 'demo', 'pseudonym-key.json'), 'utf8')) as { pseudonymKey: string };
  personIdOf = (idNumber) => hmacPseudonymizer(secrets.pseudonymKey).personId(idNumber);
});
afterAll(() => stack.stop());

describe('firstline import', () => {
  it('explains itself with --help and refuses a call without --dir or --token', () => {
    const help = firstline('import', '--help');
    const noDir = firstline('import', '--token', adminToken);
    const noToken = firstline('import', '--dir', good);

    expect(help.status).toBe(0);
    expect(help.stdout).toContain('firstline import --dir <folder> --token <admin jwt>');
    expect(help.stdout).toContain('--dry-run');
    expect(firstline('--help').stdout).toContain('firstline import');
    expect(noDir).toMatchObject({ status: 2, stderr: expect.stringContaining('missing --dir') });
    expect(noToken).toMatchObject({ status: 2, stderr: expect.stringContaining('missing --token') });
  });

  it('reports every problem of a bad export by file, line and column, exits 1 and stores nothing', async () => {
    const run = firstline('import', '--dir', bad, '--token', adminToken, '--url', stack.url);

    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      'district.csv:2: column timeZone: not an IANA time zone (got "Mars/Olympus")',
      'streets.csv:3: column id: duplicate id "s1" (first on line 2)',
      'communities.csv:3: column id: is empty',
      'communities.csv:4: column streetId: unknown street "s9"',
      'grids.csv:3: column communityId: unknown community "c-99"',
      'buildings.csv:3: column id: letters, digits and . _ : - only (got "b 2")',
      'buildings.csv:4: column name: is empty',
      'checkpoints.csv:1: missing column gridId (the header has id, name)',
      'residents.csv:3: column idNumber: letters and digits only',
      'residents.csv:4: column phone: digits, spaces, dashes, optional leading +',
      'residents.csv:5: column buildingId: unknown building "b7"',
      'residents.csv:6: column idNumber: the same person as on line 2',
      'residents.csv:7: column householdId: household "b1-h1" is in building "b1" on line 2, not "b3"',
      'residents.csv:8: 6 fields but the header has 5; is a value with a comma missing its quotes?',
    ]));
    expect(run.stderr).toContain(`14 problems in ${bad}; nothing was sent`);
    // Personal data stays out of terminals and logs, even when it is wrong.
    expect(run.stderr).not.toContain('4201-0219');
    expect(run.stderr).not.toContain('call me');
    expect((await districtReport()).status).toBe(404);
  });

  it('checks a good export with --dry-run, prints what it would send and changes nothing', async () => {
    const run = firstline('import', '--dir', good, '--dry-run');

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`dry run: ${good} is valid for district demo ("Demo District, Wuhan", Asia/Shanghai)`);
    expect(run.stdout).toContain('registry: would upsert 2 streets, 3 communities, 4 grids, 4 buildings, 4 checkpoints');
    expect(run.stdout).toContain('residents: would register 5 residents in 4 households');
    expect(run.stdout).toContain('nothing was sent');
    expect(run.stderr).toContain('warning: checkpoints.csv:1: column "notes" is not used by the import; ignored');
    expect((await districtReport()).status).toBe(404);
    expect((await (await stack.as('admin')).get(`/v1/residents/${personIdOf('42010219800101001X')}`)).status).toBe(404);
  });

  it('refuses a token of another district before sending anything', async () => {
    const other = await stack.client.localToken({ role: 'admin', district: 'riverside', scopes: ['*'] });
    const run = firstline('import', '--dir', good, '--token', other, '--url', stack.url);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('district.csv:2: column id: district "demo", but the token is for district "riverside"');
    expect((await districtReport()).status).toBe(404);
  });

  it('imports a good export: the hierarchy reports and the residents read back', async () => {
    const run = firstline('import', '--dir', good, '--token', adminToken, '--url', stack.url);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('registry: upserted 2 streets, 3 communities, 4 grids, 4 buildings, 4 checkpoints; the district now has 2 streets, 3 communities, 4 grids, 4 buildings, 4 checkpoints');
    expect(run.stdout).toContain('residents: 5 created or unchanged, 0 conflicting, 0 failed (of 5)');

    const report = await districtReport();
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ name: 'Demo District, Wuhan', reporting: { grids: 4 } });
    expect(report.body.children.map((c) => [c.id, c.name])).toEqual([['s1', 'Zhongshan Road'], ['s2', 'Jiefang Avenue']]);
    const community = await (await stack.as('command')).get<{ children: { id: string; name: string }[] }>(`/v1/reports/daily?level=street&id=s1&date=${today()}`);
    expect(community.body.children.map((c) => c.name)).toEqual(['Lotus Community', 'Maple "Old Town" Community']);

    const admin = await stack.as('admin');
    // The lower-case check letter of line 2 and the spaced phone of line 3 are the same people the stack keys by.
    const zhang = await admin.get<Record<string, unknown>>(`/v1/residents/${personIdOf('42010219800101001x')}`);
    expect(zhang.status).toBe(200);
    expect(zhang.body).toMatchObject({ buildingId: 'b1', gridId: 'g1', householdId: 'b1-h1', codeColor: 'green' });
    expect(zhang.body['nameMasked']).not.toBe('张伟');
    const chen = await admin.get<Record<string, unknown>>(`/v1/residents/${personIdOf('E12345678')}`);
    expect(chen.body).toMatchObject({ buildingId: 'b4', gridId: 'g4', householdId: 'b4-h2' });
    // A gate of the imported registry admits an imported resident.
    const scan = await (await stack.as('scanner', ['cp1'])).post<{ results: { verdict: string }[] }>('/v1/scans', {
      scans: [{ scanId: 'import-check-1', checkpointId: 'cp1', idNumber: '420102198203150028', direction: 'in', temperatureC: 36.5, scannedAt: new Date().toISOString() }],
    });
    expect(scan.body.results[0]).toMatchObject({ verdict: 'allow', reason: 'ok' });
    // Counted (queued, packed, folded) before the next test compares the day's reports.
    await drained(stack);
  });

  it('re-imports the same export as a no-op', async () => {
    const before = (await districtReport()).body;
    const run = firstline('import', '--dir', good, '--token', adminToken, '--url', stack.url);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('the district now has 2 streets, 3 communities, 4 grids, 4 buildings, 4 checkpoints');
    expect(run.stdout).toContain('residents: 5 created or unchanged, 0 conflicting, 0 failed (of 5)');
    const after = (await districtReport()).body;
    expect(after.children).toEqual(before.children);
    expect((await (await stack.as('admin')).get(`/v1/residents/${personIdOf('420102199001010035')}`)).body).toMatchObject({ buildingId: 'b2', householdId: 'b2-h1' });
  });

  it('names the line of a resident the stack refuses and still registers the others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firstline-import-'));
    await cp(good, dir, { recursive: true });
    const residents = await readFile(join(dir, 'residents.csv'), 'utf8');
    // Line 3: a registered person with another phone; line 7: someone new.
    await writeFile(join(dir, 'residents.csv'), `${residents.replace('"138 0000 0002"', '13900000002')}420102196001010070,赵强,13800000009,b3,b3-h2\r\n`);

    const run = firstline('import', '--dir', dir, '--token', adminToken, '--url', stack.url);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('residents.csv:3: this person is already registered with other details (409); the stack keeps the first registration');
    expect(run.stdout).toContain('residents: 5 created or unchanged, 1 conflicting, 0 failed (of 6)');
    expect((await (await stack.as('admin')).get(`/v1/residents/${personIdOf('420102196001010070')}`)).status).toBe(200);
  });

  it('imports what Chinese Excel saves: GB18030 text with Chinese column headers', async () => {
    const run = firstline('import', '--dir', chineseExcel, '--token', adminToken, '--url', stack.url);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: streets.csv: not UTF-8: read as GB18030 (GBK), as Chinese Excel saves CSV');
    expect(run.stderr).not.toContain('is not used by the import');
    expect(run.stdout).toContain('residents: 2 created or unchanged, 0 conflicting, 0 failed (of 2)');
    const report = (await districtReport()).body;
    expect(report.name).toBe('武汉市示范区');
    expect(report.children.map((c) => [c.id, c.name])).toEqual([['s1', '中山路街道'], ['s2', '解放大道街道']]);
    const street = await (await stack.as('command')).get<{ children: { name: string }[] }>(`/v1/reports/daily?level=street&id=s1&date=${today()}`);
    expect(street.body.children.map((c) => c.name)).toEqual(['荷花社区', '枫叶"老城"社区']);
    const ouyang = await (await stack.as('admin')).get<Record<string, unknown>>(`/v1/residents/${personIdOf('42010219850505012X')}`);
    expect(ouyang.body).toMatchObject({ buildingId: 'b1', gridId: 'g1', householdId: 'b1-h21' });
    expect(ouyang.body['nameMasked']).toMatch(/^欧/);
  });
});
