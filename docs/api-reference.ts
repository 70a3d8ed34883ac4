import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// By path: the repository root is no workspace package, and these are the very modules that build
// the document each stack serves at /openapi.json.
import { openApiDocument } from '../packages/http/src/openapi.ts';
import { cityService, districtService } from '../packages/service/src/manifest.ts';

/**
 * docs/API.md, the API reference, rendered from the OpenAPI documents the stacks serve
 * (`pnpm docs:api` writes it; a unit test fails when the file and the documents differ).
 */

type Json = Record<string, unknown>;
type Schema = Json;

export const apiReferenceFile = fileURLToPath(new URL('./API.md', import.meta.url));

/** A JSON Schema as rows of a field table: dotted paths, `[]` for array items. */
interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly notes: string;
}

/** Inline code for a table cell, where `|` would end the cell. */
const code = (text: string) => `\`${text.replaceAll('|', '\\|')}\``;
/** Notes are plain text with inline code, escaped once as a whole when they become a cell. */
const cellText = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** JavaScript's safe-integer bounds: zod's default for an integer, not a limit worth printing. */
const unbounded = (n: unknown) => typeof n === 'number' && Math.abs(n) >= Number.MAX_SAFE_INTEGER;

class Renderer {
  readonly #document: Json;

  constructor(document: Json) {
    this.#document = document;
  }

  /** `#/components/...` references of the document, and `#/$defs/...` of the schema they sit in. */
  resolve(schema: Schema, root: Schema): Schema {
    const ref = schema['$ref'];
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
    const fromDocument = ref.startsWith('#/components/');
    let node: unknown = fromDocument ? this.#document : root;
    for (const part of ref.slice(2).split('/')) node = (node as Json | undefined)?.[part];
    return node && typeof node === 'object' ? this.resolve(node as Schema, fromDocument ? (node as Schema) : root) : schema;
  }

  type(schema: Schema, root: Schema): string {
    const s = this.resolve(schema, root);
    if ('const' in s) return code(JSON.stringify(s['const']));
    if (Array.isArray(s['enum'])) return (s['enum'] as unknown[]).map((v) => code(JSON.stringify(v))).join(' \\| ');
    const variants = (s['anyOf'] ?? s['oneOf']) as Schema[] | undefined;
    if (variants) return variants.map((v) => this.type(v, root)).join(' \\| ');
    const type = s['type'];
    if (Array.isArray(type)) return type.join(' \\| ');
    if (type === 'array') return `array of ${this.type((s['items'] as Schema | undefined) ?? {}, root)}`;
    if (type === 'object' && !s['properties'] && s['additionalProperties'] && typeof s['additionalProperties'] === 'object') {
      const keys = s['propertyNames'] as Schema | undefined;
      return `map${keys ? ` of ${this.type(keys, root)}` : ''} to ${this.type(s['additionalProperties'] as Schema, root)}`;
    }
    return typeof type === 'string' ? type : 'any';
  }

  notes(schema: Schema, root: Schema): string {
    const s = this.resolve(schema, root);
    const notes: string[] = [];
    const range = (low: unknown, high: unknown, unit = '') => {
      const lowShown = low !== undefined && !unbounded(low);
      const highShown = high !== undefined && !unbounded(high);
      const of = (n: unknown) => (unit && n !== 1 ? `${String(n)} ${unit}s` : unit ? `${String(n)} ${unit}` : String(n));
      if (lowShown && highShown) notes.push(low === high ? `exactly ${of(low)}` : `${String(low)} to ${of(high)}`);
      else if (lowShown) notes.push(`at least ${of(low)}`);
      else if (highShown) notes.push(`at most ${of(high)}`);
    };
    if (typeof s['description'] === 'string') notes.push(s['description']);
    if (typeof s['format'] === 'string') notes.push(`format ${s['format']}`);
    // A format says it better than the regular expression that checks it.
    else if (typeof s['pattern'] === 'string') notes.push(`pattern \`${s['pattern']}\``);
    range(s['minLength'], s['maxLength'], 'character');
    range(s['minimum'], s['maximum']);
    if (s['exclusiveMinimum'] !== undefined) notes.push(`above ${String(s['exclusiveMinimum'])}`);
    if (s['exclusiveMaximum'] !== undefined) notes.push(`below ${String(s['exclusiveMaximum'])}`);
    range(s['minItems'], s['maxItems'], 'item');
    if (s['default'] !== undefined) notes.push(`default \`${JSON.stringify(s['default'])}\``);
    return notes.join('; ');
  }

