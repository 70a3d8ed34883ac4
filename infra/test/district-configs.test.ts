import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { districtIds, loadCityConfig, loadDistrictConfig, repoRoot, selectDistricts } from '../bin/district-configs.ts';
import { cityApiStackName, cityDataStackName } from '../stacks/city.ts';
import { siteStackName } from '../stacks/command-center-site.ts';
import { siteFirewallStackName } from '../stacks/site-firewall.ts';
import { apiStackName, dataStackName } from '../stacks/district.ts';
import { addFirstline } from '../stacks/firstline.ts';
import { cdkJsonContext } from './synth.ts';

describe('district configs', () => {
  it('has at least two districts, each valid and named after its file', () => {
    const ids = districtIds();
    expect(ids).toEqual(expect.arrayContaining(['demo', 'riverside']));
    for (const id of ids) expect(loadDistrictConfig(id).id).toBe(id);
  });

  it("gives each district its own secret, and the city's identity provider so city tokens reach it", () => {
    const configs = districtIds().map(loadDistrictConfig);
    const city = loadCityConfig();
    expect(new Set(configs.map((c) => c.secretName)).size).toBe(configs.length);
    expect(city.districts).toEqual(districtIds());
    for (const config of configs) expect(config.jwt.issuer).toBe(city.jwt.issuer);
  });
});

describe('selectDistricts', () => {
  const known = ['demo', 'riverside'];

  it('selects one district, or all of them', () => {
    expect(selectDistricts('riverside', known)).toEqual(['riverside']);
    expect(selectDistricts('all', known)).toEqual(known);
  });

  it('names the available districts when none or an unknown one is given', () => {
    expect(() => selectDistricts(undefined, known)).toThrow('no district was given: pass -c district=<id> with one of demo, riverside (or -c district=all)');
    expect(() => selectDistricts('atlantis', known)).toThrow(/unknown district "atlantis".*demo, riverside/);
  });
});

describe('cdk app (infra/bin/app.ts)', () => {
  it('fails synth without -c district, listing the districts', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'firstline-cdk-'));
    const run = spawnSync(process.execPath, [join(repoRoot, 'infra/bin/app.ts')], {
      cwd: repoRoot,
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({}) },
      encoding: 'utf8',
    });
    rmSync(outdir, { recursive: true, force: true });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`with one of ${districtIds().join(', ')}`);
  });
});

describe('-c district=all', () => {
  let app: App;

  beforeAll(() => {
    app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    addFirstline(app, loadCityConfig(), selectDistricts('all').map(loadDistrictConfig), repoRoot);
  });

  it("synthesises two stacks per district, the api stack depending on its own data stack and the city's only; the city's two; the site and its web ACL", () => {
    const assembly = app.synth();
    const stackIds = new Set(assembly.stacks.map((s) => s.id));
    const dependencies = (name: string) => assembly.getStackByName(name).dependencies.map((d) => d.id).filter((d) => stackIds.has(d)).sort();
    for (const id of districtIds()) {
      expect(assembly.getStackByName(dataStackName(id)).terminationProtection).toBe(true);
      expect(dependencies(apiStackName(id))).toEqual([cityDataStackName, dataStackName(id)].sort());
    }
    expect(assembly.getStackByName(cityDataStackName).terminationProtection).toBe(true);
    expect(dependencies(cityApiStackName)).toEqual([cityDataStackName]);
    expect(dependencies(siteStackName)).toEqual([cityApiStackName, siteFirewallStackName, ...districtIds().map(apiStackName)].sort());
    expect(dependencies(siteFirewallStackName)).toEqual([]);
    expect(assembly.stacks).toHaveLength(districtIds().length * 2 + 4);
  });

  it('points each district at its own identity provider and time zone', () => {
    for (const id of districtIds()) {
      const config = loadDistrictConfig(id);
      const api = Template.fromStack(app.node.findChild(apiStackName(id)) as never);
      api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { JwtConfiguration: { Issuer: config.jwt.issuer, Audience: config.jwt.audience } });
      api.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpressionTimezone: config.timeZone });
    }
  });
});
