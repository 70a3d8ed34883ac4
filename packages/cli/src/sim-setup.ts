import { FirstlineClient } from '@firstline/client';
import { dayOf, limiter } from '@firstline/domain';
import { claimsOf, UsageError } from './args.ts';
import type { SimFixture } from './sim-fixture.ts';

/** Clients by the work they do; each holds a token whose role the route accepts. */
export interface SimClients {
  readonly district: string;
  readonly scanner: FirstlineClient;
  /** Registry and residents (`--setup`). */
  readonly admin?: FirstlineClient;
  /** A resident's code: what the resident's app fetches before the gate reads it. */
  readonly codes?: FirstlineClient;
  readonly deliveries?: FirstlineClient;
  readonly gridLogs?: FirstlineClient;
}

/** Which roles may do each kind of work (manifest routes), best first. */
const rolesFor = {
  scanner: ['scanner'],
  admin: ['admin'],
  codes: ['grid-worker', 'admin'],
  deliveries: ['grid-worker', 'dispatcher'],
  gridLogs: ['grid-worker'],
} as const;

/**
 * Clients for a run. Tokens given on the command line are sorted by their role claim; with none,
 * a local stack mints one per role (`/local/tokens`), as `firstline token` does.
 */
export async function simClients(url: string, tokens: readonly string[], district: string | undefined): Promise<SimClients> {
  const anonymous = new FirstlineClient({ baseUrl: url });
  const byRole = new Map<string, string>();
  if (tokens.length > 0) {
    for (const token of tokens) {
      const claims = claimsOf(token);
      if (!claims?.role) throw new UsageError('a --token has no readable role claim; pass the JWTs the identity provider issued');
      if (!byRole.has(claims.role)) byRole.set(claims.role, token);
      district ??= claims.district;
    }
  } else {
    let status: { district?: string; endpoints?: unknown } | undefined;
    try {
      const res = await anonymous.get<{ district?: string; endpoints?: unknown }>('/local/status');
      if (res.status === 200) status = res.body;
    } catch (error) {
      throw new Error(`cannot reach ${url}: ${(error as Error).message}`);
    }
    if (!status?.endpoints) throw new UsageError(`${url} is not a local stack; pass --token for each role the run needs (scanner, plus admin for --setup, grid-worker for deliveries and grid logs)`);
    district ??= status.district ?? 'demo';
    for (const role of ['scanner', 'grid-worker', 'admin']) byRole.set(role, await anonymous.localToken({ role, district, scopes: ['*'] }));
  }
  if (!district) throw new UsageError('cannot tell the district from the tokens; pass --district');
  const pick = (work: keyof typeof rolesFor) => {
    const role = rolesFor[work].find((r) => byRole.has(r));
    return role ? anonymous.withToken(byRole.get(role)!) : undefined;
  };
  const scanner = pick('scanner');
  if (!scanner) throw new UsageError('simulate needs a --token with role scanner');
  const clients: SimClients = { district, scanner };
  for (const work of ['admin', 'codes', 'deliveries', 'gridLogs'] as const) {
    const client = pick(work);
    if (client) Object.assign(clients, { [work]: client });
  }
  return clients;
}

const failure = (what: string, res: { status: number; body: unknown }) => new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);

/**
 * Upserts the simulator's street into the district and registers its residents; returns each
 * resident's person id (by ID number) so the run can fetch their codes. The district's own name
 * is read from its report first, so the upsert does not rename a district that already exists.
 */
export async function setUp(admin: FirstlineClient, district: string, fixture: SimFixture, timeZone: string): Promise<Map<string, string>> {
  const report = await admin.get<{ name?: string }>(`/v1/reports/daily?${new URLSearchParams({ level: 'district', id: district, date: dayOf(new Date(), timeZone) })}`);
  const name = report.status === 200 && report.body.name ? report.body.name : `District ${district}`;
  const put = await admin.put('/v1/registry', { district: { id: district, name }, ...fixture.registry });
  if (put.status !== 200) throw failure('setting up the registry', put);
  const personIds = new Map<string, string>();
  const limit = limiter(8);
  await Promise.all(fixture.residents.map((resident) => limit(async () => {
    const res = await admin.post<{ personId: string }>('/v1/residents', resident);
    if (res.status !== 201 && res.status !== 200) throw failure('registering a simulated resident', res);
    personIds.set(resident.idNumber, res.body.personId);
  })));
  return personIds;
}
