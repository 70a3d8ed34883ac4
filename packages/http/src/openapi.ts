import * as z from 'zod';
import type { RouteContract } from '@firstline/schemas';
import { contracts } from '@firstline/schemas';
import type { ServiceManifest } from '@firstline/service';
import { defaultMaxBodyBytes, districtService, services } from '@firstline/service';
import { errorBody as apiErrorBody, TooLargeError } from './errors.ts';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });

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

/** The OpenAPI 3.1 document of a district (or the city) stack, generated from the route contracts and the manifest. */
export function openApiDocument(service: ServiceManifest = districtService): Record<string, unknown> {
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
          [String(contract.status)]: {
            description: 'success',
            ...(contract.response ? { content: { 'application/json': { schema: jsonSchema(contract.response) } } } : {}),
          },
          ...errors,
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: `Firstline ${service.kind} API`, version: '1' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: { Error: { description: 'error', content: { 'application/json': { schema: jsonSchema(errorBody) } } } },
    },
  };
}

/**
 * The public `GET /openapi.json` of a stack: no token, the document built once per container. It
 * reads no body, but refuses one over the limit as every route does.
 */
export function openApiHandler(service: ServiceManifest) {
  const body = JSON.stringify(openApiDocument(service));
  const json = { 'content-type': 'application/json; charset=utf-8' };
  return async (event: { body?: string; isBase64Encoded?: boolean }) => {
    const size = Buffer.byteLength(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (size > defaultMaxBodyBytes) return { statusCode: 413, headers: json, body: JSON.stringify(apiErrorBody(new TooLargeError(defaultMaxBodyBytes))) };
    return { statusCode: 200, headers: { ...json, 'cache-control': 'max-age=300' }, body };
  };
}
