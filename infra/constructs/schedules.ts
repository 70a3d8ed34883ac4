import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { FunctionSpec } from '@firstline/service';

export interface SchedulesProps {
  readonly specs: readonly FunctionSpec[];
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Crons are evaluated in the district's time zone: "just after local midnight". */
  readonly timeZone: string;
}

/** EventBridge Scheduler schedules for the manifest's scheduled functions, in local time. */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const scheduled = props.specs.filter((s) => s.schedule);
    if (scheduled.length === 0) return;
    const role = new Role(this, 'InvokeRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    for (const spec of scheduled) {
      const fn = props.functions.get(spec.name)!;
      role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
      new CfnSchedule(this, spec.name, {
        flexibleTimeWindow: { mode: 'OFF' },
        scheduleExpression: spec.schedule!.cron,
        scheduleExpressionTimezone: props.timeZone,
        target: { arn: fn.functionArn, roleArn: role.roleArn, retryPolicy: { maximumRetryAttempts: 3 } },
      });
    }
  }
}
