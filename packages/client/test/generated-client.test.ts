import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiHandler } from '@firstline/http/openapi';
import type { RouteContract } from '@firstline/schemas';
import { contracts } from '@firstline/schemas';
import type { ServiceManifest } from '@firstline/service';
import { cityService, districtService } from '@firstline/service';

/**
 * A scanner vendor's view of the API: a client generated with openapi-typescript from the document
 * a stack serves, called through openapi-fetch for every operation, type-checked with tsc. Each
 * call's success body must be a real type (not `never` or `unknown`) and the very type our
 * contracts give (`RouteResponse`), and what our typed client sends must be what the generated
 * one accepts, so the document, the schemas and `FirstlineClient` cannot drift apart.
 */
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageDir, '../..');

interface Operation {
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly contract: RouteContract;
}

type ServedDocument = { paths: Record<string, Record<string, unknown>> };

async function served(service: ServiceManifest, stackId: string): Promise<ServedDocument> {
  const answer = await openApiHandler(service, stackId)({});
  return JSON.parse(answer.body) as ServedDocument;
}

function operationsOf(document: ServedDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => {
    const key = `${m.toUpperCase()} ${path}`;
    const contract = (contracts as Record<string, RouteContract>)[key];
    if (!contract) throw new Error(`the document has ${key}, which no contract describes`);
    return { key, method: m.toUpperCase(), path, contract };
  }));
}

/** One typed call of an operation through openapi-fetch, with the input our own client would send. */
function callOf(api: string, op: Operation): string {
  const params = [op.contract.params ? 'path: input.params' : '', op.contract.query ? 'query: input.query' : ''].filter(Boolean);
  const init = [params.length ? `params: { ${params.join(', ')} }` : '', op.contract.body ? 'body: input.body' : ''].filter(Boolean);
  const key = JSON.stringify(op.key);
  return [
    `export async function ${api}${op.method}${op.path.replace(/[^A-Za-z0-9]+/g, '_')}() {`,
    `  const input = {} as RouteInput<${key}>;`,
    `  const { data } = await ${api}.${op.method}(${JSON.stringify(op.path)}${init.length ? `, { ${init.join(', ')} }` : ''});`,
    '  type Body = NonNullable<typeof data>;',
    `  const useful: Useful<Body> = true; // ${op.key}: the generated success body is a real type`,
    `  const same: Same<Body, RouteResponse<${key}>> = true; // ${op.key}: the generated body is the contract's`,
    '  return [input, useful, same];',
    '}',
  ].join('\n');
}

function checkFile(clients: readonly { api: string; module: string; operations: readonly Operation[] }[]): string {
  return [
    "import createClient from 'openapi-fetch';",
    `import type { RouteResponse } from '@firstline/schemas';`,
    "import type { RouteInput } from '@firstline/client';",
    ...clients.map((c) => `import type { paths as ${c.api}Paths } from './${c.module}';`),
    'type Useful<T> = unknown extends T ? false : [T] extends [never] ? false : true;',
    'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
    ...clients.map((c) => `const ${c.api} = createClient<${c.api}Paths, 'application/json'>({ baseUrl: 'http://stack' });`),
    ...clients.flatMap((c) => c.operations.map((op) => callOf(c.api, op))),
  ].join('\n');
}

/** Type-checks the files with the repository's compiler options; the problems, as `file:line: message`. */
function typeErrors(dir: string, files: readonly string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(repoRoot, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram(files.map((f) => join(dir, f)), {
    ...config.options, noEmit: true, noUnusedLocals: false, typeRoots: [join(repoRoot, 'node_modules/@types')],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    const line = d.file ? d.file.text.split('\n')[d.file.getLineAndCharacterOfPosition(d.start ?? 0).line]!.trim() : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')} [${line}]`;
  });
}

describe('a client generated from the served OpenAPI documents', () => {
  let dir: string;
  let errors: string[];
  let operations: Operation[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firstline-generated-client-'));
    // The generated code imports openapi-fetch, our client and our schemas as packages, as a vendor's project would.
    await mkdir(join(dir, 'node_modules/@firstline'), { recursive: true });
    await symlink(join(packageDir, 'node_modules/openapi-fetch'), join(dir, 'node_modules/openapi-fetch'), 'dir');
    await symlink(join(packageDir, 'node_modules/@firstline/schemas'), join(dir, 'node_modules/@firstline/schemas'), 'dir');
    await symlink(packageDir, join(dir, 'node_modules/@firstline/client'), 'dir');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    const district = await served(districtService, 'demo');
    const city = await served(cityService, 'city');
    await writeFile(join(dir, 'district-api.ts'), astToString(await openapiTS(district as never)));
    await writeFile(join(dir, 'city-api.ts'), astToString(await openapiTS(city as never)));
    operations = [...operationsOf(district), ...operationsOf(city).filter((op) => op.key !== 'GET /openapi.json')];
    await writeFile(join(dir, 'calls.ts'), checkFile([
      { api: 'districtApi', module: 'district-api.ts', operations: operationsOf(district) },
      { api: 'cityApi', module: 'city-api.ts', operations: operationsOf(city) },
    ]));

    // The same check against a document whose success body of one route was left out, as 13 were.
    const { content: _content, ...withoutBody } = (district.paths['/v1/group-buys']!['post'] as { responses: Record<string, { content: unknown }> }).responses['202']!;
    const broken = structuredClone(district) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    broken.paths['/v1/group-buys']!['post']!.responses['202'] = withoutBody;
    await writeFile(join(dir, 'broken-api.ts'), astToString(await openapiTS(broken as never)));
    await writeFile(join(dir, 'broken-calls.ts'), checkFile([{ api: 'brokenApi', module: 'broken-api.ts', operations: operationsOf(broken as ServedDocument) }]));

    errors = typeErrors(dir, ['calls.ts', 'broken-calls.ts']);
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has an operation for every route contract', () => {
    expect(operations.map((op) => op.key).sort()).toEqual(Object.keys(contracts).sort());
  });

  it('type-checks a call of every route, each answering its contract\'s response type', () => {
    expect(errors.filter((e) => !e.startsWith('broken-'))).toEqual([]);
  });

  it('fails the check for a route whose success body the document leaves out', () => {
    const broken = errors.filter((e) => e.startsWith('broken-calls.ts'));

    expect(broken).toEqual([
      expect.stringContaining('POST /v1/group-buys: the generated success body is a real type'),
      expect.stringContaining('POST /v1/group-buys: the generated body is the contract\'s'),
    ]);
  });
});
