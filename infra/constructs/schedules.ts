import { Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { FunctionSpec } from '@firstline/service';

export interface SchedulesProps {
  readonly specs: readonly FunctionSpec[];
  readonly functions: ReadonlyMap<string, IFunction>;
  /** IANA zone the crons are evaluated in: "just after midnight" is the district's midnight. */
  readonly timeZone: string;
}

/** EventBridge Scheduler schedules for the manifest's scheduled functions, in the district's time. */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    for (const spec of props.specs) {
      if (!spec.schedule) continue;
      const fn = props.functions.get(spec.name);
      if (!fn) throw new Error(`no function built for ${spec.name}, which declares a schedule`);
      new Schedule(this, spec.name, {
        description: `${spec.name} at ${spec.schedule.cron} ${props.timeZone}`,
        schedule: ScheduleExpression.expression(spec.schedule.cron, TimeZone.of(props.timeZone)),
        // The target's role gets lambda:InvokeFunction on this function only (grantInvoke).
        target: new LambdaInvoke(fn),
      });
      // That grant is on the function and `<its ARN>:*` (its versions and aliases). The role is the
      // stack's shared scheduler role, so the acknowledgement names this exact finding, nothing else.
      const stack = Stack.of(this);
      Validations.of(stack).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: `EventBridge Scheduler may invoke ${spec.name} and its versions/aliases (<arn>:*, what LambdaInvoke grants): one function, no other resource.`,
      });
    }
  }
}
