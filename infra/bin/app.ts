import { App } from 'aws-cdk-lib';
import type { DistrictConfig } from '@firstline/service';
import { addDistrict } from '../stacks/district.ts';
import { loadDistrictConfig, repoRoot, selectDistricts } from './district-configs.ts';

// The only place that reads context: `cdk synth -c district=<id>`, or `-c district=all` in CI.
const app = new App();

let configs: DistrictConfig[];
try {
  configs = selectDistricts(app.node.tryGetContext('district')).map(loadDistrictConfig);
} catch (error) {
  // A missing district or a bad config file is an operator's typo, not a crash: no stack trace.
  console.error(`firstline: ${(error as Error).message}`);
  process.exit(1);
}

for (const config of configs) addDistrict(app, config, { repoRoot });
app.synth();
