import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs the cdk-nag AwsSolutions pack over every stack of the app at synth time (cdk-nag v3 is a
 * CDK policy-validation plugin): any unacknowledged error or warning fails `cdk synth`. Each
 * acknowledgement lives next to the resource it covers, with its reason (infra/README.md lists them).
 */
export function addNagChecks(app: IConstruct): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app, { verbose: true });
  Validations.of(app).addPlugins(checks);
  return checks;
}
