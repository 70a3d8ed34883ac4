import { describe, expect, it } from 'vitest';
import { cityService, defaultMaxBodyBytes, districtService, functions } from '@firstline/service';
import type { RouteContract } from '@firstline/schemas';
import { contracts } from '@firstline/schemas';
import { contractProblems, openApiDocument, openApiHandler } from '../src/openapi.ts';

type Operation = { responses: Record<string, { content?: Record<string, { schema: { type?: string; properties?: object } }> }> };
type Document = { servers: { url: string }[]; paths: Record<string, Record<string, Operation>> };

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

  it('describes the success body of every route with its contract\'s response schema, and CSV where a route offers it', () => {
    for (const service of [districtService, cityService]) {
      const doc = openApiDocument(service) as Document;
      for (const fn of service.functions) {
        for (const route of fn.routes ?? []) {
          const contract = (contracts as Record<string, RouteContract>)[`${route.method} ${route.path}`]!;
          const content = doc.paths[route.path]![route.method.toLowerCase()]!.responses[String(contract.status)]!.content!;

          expect(content['application/json']!.schema, `${route.method} ${route.path}`).toMatchObject({ type: 'object' });
          expect(Object.keys(content)).toEqual(contract.csv ? ['application/json', 'text/csv'] : ['application/json']);
        }
      }
    }
    const daily = (openApiDocument() as Document).paths['/v1/reports/daily']!['get']!.responses['200']!.content!['application/json']!.schema;
    expect(Object.keys(daily.properties!)).toEqual(expect.arrayContaining(['level', 'final', 'scans', 'epidemicFree', 'children']));
  });

  it('names where the routes are: the stack\'s own root, and a district\'s mount on the city\'s site', () => {
    expect((openApiDocument(districtService, 'riverside') as Document).servers.map((s) => s.url)).toEqual(['/', '/districts/riverside']);
    expect((openApiDocument(districtService) as Document).servers.map((s) => s.url)).toEqual(['/']);
    expect((openApiDocument(cityService, 'city') as Document).servers.map((s) => s.url)).toEqual(['/']);
  });
});

describe('openApiHandler', () => {
  it('answers the document, and refuses a body over the limit as every route does', async () => {
    const handler = openApiHandler(districtService, 'demo');

    const ok = await handler({});
    const tooLarge = await handler({ body: 'x'.repeat(defaultMaxBodyBytes + 1) });

    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ openapi: '3.1.0', info: { title: 'Firstline district API' }, servers: [{ url: '/' }, { url: '/districts/demo' }] });
    expect(tooLarge.statusCode).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ error: { code: 'too-large' } });
  });
});
