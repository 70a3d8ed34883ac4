import { describe, expect, it } from 'vitest';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { openApiDocument } from '@firstline/http/openapi';
import type { ServiceManifest } from '@firstline/service';
import { cityService, districtService } from '@firstline/service';

/**
 * Redocly's recommended ruleset, as a scanner vendor or city IT would run it before generating a
 * client, with one rule off: `info-license` (a warning) asks for the licence the API is offered
 * under, and this private project offers it under none, so naming one would be a false claim.
 */
const lintConfig = () => createConfig({ extends: ['recommended'], rules: { 'info-license': 'off' } });

async function problemsOf(document: unknown) {
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/openapi.json', config: await lintConfig() });
  return problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
}

describe('the served OpenAPI documents under the recommended lint rules', () => {
  it.each<[string, ServiceManifest, string | undefined]>([
    ['a district, its id known', districtService, 'demo'],
    ['a district, its id unknown', districtService, undefined],
    ['the city', cityService, 'city'],
  ])('%s: no error and no warning', async (_, service, stackId) => {
    expect(await problemsOf(openApiDocument(service, stackId))).toEqual([]);
  });

  it('the linter sees what the issue reported: a document without servers fails no-empty-servers', async () => {
    const { servers: _servers, ...withoutServers } = openApiDocument(districtService, 'demo');

    expect(await problemsOf(withoutServers)).toEqual([expect.stringMatching(/^error no-empty-servers:/)]);
  });
});
