import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiReference, apiReferenceFile, documentSection } from './api-reference.ts';

describe('docs/API.md', () => {
  it('is what the OpenAPI documents say today (pnpm docs:api writes it)', () => {
    const written = readFileSync(apiReferenceFile, 'utf8');

    expect(written === apiReference(), 'docs/API.md is stale: run pnpm docs:api and commit docs/API.md').toBe(true);
  });
});

describe('documentSection', () => {
  const document = {
    openapi: '3.1.0',
    info: { title: 'Test API', version: '1' },
    servers: [{ url: '/', description: 'here' }],
    paths: {
      '/v1/things/{thingId}': {
        put: {
          operationId: 'put-thing', summary: 'Upsert a thing', 'x-roles': ['admin'], security: [{ bearer: [] }],
          parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 } }],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object', required: ['parts'],
                  properties: {
                    parts: { type: 'array', minItems: 1, items: { $ref: '#/$defs/part' } },
                    at: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
                    limit: { anyOf: [{ type: 'object', required: ['per'], properties: { per: { type: 'integer', minimum: 1, maximum: 9007199254740991 } } }, { type: 'null' }] },
                  },
                  $defs: { part: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['a', 'b|c'] } } } },
                },
              },
            },
          },
          responses: { '200': { description: 'success', content: { 'text/csv': { schema: { type: 'string', description: 'the same as CSV' } } } }, '400': { $ref: '#/components/responses/Error' } },
        },
      },
    },
    components: { responses: { Error: { description: 'error', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } } } } } },
  };

  it('lists each route with its roles, parameters and every field of its bodies, nested ones by path', () => {
    const text = documentSection(document, 'Test stack').join('\n');

    expect(text).toContain('| `PUT /v1/things/{thingId}` | admin | Upsert a thing |');
    expect(text).toContain('| `thingId` | path | string | yes | 1 to 64 characters |');
    expect(text).toContain('| `parts` | array of object | yes | at least 1 item |');
    expect(text).toContain('| `parts[].kind` | `"a"` \\| `"b\\|c"` | yes |  |');
    expect(text).toContain('| `limit` | object \\| null |  |  |');
    expect(text).toContain('| `at` | string |  | pattern `^([01]\\d\\|2[0-3]):[0-5]\\d$` |');
    expect(text).toContain('| `limit.per` | integer | yes | at least 1 |');
    expect(text).toContain('As `text/csv`: the same as CSV.');
    expect(text).toContain('| `error` | string |  |  |');
    expect(text).toContain('Errors: 400, each with the error body.');
  });
});
