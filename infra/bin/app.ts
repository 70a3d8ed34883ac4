import { App } from 'aws-cdk-lib';
import { addFirstline } from '../stacks/firstline.ts';
import { addNagChecks } from '../stacks/nag.ts';
import { loadCityConfig, loadDistrictConfig, repoRoot, selectDistricts } from './district-configs.ts';

// The only place that reads context: `cdk synth -c district=<id>`, or `-c district=all` in CI.
const app = new App();

try {
  addFirstline(app, loadCityConfig(), selectDistricts(app.node.tryGetContext('district')).map(loadDistrictConfig), repoRoot);
} catch (error) {
  // A missing district or a bad config file is an operator's typo, not a crash: no stack trace.
  console.error(`firstline: ${(error as Error).message}`);
  process.exit(1);
}
// cdk-nag (AwsSolutions) on every stack: an unacknowledged finding fails the synth with its report.
addNagChecks(app);
app.synth();