  /** One row per field, nested objects and arrays of objects flattened under their parent's path. */
  fields(schema: Schema, root: Schema, prefix = '', depth = 0): FieldRow[] {
    const s = this.resolve(schema, root);
    const properties = s['properties'] as Record<string, Schema> | undefined;
    if (!properties || depth > 8) return [];
    const required = new Set((s['required'] as string[] | undefined) ?? []);
    return Object.entries(properties).flatMap(([name, raw]) => {
      const field = this.resolve(raw, root);
      const path = `${prefix}${name}`;
      const items = field['type'] === 'array' ? this.resolve((field['items'] as Schema | undefined) ?? {}, root) : undefined;
      // An object that may also be null (`outings`) lists its fields as any object does.
      const variants = ((field['anyOf'] ?? field['oneOf']) as Schema[] | undefined)?.map((v) => this.resolve(v, root)).filter((v) => v['properties']) ?? [];
      const object = variants.length === 1 ? variants[0]! : field;
      const nested = items?.['properties'] ? this.fields(items, root, `${path}[].`, depth + 1) : this.fields(object, root, `${path}.`, depth + 1);
      const type = nested.length > 0 && !variants.length ? (items ? 'array of object' : 'object') : this.type(field, root);
      return [{ path, type, required: required.has(name), notes: this.notes(field, root) }, ...nested];
    });
  }

  table(schema: Schema): string[] {
    const rows = this.fields(schema, schema);
    if (rows.length === 0) return [`A ${this.type(schema, schema)}${this.notes(schema, schema) ? ` (${this.notes(schema, schema)})` : ''}.`];
    return [
      '| field | type | required | notes |',
      '|---|---|---|---|',
      ...rows.map((r) => `| ${code(r.path)} | ${r.type} | ${r.required ? 'yes' : ''} | ${cellText(r.notes)} |`),
    ];
  }

  parameters(parameters: Json[]): string[] {
    if (parameters.length === 0) return [];
    return [
      '| parameter | in | type | required | notes |',
      '|---|---|---|---|---|',
      ...parameters.map((p) => {
        const schema = (p['schema'] as Schema | undefined) ?? {};
        return `| ${code(String(p['name']))} | ${String(p['in'])} | ${this.type(schema, schema)} | ${p['required'] ? 'yes' : ''} | ${cellText(this.notes(schema, schema))} |`;
      }),
      '',
    ];
  }

  content(content: Json | undefined): string[] {
    return Object.entries(content ?? {}).flatMap(([mediaType, media]) => {
      const schema = (media as Json)['schema'] as Schema | undefined;
      if (mediaType !== 'application/json') return [`As ${code(mediaType)}: ${schema ? this.notes(schema, schema) || this.type(schema, schema) : 'a body'}.`, ''];
      return schema ? [...this.table(schema), ''] : [];
    });
  }

  operation(method: string, path: string, op: Json): string[] {
    const roles = (op['x-roles'] as string[] | undefined) ?? [];
    const publicRoute = Array.isArray(op['security']) && (op['security'] as unknown[]).length === 0;
    const responses = (op['responses'] as Record<string, Json | undefined>) ?? {};
    const successes = Object.entries(responses).filter(([status]) => status.startsWith('2'));
    const errors = Object.keys(responses).filter((status) => !status.startsWith('2'));
    const body = (op['requestBody'] as Json | undefined)?.['content'] as Json | undefined;
    return [
      `### ${code(`${method.toUpperCase()} ${path}`)}`,
      '',
      `${String(op['summary'] ?? '')}`,
      '',
      `${publicRoute ? 'No token.' : `Roles: ${roles.map(code).join(', ')}.`} Operation ${code(String(op['operationId']))}.`,
      '',
      ...this.parameters((op['parameters'] as Json[] | undefined) ?? []),
      ...(body ? ['**Request body**', '', ...this.content(body)] : []),
      ...successes.flatMap(([status, response]) => [`**${status}** ${String(response?.['description'] ?? '')}`.trimEnd(), '', ...this.content(response?.['content'] as Json | undefined)]),
      ...(errors.length > 0 ? [`Errors: ${errors.join(', ')}, each with the error body.`, ''] : []),
    ];
  }

