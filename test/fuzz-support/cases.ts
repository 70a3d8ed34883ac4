import fc from 'fast-check';
import type { HttpMethod, Role } from '@firstline/service';
import { defaultMaxBodyBytes, functions, roles } from '@firstline/service';
import type { RouteContract } from '@firstline/schemas';
import { contracts } from '@firstline/schemas';
import type { JsonSchema, Overrides } from './json-arbitrary.ts';
import { arbitraryOf, dayArbitrary } from './json-arbitrary.ts';
import type { Json } from './mutations.ts';
import { boundaryNumbers, brokenJson, mutations, nonObjectRoots, RawJson, serialize, specialStrings } from './mutations.ts';

/** The local gateway's own payload limit (HTTP API's 10 MB). */
export const gatewayMaxBytes = 10 * 1024 * 1024;

/** A declared route with its contract, compiled like the local gateway compiles it. */
export interface FuzzRoute {
  readonly key: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly roles: readonly Role[];
  /** maxBodyBytes from the manifest (or the default). */
  readonly limit: number;
  /** The function writes a table or sends to a queue: a request that passes validation may store. */
  readonly writes: boolean;
  readonly contract: RouteContract;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** Every route of the district manifest, in declaration order. */
export const fuzzRoutes: readonly FuzzRoute[] = functions.flatMap((fn) => (fn.routes ?? []).map((route): FuzzRoute => {
  const key = `${route.method} ${route.path}`;
  const contract = (contracts as Record<string, RouteContract>)[key];
  if (!contract) throw new Error(`route ${key} has no contract`);
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return {
    // A public route takes any token (or none): fuzz it with every role's.
    key, method: route.method, path: route.path, roles: route.public ? roles : route.roles,
    limit: route.maxBodyBytes ?? defaultMaxBodyBytes,
    writes: (fn.writes?.length ?? 0) > 0 || (fn.sends?.length ?? 0) > 0,
    contract, pattern: new RegExp(`^${source}$`), names,
  };
}));

/** A body: JSON text, raw bytes (invalid UTF-8), or padding to an exact size (built when sent). */
export type FuzzBody = { readonly text: string } | { readonly bytes: readonly number[] } | { readonly padTo: number };

export interface FuzzRequest {
  /** The route the case was made for (the method may have been changed). */
  readonly route: string;
  readonly method: string;
  /** The request target as sent: path and query, already percent-encoded (or deliberately not). */
  readonly target: string;
  readonly role: Role;
  readonly contentType?: string;
  readonly accept?: string;
  readonly body?: FuzzBody;
  readonly labels: readonly string[];
  /** Valid by the schema but naming ids that do not exist: the handler must refuse it before writing. */
  readonly semantic: boolean;
}

/** What the suite knows exists in the district (the fixture and the few records made before the run). */
export interface FuzzContext {
  readonly personIds: readonly string[];
  readonly deliveryIds: readonly string[];
  readonly cursors: readonly string[];
}

export function bodyBytes(body: FuzzBody | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if ('text' in body) return Buffer.from(body.text, 'utf8');
  if ('bytes' in body) return Buffer.from(body.bytes);
  // `{"pad":"xxx…"}` of exactly `padTo` bytes: an unknown key, so refused even at the limit.
  const head = '{"pad":"';
  return Buffer.from(head + 'x'.repeat(Math.max(body.padTo - head.length - 2, 0)) + '"}', 'utf8');
}

export function bodySize(body: FuzzBody | undefined): number {
  if (body === undefined) return 0;
  if ('padTo' in body) return Math.max(body.padTo, 10);
  return bodyBytes(body).byteLength;
}

/** True when the bytes survive a UTF-8 decode and encode unchanged (the gateway's decode is lossy). */
export function isWellFormedUtf8(body: FuzzBody | undefined): boolean {
  if (body === undefined || 'padTo' in body) return true;
  const bytes = bodyBytes(body);
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

/**
 * Which route the local gateway would run for a request, and whether the request would get past the
 * route's parsing (body, query, path) into the handler: the same steps as packages/local's gateway
 * and packages/http's httpRoute, on this side of the wire.
 */
export function dispatch(request: FuzzRequest): { route?: FuzzRoute; reachesHandler: boolean } {
  const url = new URL(request.target, 'http://localhost');
  let matched: { route: FuzzRoute; values: string[] } | undefined;
  for (const route of fuzzRoutes) {
    const m = route.pattern.exec(url.pathname);
    if (m && route.method === request.method) {
      matched = { route, values: m.slice(1) };
      break;
    }
  }
  if (!matched) return { reachesHandler: false };
  const { route, values } = matched;
  let params: Record<string, string>;
  try {
    params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(values[i] ?? '')]));
  } catch {
    return { route, reachesHandler: false };
  }
  const raw = bodyBytes(request.body);
  if (raw.byteLength > gatewayMaxBytes) return { route, reachesHandler: false };
  const text = raw.byteLength > 0 ? raw.toString('utf8') : undefined;
  let body: unknown;
  if (text !== undefined && text !== '') {
    if (Buffer.byteLength(text, 'utf8') > route.limit) return { route, reachesHandler: false };
    try {
      body = JSON.parse(text);
    } catch {
      return { route, reachesHandler: false };
    }
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const { contract } = route;
  if (contract.body && !contract.body.safeParse(body).success) return { route, reachesHandler: false };
  if (contract.query && !contract.query.safeParse(url.search ? query : {}).success) return { route, reachesHandler: false };
  if (contract.params && !contract.params.safeParse(route.names.length > 0 ? params : {}).success) return { route, reachesHandler: false };
  return { route, reachesHandler: true };
}

