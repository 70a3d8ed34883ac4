import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { districtService, queues, tables } from '@firstline/service';
import type { DistrictConfig } from '@firstline/service';
import { ContactKey } from '../constructs/contact-key.ts';
import { DistrictQueues, dlqLogicalId, queueLogicalId } from '../constructs/district-queues.ts';
import { DistrictTables, tableLogicalId } from '../constructs/district-tables.ts';

export interface DistrictDataStackProps extends StackProps {
  readonly config: DistrictConfig;
}

/**
 * A district's stateful resources, apart from the functions so the API stack can be redeployed or
 * replaced freely. Termination protection is always on; `retainData` keeps tables and queues on
 * `cdk destroy`; the contact key is kept whatever it says (without it no sealed number opens).
 */
export class DistrictDataStack extends Stack {
  readonly tables: DistrictTables;
  readonly queues: DistrictQueues;
  readonly contactKey: ContactKey;

  constructor(scope: Construct, id: string, props: DistrictDataStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    this.tables = new DistrictTables(this, 'Tables', { specs: tables, retain: props.config.retainData });
    this.queues = new DistrictQueues(this, 'Queues', { specs: queues, retain: props.config.retainData });
    this.contactKey = new ContactKey(this, 'Contact', {
      district: props.config.id,
      openers: districtService.functions.filter((f) => f.contactKey === 'open').map((f) => f.name),
    });

    // What ops need to inspect tables and redrive dead letters without reading the template.
    for (const spec of tables) {
      new CfnOutput(this, `${tableLogicalId(spec.name)}Name`, { value: this.tables.tables[spec.name].tableName });
    }
    for (const spec of queues) {
      new CfnOutput(this, `${queueLogicalId(spec.name)}Url`, { value: this.queues.queues[spec.name].queueUrl });
      new CfnOutput(this, `${dlqLogicalId(spec.name)}Arn`, { value: this.queues.deadLetterQueues[spec.name].queueArn });
    }
    new CfnOutput(this, 'ContactKeyArn', { value: this.contactKey.key.keyArn });
  }
}
