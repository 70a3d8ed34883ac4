import { RemovalPolicy } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TableName, TableSpec } from '@firstline/service';

export interface DistrictTablesProps {
  readonly specs: readonly TableSpec[];
  /** Keep the tables (and their data) when the stack is deleted, and refuse deletion meanwhile. */
  readonly retain: boolean;
}

const pascal = (name: string) => name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/**
 * The pinned logical id of a table (`TableCore`): moving or renaming the construct can never make
 * CloudFormation replace the table and drop its data. Changing this function would; the infra tests
 * hold it to the ids already deployed.
 */
export const tableLogicalId = (name: TableName) => `Table${pascal(name)}`;

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The district's DynamoDB tables as the manifest declares them: on demand, PITR, TTL, encrypted, and
 * pre-warmed to the read and write units the spike needs from its first second (warm throughput: an
 * on-demand table otherwise starts at 12,000 reads and 4,000 writes a second and only doubles its
 * previous peak within 30 minutes).
 */
export class DistrictTables extends Construct {
  readonly tables: Readonly<Record<TableName, Table>>;

  constructor(scope: Construct, id: string, props: DistrictTablesProps) {
    super(scope, id);
    const tables = {} as Record<TableName, Table>;
    for (const spec of props.specs) {
      const table = new Table(this, spec.name, {
        partitionKey: stringKey(spec.partitionKey),
        sortKey: spec.sortKey ? stringKey(spec.sortKey) : undefined,
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryption.AWS_MANAGED,
        timeToLiveAttribute: spec.ttlAttribute,
        deletionProtection: props.retain,
        warmThroughput: spec.warmThroughput,
        removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      for (const index of spec.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: stringKey(index.partitionKey),
          sortKey: index.sortKey ? stringKey(index.sortKey) : undefined,
        });
      }
      (table.node.defaultChild as CfnResource).overrideLogicalId(tableLogicalId(spec.name));
      tables[spec.name] = table;
    }
    this.tables = tables;
  }
}