/** Would this request store something if the API did what it should? (It reaches a writing handler.) */
export function mayStore(request: FuzzRequest): boolean {
  const { route, reachesHandler } = dispatch(request);
  return reachesHandler && route !== undefined && route.writes;
}

const jsonSchemaOf = (schema: RouteContract['body']): JsonSchema | undefined =>
  schema ? (schema.toJSONSchema({ target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined;

/** Ids from the registry fixture and the run's own records, so that seeds are valid in the district. */
function overridesFor(context: FuzzContext, unknown: ReadonlySet<string> = new Set()): Overrides {
  const known = (values: readonly string[], schema: JsonSchema, name: string) =>
    (unknown.has(name) ? fc.constant(`zz-unknown-${name}`) : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: arbitraryOf({ ...schema }, () => undefined) }));
  return (name, schema) => {
    switch (name) {
      case 'checkpointId': return known(['cp1', 'cp2', 'cp3'], schema, name);
      case 'gridId': case 'gridIds[]': return known(['g1', 'g2', 'g3'], schema, name);
      case 'buildingId': return known(['b1', 'b2', 'b3'], schema, name);
      case 'streetId': return known(['s1'], schema, name);
      case 'communityId': return known(['c1', 'c2'], schema, name);
      case 'caseId': return unknown.has(name) ? fc.constant('zz-unknown-case') : undefined;
      case 'personId':
        if (unknown.has(name)) return fc.constant('p_zzunknownzzzzzzzzzzzz');
        return context.personIds.length > 0 ? fc.oneof(fc.constantFrom(...context.personIds), arbitraryOf(schema, () => undefined)) : undefined;
      case 'deliveryId':
        if (unknown.has(name)) return fc.constant('zz-unknown-delivery');
        return context.deliveryIds.length > 0 ? fc.oneof(fc.constantFrom(...context.deliveryIds), arbitraryOf(schema, () => undefined)) : undefined;
      case 'timeZone': return fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin', 'America/New_York');
      case 'date': case 'from': case 'to': return dayArbitrary;
      case 'next': return context.cursors.length > 0 ? fc.oneof(fc.constantFrom(...context.cursors), cursorArbitrary) : cursorArbitrary;
      default: return undefined;
    }
  };
}

/** Page cursors: base64url JSON of odd keys for grid g1, plain garbage, or text that is not base64url at all. */
export const cursorArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.record({
    gsi1pk: fc.constantFrom('GRIDDEL#g1', 'GRIDDEL#g2', 'GRIDDEL#', 'x'),
    gsi1sk: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant({}), fc.constant([])),
    pk: fc.oneof(fc.constantFrom('DEL#d1', ''), fc.integer(), fc.constant({ S: 'x' })),
    sk: fc.oneof(fc.constantFrom('DELIVERY', ''), fc.boolean()),
    extra: fc.jsonValue({ maxDepth: 2 }),
  }, { requiredKeys: ['gsi1pk'] }).map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
  // Well-formed keys of the right grid with odd values: what is left once a cursor's shape is checked.
  fc.record({
    pk: fc.oneof(fc.constantFrom(...specialStrings.filter((x) => x !== '')), fc.string({ minLength: 1, maxLength: 300 })),
    sk: fc.oneof(fc.constant('DELIVERY'), fc.string({ minLength: 1 })),
    gsi1pk: fc.constant('GRIDDEL#g1'),
    gsi1sk: fc.oneof(fc.constantFrom('queued#', 'queued#2020-03-12', 'queued#\uffff', 'cancelled#', 'zzz'), fc.string({ minLength: 1 }).map((x) => `queued#${x}`)),
  }).map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')),
  fc.constantFrom('', '!!!', '====', 'e30', 'bnVsbA', 'W10', 'MQ', 'Im9rIg', '%ZZ', 'a'.repeat(2_000), 'a'.repeat(2_001)),
);

