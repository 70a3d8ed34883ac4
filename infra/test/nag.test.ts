import { App, Stack, Validations } from 'aws-cdk-lib';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { districtIds, loadCityConfig, loadDistrictConfig, repoRoot, selectDistricts } from '../bin/district-configs.ts';
import { addFirstline } from '../stacks/firstline.ts';
import { addNagChecks } from '../stacks/nag.ts';
import { cdkJsonContext } from './synth.ts';

/** Every finding as one line: severity, rule (with its finding id), construct path, what is wrong. */
const findings = (report: PolicyValidationPluginReport) => report.violations.flatMap((v) =>
  v.violatingResources.map((r) => `${v.severity} ${v.ruleName} ${r.constructPath}: ${v.description.split('. ')[0]}`));

/** Every acknowledgement in the tree: where, which rule, why. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason }))));
}

describe('cdk-nag AwsSolutions over the whole app (-c district=all)', () => {
  let app: App;
  let report: PolicyValidationPluginReport;
  let synthError: unknown;

  beforeAll(() => {
    app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    addFirstline(app, loadCityConfig(), selectDistricts('all').map(loadDistrictConfig), repoRoot);
    // As infra/bin/app.ts registers it: the synth itself fails on any unacknowledged finding.
    const checks = addNagChecks(app);
    try {
      app.synth();
    } catch (error) {
      synthError = error;
    }
    // The same pack over the prepared tree, for a readable list when something is found.
    report = checks.validateScope(app);
  });

  it('reports no unacknowledged error or warning in any stack', () => {
    const found = findings(report);
    expect(found, `cdk-nag findings:\n  ${found.join('\n  ')}`).toEqual([]);
    expect(report.success).toBe(true);
    expect(synthError).toBeUndefined();
  });

  it('checked every stack: the city pair, two per district, the site and its web ACL', () => {
    const stacks = app.node.children.filter((c): c is Stack => Stack.isStack(c));
    expect(stacks).toHaveLength(districtIds().length * 2 + 4);
  });

  it('gives every acknowledgement a specific reason; stack-wide ones only name one exact finding', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(60);
      // A stack-level acknowledgement would hide the rule for every resource: only a finding id (`Rule[finding]`) may sit there.
      const owner = app.node.tryFindChild(ack.path);
      if (owner && Stack.isStack(owner)) expect(ack.id, ack.path).toMatch(/\[.+\]$/);
    }
  });

  it('never acknowledges the rules Firstline fixes instead (encryption, TLS-only, DLQs, access logs, the site\'s WAF)', () => {
    const fixed = ['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4', 'AwsSolutions-SNS2', 'AwsSolutions-SNS3', 'AwsSolutions-DDB3', 'AwsSolutions-APIG1', 'AwsSolutions-KMS5', 'AwsSolutions-CFR2'];
    expect(acknowledgements(app).filter((a) => fixed.some((id) => a.id.startsWith(id)))).toEqual([]);
  });

  it('still finds a finding: the check is live', () => {
    const probe = new App();
    const stack = new Stack(probe, 'Probe');
    new Bucket(stack, 'Unlogged');
    const checks = addNagChecks(probe);
    expect(() => probe.synth()).toThrow(/AwsSolutions-S1/);
    expect(findings(checks.validateScope(probe)).some((f) => f.includes('AwsSolutions-S1 Probe/Unlogged'))).toBe(true);
  });
});
