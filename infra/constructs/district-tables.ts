import { RemovalPolicy } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TableName, TableSpec } from '@firstline/service';

export interface DistrictTablesProps {
  readonly specs: readonly TableSpec[];
  /** Keep the tables (and their data) when the stack is deleted. */
  readonly retain: boolean;
}

/** Logical id pinned per table (`TableCore`…), so a refactor can never replace a table and lose its data. */
export const tableLogicalId = (name: TableName) => `Table${name[0]!.toUpperCase()}${name.slice(1)}`;

/** The district's DynamoDB tables, as the manifest declares them: on demand, PITR, TTL, encrypted. */
export class DistrictTables extends Construct {
  readonly tables: Readonly<Record<TableName, Table>>;

  constructor(scope: Construct, id: string, props: DistrictTablesProps) {
    super(scope, id);
    const tables = {} as Record<TableName, Table>;
    for (const spec of props.specs) {
      const key = (name: string) => ({ name, type: AttributeType.STRING });
      const table = new Table(this, spec.name, {
        partitionKey: key(spec.partitionKey),
        ...(spec.sortKey ? { sortKey: key(spec.sortKey) } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryption.AWS_MANAGED,
        ...(spec.ttlAttribute ? { timeToLiveAttribute: spec.ttlAttribute } : {}),
        deletionProtection: props.retain,
        removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      for (const index of spec.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: key(index.partitionKey),
          ...(index.sortKey ? { sortKey: key(index.sortKey) } : {}),
        });
      }
      (table.node.defaultChild as CfnResource).overrideLogicalId(tableLogicalId(spec.name));
      tables[spec.name] = table;
    }
    this.tables = tables;
  }
}