/** Repairs for refinements JSON Schema cannot say (so that a seed is a valid request before it is mutated). */
function fixUp(route: FuzzRoute, seed: unknown): unknown {
  const s = seed as Record<string, unknown>;
  switch (route.key) {
    case 'POST /v1/scans': {
      const scans = (s['scans'] as Record<string, unknown>[]).map((scan) => {
        const { code, idNumber, ...rest } = scan;
        if (code !== undefined && idNumber === undefined) return { ...rest, code };
        return { ...rest, idNumber: idNumber ?? '420102199001011234' };
      });
      return { ...s, scans };
    }
    case 'POST /v1/deliveries/{deliveryId}/events': {
      const { reason, ...rest } = s;
      return s['type'] === 'failed' ? { ...rest, reason: reason ?? 'not-home' } : rest;
    }
    case 'GET /v1/reports/series': {
      const from = String(s['from']);
      if (Number.isNaN(Date.parse(from))) return seed;
      const days = Math.abs(Number.parseInt(String(s['to']).slice(8, 10), 10) || 0) % 20;
      return { ...s, to: new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10) };
    }
    default:
      return seed;
  }
}

/** The level a report id belongs to, so that a valid report query names something that exists. */
function reportQuery(route: FuzzRoute, seed: Record<string, unknown>): Record<string, unknown> {
  if (!('level' in seed) || !('id' in seed)) return seed;
  const ids: Record<string, string[]> = { grid: ['g1', 'g2', 'g3'], community: ['c1', 'c2'], street: ['s1'], district: ['demo'] };
  const choices = ids[String(seed['level'])] ?? [];
  const pick = choices[String(seed['id']).length % Math.max(choices.length, 1)];
  return route.key.startsWith('GET /v1/reports') && pick ? { ...seed, id: pick } : seed;
}

const contentTypes = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constantFrom(
    'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'application/json; charset=utf-16',
    'application/json; charset=latin1', 'application/octet-stream', 'application/*', '*/*', 'text/csv', 'json', '', ';;;', 'application/json, text/plain',
    'application/merge-patch+json',
  ) },
);

/** A path segment that is not a valid id: bad percent-encoding, separators, traversal, too long, wrong prefix… */
const oddSegments: fc.Arbitrary<{ segment: string; label: string }> = fc.oneof(
  fc.constantFrom(
    '%', '%Z', '%ZZ', '%E0%A4%A', '%C0%AF', '%FF', '%ED%A0%80', '%F0%9F%98', '%00', '%2e%2e', '.', '%2F', '%2Fetc%2Fpasswd', '%5C', '%23', '%3F', '%20',
    '%09', '+', '~', 'a;b', 'a,b', "a'b", '%F0%9F%98%B7', '%E5%BC%A0', '-abc', '_abc', '.abc', 'p_short', 'P_abcdefghijklmnopqrstu', 'p_abcdefghijklmno',
    `p_${'a'.repeat(65)}`, 'a%23b', 'DEL%23x',
  ).map((segment) => ({ segment, label: 'odd-param' })),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((s) => ({ segment: encodeURIComponent(s.toWellFormed()), label: 'unicode-param' })),
  fc.integer({ min: 65, max: 3_000 }).map((n) => ({ segment: 'a'.repeat(n), label: 'long-param' })),
);

