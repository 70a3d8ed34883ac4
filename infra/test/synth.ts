import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { DistrictConfig } from '@firstline/service';
import { loadCityConfig, loadDistrictConfig, repoRoot } from '../bin/district-configs.ts';
import { addFirstline } from '../stacks/firstline.ts';
import type { DistrictStacks } from '../stacks/district.ts';

/** The feature flags `cdk synth` uses (cdk.json), so the tests see the templates that get deployed. */
export function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
}

export interface SynthOptions {
  /**
   * Run esbuild for every function (seconds each). Off, the `aws:cdk:bundling-stacks` context is
   * `[]`: assets point at the source folder under a placeholder hash, entries are still checked.
   */
  readonly bundle: boolean;
  readonly outdir?: string;
}

export interface SynthesizedDistrict extends DistrictStacks {
  readonly config: DistrictConfig;
  readonly app: App;
  readonly dataTemplate: Template;
  readonly apiTemplate: Template;
  /** The city's data stack, whose queue the district's closes send to. */
  readonly cityData: { readonly stackName: string; readonly template: Template };
}

/** One district, synthesised once; call it from `beforeAll`. */
export function synthDistrict(id: string, options: SynthOptions): SynthesizedDistrict {
  const context = { ...cdkJsonContext(), ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) };
  const app = new App({ context, outdir: options.outdir });
  const config = loadDistrictConfig(id);
  const firstline = addFirstline(app, loadCityConfig(), [config], repoRoot);
  const stacks = firstline.districts.get(id)!;
  return {
    ...stacks, config, app, dataTemplate: Template.fromStack(stacks.data), apiTemplate: Template.fromStack(stacks.api),
    cityData: { stackName: firstline.city.data.stackName, template: Template.fromStack(firstline.city.data) },
  };
}
