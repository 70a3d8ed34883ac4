import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { queues, tables } from '@firstline/service';
import type { DistrictConfig } from '@firstline/service';
import { DistrictQueues } from '../constructs/district-queues.ts';
import { DistrictTables } from '../constructs/district-tables.ts';

export interface DistrictDataStackProps extends StackProps {
  readonly config: DistrictConfig;
}

/**
 * A district's stateful resources: tables and queues. Kept apart from the functions so the API
 * stack can be redeployed or replaced freely, with termination protection on.
 */
export class DistrictDataStack extends Stack {
  readonly tables: DistrictTables;
  readonly queues: DistrictQueues;

  constructor(scope: Construct, id: string, props: DistrictDataStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    this.tables = new DistrictTables(this, 'Tables', { specs: tables, retain: props.config.retainData });
    this.queues = new DistrictQueues(this, 'Queues', { specs: queues, retain: props.config.retainData });
  }
}
