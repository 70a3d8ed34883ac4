import * as z from 'zod';
import type { RouteContract } from '@firstline/schemas';
import { contracts } from '@firstline/schemas';
import type { ServiceManifest } from '@firstline/service';
import { defaultMaxBodyBytes, districtService, envNames, services } from '@firstline/service';
import { errorBody as apiErrorBody, TooLargeError } from './errors.ts';

/** A request is described as the schema accepts it (`input`), a response as the handler sends it (`output`). */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const errorBody = z.object({
  error: z.object({
    code: z.enum(['validation', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'too-large', 'throttled', 'internal']),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** Declared routes without a contract, and contracts without a declared route: both fail the build. */
export function contractProblems(): string[] {
  const declared = new Set(Object.values(services).flatMap((s) => s.functions.flatMap((f) => (f.routes ?? []).map((r) => `${r.method} ${r.path}`))));
  const described = new Set(Object.keys(contracts));
  return [
    ...[...declared].filter((k) => !described.has(k)).map((k) => `route ${k} has no contract`),
    ...[...described].filter((k) => !declared.has(k)).map((k) => `contract ${k} has no route in the manifest`),
  ];
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const properties = (jsonSchema(schema).properties ?? {}) as Record<string, object>;
  const required = new Set((jsonSchema(schema).required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: s }));
}

/**
 * Where the routes are. Relative URLs (OpenAPI 3.1 resolves them against the address the document
 * was fetched from), because one stack answers at several: its own endpoint, where the routes sit
 * at the root, and, for a district, the city's command-center site (and `pnpm dev`), which mounts
 * it under `/districts/<id>` and takes the prefix off. The city's routes keep their `/v1/city`
 * prefix on the site, so the root serves for the city everywhere.
 */
function serversOf(service: ServiceManifest, stackId: string | undefined) {
  const own = { url: '/', description: `this ${service.kind} stack's own endpoint` };
  if (service.kind !== 'district' || !stackId) return [own];
  return [own, { url: `/districts/${encodeURIComponent(stackId)}`, description: `district ${stackId} through the city's command-center site` }];
}

/** A route's success answer: its JSON body, and CSV where the route offers it. */
function successContent(contract: RouteContract) {
  return {
    'application/json': { schema: jsonSchema(contract.response, 'output') },
    ...(contract.csv ? { 'text/csv': { schema: { type: 'string', description: 'the same rows as CSV, one line per unit (Accept: text/csv)' } } } : {}),
  };
}

/**
 * The OpenAPI 3.1 document of a district (or the city) stack, generated from the route contracts
 * and the manifest; `stackId` (the district's id) adds the district's mount on the city's site.
 */
export function openApiDocument(service: ServiceManifest = districtService, stackId?: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const fn of service.functions) {
    for (const route of fn.routes ?? []) {
      const contract = (contracts as Record<string, RouteContract>)[`${route.method} ${route.path}`];
      if (!contract) continue;
      const errors = Object.fromEntries([400, 401, 403, 404, 409, 413, 429, 500].map((status) => [String(status), { $ref: '#/components/responses/Error' }]));
      (paths[route.path] ??= {})[route.method.toLowerCase()] = {
        operationId: fn.name,
        summary: contract.summary,
        'x-roles': route.roles,
        security: route.public ? [] : [{ bearer: [] }],
        parameters: [...parameters(contract.params, 'path'), ...parameters(contract.query, 'query')],
        ...(contract.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(contract.body) } } } } : {}),
        responses: {
          [String(contract.status)]: { description: 'success', content: successContent(contract) },
          ...errors,
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: `Firstline ${service.kind} API`, version: '1' },
    servers: serversOf(service, stackId),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: { Error: { description: 'error', content: { 'application/json': { schema: jsonSchema(errorBody) } } } },
    },
  };
}

/**
 * The public `GET /openapi.json` of a stack: no token, the document built once per container (with
 * the stack's id from its environment). It reads no body, but refuses one over the limit as every
 * route does.
 */
export function openApiHandler(service: ServiceManifest, stackId = process.env[envNames.district]) {
  const body = JSON.stringify(openApiDocument(service, stackId));
  const json = { 'content-type': 'application/json; charset=utf-8' };
  return async (event: { body?: string; isBase64Encoded?: boolean }) => {
    const size = Buffer.byteLength(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (size > defaultMaxBodyBytes) return { statusCode: 413, headers: json, body: JSON.stringify(apiErrorBody(new TooLargeError(defaultMaxBodyBytes))) };
    return { statusCode: 200, headers: { ...json, 'cache-control': 'max-age=300' }, body };
  };
}
