import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeSigner, districtRuntime, hmacPseudonymizer } from '@firstline/adapters';
import { FirstlineClient } from '@firstline/client';
import { eachLimited, liveBucketOf, liveBucketSettles } from '@firstline/domain';
import { foldLiveScans } from '../../packages/app/src/intake/fold-live-scans.ts';
import { districtKeysFiles } from '@firstline/local/keys';
import { startLocalStack } from '@firstline/local/stack';
/** Rows of a benchmark table: what, figure, detail. */
export type Table = [string, string, string][];

/** A district of `grids` grids with `gates` checkpoints and 2 buildings each. */
export function benchRegistry(district: string, grids: number, gates: number) {
  const ids = Array.from({ length: grids }, (_, g) => `g${g}`);
  return {
    district: { id: district, name: 'Bench District', timeZone: 'Asia/Shanghai' },
    streets: [{ id: 's0', name: 'Street' }],
    communities: Array.from({ length: Math.ceil(grids / 4) }, (_, c) => ({ id: `c${c}`, name: `Community ${c}`, streetId: 's0' })),
    grids: ids.map((id, g) => ({ id, name: `Grid ${g}`, communityId: `c${Math.floor(g / 4)}` })),
    buildings: ids.flatMap((gridId) => [1, 2].map((b) => ({ id: `${gridId}-b${b}`, name: `Building ${b}`, gridId }))),
    checkpoints: ids.flatMap((gridId) => Array.from({ length: gates }, (_, k) => ({ id: `${gridId}-cp${k}`, name: `Gate ${k}`, gridId }))),
  };
}

/** The n-th scan's gate: one gate takes 20 % of all scans, the rest spread evenly (a busy main gate). */
export function skewedCheckpoint(checkpoints: readonly string[], n: number): string {
  if (n % 5 === 0) return checkpoints[0]!;
  return checkpoints[1 + ((n * 7919) % (checkpoints.length - 1))]!;
}

export function printTable(title: string, rows: Table): string {
  const widths = ([0, 1, 2] as const).map((i) => Math.max(...rows.map((r) => r[i].length), 4));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [`### ${title}`, '', line(['what', 'figure', 'detail']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ''].join('\n');
}

/**
 * An in-process district stack without pollers (a benchmark invokes consumers itself), with the
 * bench registry (50 grids of 4 gates unless told) and `count` residents registered through the
 * API, and what a scan needs of them: the district's code signer and each resident's person id.
 */
export async function benchDistrict(district: string, count: number, grids = 50, gates = 4) {
  const dataDir = await mkdtemp(join(tmpdir(), 'firstline-bench-'));
  // One live bucket for the whole run, folded when the benchmark says (`foldRun`): what a minute of the sustained rate holds.
  const stack = await startLocalStack({ district, dataDir, port: 0, pollers: false, liveFold: benchLiveFold });
  const admin = new FirstlineClient({ baseUrl: stack.url }).withToken(await stack.tokens.sign({ role: 'admin', district, scopes: ['*'] }));
  const registry = benchRegistry(district, grids, gates);
  if ((await admin.put('/v1/registry', registry)).status !== 200) throw new Error('registry');
  const residents = Array.from({ length: count }, (_, i) => ({
    idNumber: `42010219900101${String(i).padStart(4, '0')}`, name: '张三', phone: `1380000${String(i).padStart(4, '0')}`,
    buildingId: registry.buildings[i % registry.buildings.length]!.id, householdId: `h${i}`,
  }));
  await eachLimited(residents, 16, async (p) => {
    if ((await admin.post('/v1/residents', p)).status !== 201) throw new Error('resident');
  });
  const files = await districtKeysFiles(dataDir, district);
  const { pseudonymKey } = JSON.parse(await readFile(files['pseudonym-key'], 'utf8')) as { pseudonymKey: string };
  const { codeSigningKey } = JSON.parse(await readFile(files['code-signing-key'], 'utf8')) as { codeSigningKey: Parameters<typeof CodeSigner.fromJwk>[0] };
  const pseudonyms = hmacPseudonymizer(pseudonymKey);
  return {
    stack,
    registry,
    codes: await CodeSigner.fromJwk(codeSigningKey, district),
    people: residents.map((r) => ({ idNumber: r.idNumber, personId: pseudonyms.personId(r.idNumber) })),
  };
}

/** A bucket longer than any run: a benchmark's scans are folded together, once, by `foldRun`. */
const benchLiveFold = { bucketSeconds: 1e9 };

/**
 * Folds the run's bucket into the live counters as the scheduled fold would once it settled: the
 * fold's own code, its clock moved past the bucket's end.
 */
export async function foldRun(): Promise<void> {
  const ports = await districtRuntime();
  const times = ports.config.liveFold;
  const settled = liveBucketSettles(liveBucketOf(new Date(), times), times).getTime() + times.graceSeconds * 1_000;
  await foldLiveScans(ports, times, new Date(settled));
}

/**
 * `POST /v1/scans` as API Gateway hands it to the function, with a scanner token's claims as the
 * JWT authorizer passes them (strings): a gate device's subject, issued now, good for an hour.
 */
export function scanRequestEvent(district: string, body: unknown, scopes: string[], subject = 'bench-gate') {
  const now = Math.floor(Date.now() / 1000);
  return {
    version: '2.0', routeKey: 'POST /v1/scans', rawPath: '/v1/scans', rawQueryString: '', headers: {},
    requestContext: {
      requestId: randomUUID(), routeKey: 'POST /v1/scans', http: { method: 'POST', path: '/v1/scans' },
      authorizer: { jwt: { claims: { role: 'scanner', district, scopes: `[${scopes.join(' ')}]`, sub: subject, iat: String(now), exp: String(now + 3600) } } },
    },
    body: JSON.stringify(body), isBase64Encoded: false,
  };
}
