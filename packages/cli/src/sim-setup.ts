import type { FirstlineClient } from '@firstline/client';
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
  /** Reads the district's reports: where its hierarchy is, so the run can join it. */
  readonly reports?: FirstlineClient;
}

/** Which roles may do each kind of work (manifest routes), best first. */
const rolesFor = {
  scanner: ['scanner'],
  admin: ['admin'],
  codes: ['grid-worker', 'admin'],
  deliveries: ['grid-worker', 'dispatcher'],
  gridLogs: ['grid-worker'],
  reports: ['admin', 'command', 'grid-worker'],
} as const;

/**
 * Clients for a run. Tokens given on the command line are sorted by their role claim; with none,
 * a local stack mints one per role (`/local/tokens`), as `firstline token` does.
 */
export async function simClients(anonymous: FirstlineClient, tokens: readonly string[], district: string | undefined): Promise<SimClients> {
  const url = anonymous.baseUrl;
  const byRole = new Map<string, string>();
  if (tokens.length > 0) {
    for (const token of tokens) {
      const claims = claimsOf(token);
      if (!claims?.role) throw new UsageError('a --token has no readable role claim; pass the JWTs the identity provider issued');
      if (!byRole.has(claims.role)) byRole.set(claims.role, token);
      district ??= claims.district;
    }
  } else {
    const res = await anonymous.get<{ district?: string; endpoints?: unknown }>('/local/status');
    const status = res.status === 200 ? res.body : undefined;
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
  for (const work of ['admin', 'codes', 'deliveries', 'gridLogs', 'reports'] as const) {
    const client = pick(work);
    if (client) Object.assign(clients, { [work]: client });
  }
  return clients;
}

interface UnitReport {
  readonly name?: string;
  readonly children?: readonly { readonly id: string }[];
}

/**
 * The grid a run joins when the district already has a hierarchy: the last grid of its last
 * community of its last street (the seeded demo's walk-throughs use its first grid). Undefined when
 * the district has none but the simulator's own street, or its reports cannot be read: then the
 * run keeps to its own street.
 */
export async function hostGrid(reports: FirstlineClient | undefined, district: string, date: string): Promise<string | undefined> {
  if (!reports) return undefined;
  const children = async (level: string, id: string) => {
    const res = await reports.get<UnitReport>(`/v1/reports/daily?${new URLSearchParams({ level, id, date })}`);
    return res.status === 200 ? (res.body.children ?? []).map((c) => c.id) : [];
  };
  const street = (await children('district', district)).filter((id) => id !== 'sim-s1').at(-1);
  const community = street && (await children('street', street)).at(-1);
  return community ? (await children('community', community)).at(-1) : undefined;
}

const failure = (what: string, res: { status: number; body: unknown }) => new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);

/**
 * Upserts the simulator's gates and buildings (and, in an empty district, its street) and registers
 * its residents; returns each resident's person id (by ID number) so the run can fetch their codes.
 * The district's own name is read from its report first, so the upsert does not rename a district
 * that already exists.
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