const oddQueryValues: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...specialStrings),
  fc.constantFrom(...boundaryNumbers.map((n) => (n instanceof RawJson ? n.text : String(n)))),
  fc.constantFrom('grid', 'GRID', 'grid ', 'city', 'building', 'queued', 'QUEUED', 'lost', '0', '201', '200', '1', '-1', '1.5', '1e2', '0x10', ' 50', '50abc', '9'.repeat(400)),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 100, max: 3_000 }).map((n) => 'a'.repeat(n)),
);

type Pairs = readonly (readonly [string, string])[];

function encodePairs(pairs: Pairs): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k.toWellFormed())}=${encodeURIComponent(v.toWellFormed())}`).join('&');
}

/** A query string: the valid one, or one edited (a key dropped, added or repeated, an odd value, raw junk). */
function queryArbitrary(route: FuzzRoute, context: FuzzContext): fc.Arbitrary<{ query: string; label?: string }> {
  const schema = jsonSchemaOf(route.contract.query);
  if (!schema) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant({ query: '' }) },
      { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), oddQueryValues).map(([k, v]) => ({ query: `?${encodePairs([[k, v]])}`, label: 'stray-query' })) },
      { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?=', '?a', '?%ZZ=%', '?a=1&a=2', '?__proto__=1').map((query) => ({ query, label: 'junk-query' })) },
    );
  }
  const seed = arbitraryOf(schema, overridesFor(context)).map((q) => fixUp(route, q) as Record<string, unknown>)
    .map((q) => reportQuery(route, q))
    .map((q): Pairs => Object.entries(q).map(([k, v]) => [k, String(v)] as const));
  const edited = seed.chain((pairs) => {
    const options: fc.Arbitrary<{ pairs: Pairs; raw?: string; label: string }>[] = [
      fc.tuple(fc.string({ maxLength: 10 }), oddQueryValues).map(([k, v]) => ({ pairs: [...pairs, [k, v] as const], label: 'extra-param' })),
      fc.constantFrom('?', '&&', '=', '&=x', '&a', '&%ZZ=%', '&level', '&date=', '&__proto__=x', '&constructor[x]=1').map((raw) => ({ pairs, raw, label: 'raw-query' })),
    ];
    if (pairs.length > 0) {
      const index = fc.integer({ min: 0, max: pairs.length - 1 });
      options.push(
        index.map((i) => ({ pairs: pairs.filter((_, j) => j !== i), label: 'drop-param' })),
        fc.tuple(index, oddQueryValues).map(([i, v]) => ({ pairs: pairs.map((p, j) => (j === i ? [p[0], v] as const : p)), label: 'odd-param-value' })),
        index.map((i) => ({ pairs: [...pairs, pairs[i]!], label: 'repeated-param' })),
        index.map((i) => ({ pairs: pairs.map((p, j) => (j === i ? [p[0].toUpperCase(), p[1]] as const : p)), label: 'key-case' })),
      );
    }
    return fc.oneof(...options);
  });
  return fc.oneof(
    { weight: 3, arbitrary: seed.map((pairs) => ({ query: pairs.length > 0 ? `?${encodePairs(pairs)}` : '' })) },
    { weight: 7, arbitrary: edited.map(({ pairs, raw, label }) => ({ query: `?${encodePairs(pairs)}${raw ?? ''}`, label })) },
  );
}

/** Path parameters: mostly valid (known and unknown ids), sometimes odd. */
function targetArbitrary(route: FuzzRoute, context: FuzzContext, unknown: ReadonlySet<string> = new Set()): fc.Arbitrary<{ path: string; labels: string[] }> {
  const schema = jsonSchemaOf(route.contract.params);
  if (!schema || route.names.length === 0) return fc.constant({ path: route.path, labels: [] });
  const valid = arbitraryOf(schema, overridesFor(context, unknown)) as fc.Arbitrary<Record<string, unknown>>;
  const odd = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: unknown.size > 0 ? 0 : 1, arbitrary: oddSegments });
  return fc.tuple(valid, fc.array(odd, { minLength: route.names.length, maxLength: route.names.length })).map(([params, odds]) => {
    const labels: string[] = [];
    let i = 0;
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const o = odds[i++];
      if (o) {
        labels.push(o.label);
        return o.segment;
      }
      return encodeURIComponent(String(params[name]));
    });
    return { path, labels };
  });
}

/** Bytes that are not UTF-8 spliced into a JSON text. */
function invalidUtf8(text: string): fc.Arbitrary<readonly number[]> {
  return fc.tuple(fc.integer({ min: 0, max: text.length }), fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xfe, 0xff]))
    .map(([at, bad]) => {
      const bytes = Buffer.from(text, 'utf8');
      const cut = Math.min(Buffer.byteLength(text.slice(0, at), 'utf8'), bytes.length);
      return [...bytes.subarray(0, cut), ...bad, ...bytes.subarray(cut)];
    });
}

/** Bodies for a route: a valid seed edited, broken JSON, other roots, oversize, empty, not UTF-8, or the seed as it is. */
function bodyArbitrary(route: FuzzRoute, context: FuzzContext): fc.Arbitrary<{ body?: FuzzBody; label: string }> {
  const schema = jsonSchemaOf(route.contract.body);
  const oversize = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 4_096 }).map((k) => ({ body: { padTo: route.limit + k }, label: 'over-limit' })) },
    { weight: 3, arbitrary: fc.constant({ body: { padTo: route.limit }, label: 'at-limit' }) },
    { weight: route.limit < gatewayMaxBytes && route.limit > 1024 * 1024 ? 1 : 0, arbitrary: fc.constant({ body: { padTo: gatewayMaxBytes + 1 }, label: 'over-gateway-limit' }) },
  );
  if (!schema) {
    // GET routes: no body, or one that must not matter (or be refused as malformed).
    return fc.oneof(
      { weight: 40, arbitrary: fc.constant({ label: 'no-body' }) },
      { weight: 2, arbitrary: nonObjectRoots.map((text) => ({ body: { text }, label: 'body-on-get' })) },
      { weight: 2, arbitrary: brokenJson('{"a":1}').map(({ text, label }) => ({ body: { text }, label: `body-on-get:${label}` })) },
      { weight: 1, arbitrary: oversize },
    );
  }
  const seed = arbitraryOf(schema, overridesFor(context)).map((s) => fixUp(route, s) as Json);
  return fc.oneof(
    { weight: 60, arbitrary: seed.chain((s) => mutations(s, schema)).map(({ value, label }) => ({ body: { text: serialize(value) }, label })) },
    { weight: 10, arbitrary: seed.chain((s) => brokenJson(serialize(s))).map(({ text, label }) => ({ body: { text }, label: `broken-json:${label}` })) },
    { weight: 5, arbitrary: nonObjectRoots.map((text) => ({ body: { text }, label: 'non-object-root' })) },
    { weight: 4, arbitrary: oversize },
    { weight: 3, arbitrary: fc.constantFrom<{ body?: FuzzBody; label: string }>({ label: 'no-body' }, { body: { text: '' }, label: 'empty-body' }, { body: { text: ' \n\t' }, label: 'blank-body' }) },
    { weight: 3, arbitrary: seed.chain((s) => mutations(s, schema)).chain(({ value }) => invalidUtf8(serialize(value))).map((bytes) => ({ body: { bytes }, label: 'invalid-utf8' })) },
    { weight: 5, arbitrary: seed.map((s) => ({ body: { text: serialize(s) }, label: 'valid-body' })) },
  );
}

/** Fields that, set to ids that do not exist, make a schema-valid body one the handler must refuse. */
const semanticUnknowns: Readonly<Record<string, { readonly body?: readonly string[]; readonly params?: readonly string[] }>> = {
  'POST /v1/residents': { body: ['buildingId'] },
  'POST /v1/scans': { body: ['checkpointId'] },
  'POST /v1/cases': { body: ['personId'] },
  'POST /v1/cases/{caseId}/release': { params: ['caseId'] },
  'POST /v1/grid-logs': { body: ['gridId'] },
  'POST /v1/deliveries': { body: ['buildingId'] },
  'POST /v1/group-buys': { body: ['gridId'] },
  'POST /v1/deliveries/{deliveryId}/events': { params: ['deliveryId'] },
};

/** Schema-valid requests that name things that do not exist (or another district): refused by the handler. */
function semanticArbitrary(route: FuzzRoute, context: FuzzContext): fc.Arbitrary<Omit<FuzzRequest, 'role'>> | undefined {
  const bodySchema = jsonSchemaOf(route.contract.body);
  if (route.key === 'PUT /v1/registry' && bodySchema) {
    return arbitraryOf(bodySchema, overridesFor(context)).map((doc) => {
      const d = doc as { district: Record<string, unknown> };
      return {
        route: route.key, method: route.method, target: route.path, contentType: 'application/json',
        body: { text: JSON.stringify({ ...d, district: { ...d.district, id: 'zz-other-district' } }) }, labels: ['semantic:other-district'], semantic: true,
      };
    }).filter((r) => dispatch({ ...r, role: 'admin' }).reachesHandler);
  }
  const spec = semanticUnknowns[route.key];
  if (!spec) return undefined;
  const unknownBody = new Set(spec.body ?? []);
  const body = bodySchema ? arbitraryOf(bodySchema, overridesFor(context, unknownBody)).map((b) => fixUp(route, b)) : fc.constant(undefined);
  return fc.tuple(body, targetArbitrary(route, context, new Set(spec.params ?? []))).map(([b, t]) => ({
    route: route.key, method: route.method, target: t.path, contentType: 'application/json',
    ...(b === undefined ? {} : { body: { text: JSON.stringify(b) } }),
    labels: [`semantic:unknown-${[...(spec.body ?? []), ...(spec.params ?? [])].join('-')}`], semantic: true,
  })).filter((r) => dispatch({ ...r, role: route.roles[0]! }).reachesHandler);
}

const otherMethods: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/**
 * Malformed, oversized, wrongly typed and boundary requests for one route, each sent with a token of
 * a role the manifest allows. Every request that could reach a writing handler is refused here, so
 * whatever the run stores is a bug; schema-valid requests go only to routes that read.
 */
export function requestArbitrary(route: FuzzRoute, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const role = fc.constantFrom(...route.roles);
  const semantic = semanticArbitrary(route, context);
  const method = fc.oneof(
    { weight: 40, arbitrary: fc.constant({ method: route.method as string, label: undefined as string | undefined }) },
    { weight: 1, arbitrary: fc.constantFrom(...otherMethods.filter((m) => m !== route.method)).map((m) => ({ method: m, label: 'other-method' })) },
  );
  const malformed = fc.record({
    role, method, target: targetArbitrary(route, context), query: queryArbitrary(route, context), body: bodyArbitrary(route, context),
    contentType: contentTypes, accept: fc.constantFrom(undefined, undefined, undefined, 'text/csv', 'application/xml', '*/*'),
  }).map(({ role: r, method: m, target, query, body, contentType, accept }): FuzzRequest => ({
    route: route.key,
    method: m.method,
    target: `${target.path}${query.query}`,
    role: r,
    ...(contentType === undefined ? {} : { contentType }),
    ...(accept === undefined ? {} : { accept }),
    ...(body.body === undefined ? {} : { body: body.body }),
    labels: [body.label, ...target.labels, ...(query.label ? [query.label] : []), ...(m.label ? [m.label] : [])],
    semantic: false,
  }));
  const cases = semantic
    ? fc.oneof({ weight: 12, arbitrary: malformed }, { weight: 1, arbitrary: fc.tuple(semantic, role).map(([s, r]): FuzzRequest => ({ ...s, role: r })) })
    : malformed;
  // The guard that keeps the run honest: nothing valid goes to a route that writes.
  return cases.filter((request) => request.semantic || !mayStore(request));
}
