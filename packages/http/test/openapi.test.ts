import { describe, expect, it } from 'vitest';
import { defaultMaxBodyBytes, districtService, functions } from '@firstline/service';
import { contractProblems, openApiDocument, openApiHandler } from '../src/openapi.ts';

describe('OpenAPI', () => {
  it('has a contract for every declared route and a route for every contract', () => {
    expect(contractProblems()).toEqual([]);
  });

  it('describes every route with its roles, parameters and request body', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { 'x-roles': string[]; parameters: { name: string; in: string }[]; requestBody?: unknown }>> };

    expect(doc.openapi).toBe('3.1.0');
    for (const fn of functions) {
      for (const route of fn.routes ?? []) {
        const op = doc.paths[route.path]?.[route.method.toLowerCase()];
        expect(op, `${route.method} ${route.path}`).toBeDefined();
        expect(op!['x-roles']).toEqual(route.roles);
        for (const name of route.path.match(/\{(\w+)\}/g) ?? []) {
          expect(op!.parameters).toContainEqual(expect.objectContaining({ name: name.slice(1, -1), in: 'path' }));
        }
      }
    }
    expect(doc.paths['/v1/scans']!['post']!.requestBody).toMatchObject({
      content: { 'application/json': { schema: { properties: { scans: { minItems: 1, maxItems: 100 } } } } },
    });
  });
});

describe('openApiHandler', () => {
  it('answers the document, and refuses a body over the limit as every route does', async () => {
    const handler = openApiHandler(districtService);

    const ok = await handler({});
    const tooLarge = await handler({ body: 'x'.repeat(defaultMaxBodyBytes + 1) });

    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ openapi: '3.1.0', info: { title: 'Firstline district API' } });
    expect(tooLarge.statusCode).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ error: { code: 'too-large' } });
  });
});