  document(heading: string): string[] {
    const doc = this.#document;
    const info = doc['info'] as Json;
    const servers = (doc['servers'] as Json[] | undefined) ?? [];
    const paths = doc['paths'] as Record<string, Record<string, Json>>;
    const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method, path, op })));
    const errorSchema = this.resolve({ $ref: '#/components/responses/Error' }, {});
    return [
      `## ${heading}`,
      '',
      `${String(info['title'])}, version ${String(info['version'])} (OpenAPI ${String(doc['openapi'])}).`,
      '',
      ...(servers.length > 0 ? ['Servers:', '', ...servers.map((s) => `- ${code(String(s['url']))}${s['description'] ? `: ${String(s['description'])}` : ''}`), ''] : []),
      '| route | roles | what it does |',
      '|---|---|---|',
      ...operations.map(({ method, path, op }) => `| ${code(`${method.toUpperCase()} ${path}`)} | ${((op['x-roles'] as string[] | undefined) ?? []).join(', ') || 'no token'} | ${cellText(String(op['summary'] ?? ''))} |`),
      '',
      ...(errorSchema['content'] ? ['The error body of every route:', '', ...this.content(errorSchema['content'] as Json)] : []),
      ...operations.flatMap(({ method, path, op }) => this.operation(method, path, op)),
    ];
  }
}

/** What holds for every route, which a schema cannot say. */
const conventions = [
  '- JSON in and out, UTF-8. Times are ISO 8601 with an offset (`2020-03-12T09:00:00+08:00`); dates are',
  '  `YYYY-MM-DD` in the district\'s time zone.',
  '- Every create carries an id the client chose (`scanId`, `caseId`, `logId`, `deliveryId`, …): the same',
  '  id with the same body again returns the same answer and changes nothing; with another body it is `409`.',
  '- Every `/v1` route takes `Authorization: Bearer <JWT>` with the claims `role`, `district` and `scopes`',
  '  (the ids the bearer may act on; `*` for the whole district where the role allows it). Each route',
  '  below names the roles it accepts.',
  '- Bad input is a `4xx` with the error body, never a `500`; a write lost to concurrent writers after',
  '  retries is `409` or `503` with `Retry-After`.',
];

/** One OpenAPI document as a section of the reference: its servers, a route index, the error body, then each route. */
export function documentSection(document: Json, heading: string): string[] {
  return new Renderer(document).document(heading);
}

/** The whole reference, from the documents of a district stack and of the city stack. */
export function apiReference(): string {
  const lines = [
    '# Firstline HTTP API reference',
    '',
    '<!-- Generated by `pnpm docs:api` (docs/api-reference.ts) from the OpenAPI documents the stacks',
    '     serve at GET /openapi.json. Do not edit: the unit tests fail when this file is stale. -->',
    '',
    'Every stack serves its OpenAPI 3.1 document at `GET /openapi.json` (no token): a district stack for',
    'its district, the city stack for the city. This file is those two documents as a person reads',
    'them; [DESIGN.md](DESIGN.md) says what the system is for and how it is built.',
    '',
    '## Conventions',
    '',
    ...conventions,
    '',
    ...documentSection(openApiDocument(districtService, 'demo'), 'District stack'),
    ...documentSection(openApiDocument(cityService), 'City stack'),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(apiReferenceFile, apiReference());
  console.log(`wrote ${apiReferenceFile}`);
}
