import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, queues, routeThrottles, tables } from '@firstline/service';
import { DistrictQueues } from '../constructs/district-queues.ts';
import { DistrictTables } from '../constructs/district-tables.ts';
import { dataStackName } from '../stacks/district.ts';
import { liveFold } from '@firstline/service/live-fold';
import { scanReadGroups } from '../../packages/domain/src/intake/live-scans.ts';
import { districtSpike, onDemandWarmFloor, writeUnitsPerScan } from './spike-plan.ts';
import { synthDistrict } from './synth.ts';
import type { SynthesizedDistrict } from './synth.ts';
import { ofType, resourcesOf } from './template-refs.ts';
import type { Resource } from './template-refs.ts';

// Spelled out here, not imported: if the code that pins ids ever changed its naming, deployed
// tables would be replaced, and this test has to notice.
const pascal = (name: string) => name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const tableId = (name: string) => `Table${pascal(name)}`;
const queueId = (name: string) => `Queue${pascal(name)}`;
const dlqId = (name: string) => `Queue${pascal(name)}Dlq`;
/** Ids already in use: they may gain company, never change. */
const deployedIds = ['TableCore', 'TableScans', 'TableStats', 'QueueScanEvents', 'QueueScanEventsDlq', 'QueueDispatch', 'QueueDispatchDlq'];

let district: SynthesizedDistrict;
let resources: Record<string, Resource>;

beforeAll(() => {
  // Synthesised once for the file; the data stack has no bundling, the api stack's is skipped.
  district = synthDistrict('demo', { bundle: false });
  resources = resourcesOf(district.dataTemplate);
});

const props = (logicalId: string) => resources[logicalId]!.Properties!;

describe('data stack', () => {
  it('is named after the district', () => {
    expect(district.data.stackName).toBe(dataStackName('demo'));
  });

  it('pins the logical id of every table and queue the manifest declares', () => {
    const expected = [...tables.map((t) => tableId(t.name)), ...queues.flatMap((q) => [queueId(q.name), dlqId(q.name)])];
    expect(expected).toEqual(expect.arrayContaining(deployedIds));
    for (const id of expected) {
      expect(resources[id]?.Type, id).toBe(id.startsWith('Table') ? 'AWS::DynamoDB::Table' : 'AWS::SQS::Queue');
    }
    expect(ofType(district.dataTemplate, 'AWS::DynamoDB::Table')).toHaveLength(tables.length);
    expect(ofType(district.dataTemplate, 'AWS::SQS::Queue')).toHaveLength(queues.length * 2);
  });

  it('makes each table on demand, with PITR, AWS-managed encryption, TTL and the declared keys and indexes', () => {
    for (const t of tables) {
      const p = props(tableId(t.name));
      const keySchema = (pk: string, sk?: string) => [{ AttributeName: pk, KeyType: 'HASH' }, ...(sk ? [{ AttributeName: sk, KeyType: 'RANGE' }] : [])];
      expect(p['BillingMode'], t.name).toBe('PAY_PER_REQUEST');
      expect(p['PointInTimeRecoverySpecification'], t.name).toEqual({ PointInTimeRecoveryEnabled: true });
      // SSEEnabled without a key id: KMS with the AWS-managed aws/dynamodb key.
      expect(p['SSESpecification'], t.name).toEqual({ SSEEnabled: true });
      expect(p['KeySchema'], t.name).toEqual(keySchema(t.partitionKey, t.sortKey));
      expect(p['TimeToLiveSpecification'], t.name).toEqual(t.ttlAttribute ? { AttributeName: t.ttlAttribute, Enabled: true } : undefined);
      const indexes = (p['GlobalSecondaryIndexes'] ?? []) as { IndexName: string; KeySchema: unknown; Projection: unknown }[];
      expect(indexes.map((i) => i.IndexName), t.name).toEqual(t.indexes.map((i) => i.name));
      for (const index of t.indexes) {
        const found = indexes.find((i) => i.IndexName === index.name)!;
        expect(found.KeySchema).toEqual(keySchema(index.partitionKey, index.sortKey));
        expect(found.Projection).toEqual({ ProjectionType: 'ALL' });
      }
    }
  });

  describe('warm throughput (pre-warmed for the spike)', () => {
    const warm = (name: string) => props(tableId(name))['WarmThroughput'] as { ReadUnitsPerSecond: number; WriteUnitsPerSecond: number } | undefined;

    it('is set on every district table as the manifest declares it, never below what a new on-demand table has anyway', () => {
      for (const t of tables) {
        expect(t.warmThroughput, t.name).toBeDefined();
        expect(warm(t.name), t.name).toEqual({ ReadUnitsPerSecond: t.warmThroughput!.readUnitsPerSecond, WriteUnitsPerSecond: t.warmThroughput!.writeUnitsPerSecond });
        expect(warm(t.name)!.ReadUnitsPerSecond, t.name).toBeGreaterThanOrEqual(onDemandWarmFloor.readUnitsPerSecond);
        expect(warm(t.name)!.WriteUnitsPerSecond, t.name).toBeGreaterThanOrEqual(onDemandWarmFloor.writeUnitsPerSecond);
      }
    });

    it('covers the scan records\' writes at 6,000 scans/s: claim and record per scan, and the duplicates\' refused puts', () => {
      const { scansPerSecond, duplicateUploadShare } = districtSpike;
      const perScan = writeUnitsPerScan.claim + writeUnitsPerScan.record;
      const refused = scansPerSecond * duplicateUploadShare * 2 * writeUnitsPerScan.refusedPut;
      expect(warm('scans')!.WriteUnitsPerSecond).toBeGreaterThanOrEqual(scansPerSecond * perScan + refused);
    });

    it('covers the stats reads every report route may make at its throttle', () => {
      // Read units one request may cost (pnpm bench reports): an open day's daily report reads every
      // grid's counter, the listing and the battle map one snapshot per grid, the series 30 days of
      // roll-ups. A report route not measured yet is taken to cost as much as the heaviest.
      const readUnits: Record<string, number> = {
        'GET /v1/reports/daily': 1000, 'GET /v1/reports/epidemic-free': 3000, 'GET /v1/reports/map': 3000, 'GET /v1/reports/series': 330,
        // One care counter per grid, read in batches, like an open day's daily report.
        'GET /v1/reports/care': 1000,
      };
      const reportRoutes = functions.flatMap((f) => f.routes ?? []).filter((r) => r.path.startsWith('/v1/reports/'));
      expect(reportRoutes.length).toBeGreaterThanOrEqual(3);
      const costOf = (key: string) => readUnits[key] ?? Math.max(...Object.values(readUnits));
      const worst = reportRoutes.reduce((sum, r) => sum + (r.throttle ?? routeThrottles.default).rateLimit * costOf(`${r.method} ${r.path}`), 0);
      expect(warm('stats')!.ReadUnitsPerSecond).toBeGreaterThanOrEqual(worst);
    });
  });

  it('keeps every key the scan path writes under ~500 WU/s at the spike: no key needs sharding', () => {
    const { scansPerSecond, liveShare, offlineBatchSize } = districtSpike;
    const aggregator = functions.find((f) => f.name === 'scan-aggregator')!;
    const messages = scansPerSecond * liveShare + (scansPerSecond * (1 - liveShare)) / offlineBatchSize;
    const batches = messages / aggregator.trigger!.batchSize;
    // The busiest read group: the grid taking 20 % of the scans, and its share of the rest.
    const hottest = scansPerSecond * (0.2 + 0.8 / scanReadGroups);
    // A batch writes one pack per read group, day and hour: at most ~35 bytes a scan (scan-packs.test.ts), a unit per KB.
    const packUnits = batches * Math.ceil((hottest / batches) * 35 / 1024);
    // Every batch's marker, put then updated, in the partition of its bucket; a grid-day's counters once a bucket.
    const markerUnits = batches * 2;
    const counterUnits = 1 / liveFold.bucketSeconds;
    expect(packUnits, 'the busiest pack partition').toBeLessThan(500);
    expect(markerUnits, 'the marker partition').toBeLessThan(500);
    expect(counterUnits, 'a grid-day counter').toBeLessThan(500);
  });

  it('retains tables and queues (retainData defaults to true) and protects tables from deletion', () => {
    expect(district.config.retainData).toBe(true);
    for (const t of tables) {
      const r = resources[tableId(t.name)]!;
      expect([r.DeletionPolicy, r.UpdateReplacePolicy], t.name).toEqual(['Retain', 'Retain']);
      expect(r.Properties!['DeletionProtectionEnabled'], t.name).toBe(true);
    }
    for (const q of queues) {
      for (const id of [queueId(q.name), dlqId(q.name)]) expect(resources[id]!.DeletionPolicy, id).toBe('Retain');
    }
  });

  it('gives every queue its own encrypted DLQ with the declared max receive count', () => {
    for (const q of queues) {
      const queue = props(queueId(q.name));
      const dlq = props(dlqId(q.name));
      expect(queue['SqsManagedSseEnabled'], q.name).toBe(true);
      expect(dlq['SqsManagedSseEnabled'], q.name).toBe(true);
      expect(queue['VisibilityTimeout'], q.name).toBe(q.visibilityTimeoutSeconds);
      expect(queue['RedrivePolicy'], q.name).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId(q.name), 'Arn'] }, maxReceiveCount: q.maxReceiveCount });
      expect(dlq['MessageRetentionPeriod'], q.name).toBe(14 * 24 * 3600);
      // A dead letter keeps its first enqueue time: its queue must keep it longer than the source does.
      expect(queue['MessageRetentionPeriod'] as number).toBeLessThan(dlq['MessageRetentionPeriod'] as number);
    }
  });

  it('refuses plain-HTTP access to every queue and DLQ', () => {
    const policies = ofType(district.dataTemplate, 'AWS::SQS::QueuePolicy').map(([, p]) => p.Properties!);
    for (const q of queues) {
      for (const id of [queueId(q.name), dlqId(q.name)]) {
        const policy = policies.find((p) => (p['Queues'] as { Ref: string }[]).some((r) => r.Ref === id));
        expect(policy, id).toBeDefined();
        expect(JSON.stringify(policy!['PolicyDocument'])).toContain('"aws:SecureTransport":"false"');
      }
    }
  });

  it('leaves physical names to CloudFormation, so districts never collide', () => {
    for (const [id, r] of Object.entries(resources)) {
      expect(r.Properties?.['TableName'], id).toBeUndefined();
      expect(r.Properties?.['QueueName'], id).toBeUndefined();
    }
  });

  it('outputs what ops need: table names, queue URLs, DLQ ARNs for a redrive', () => {
    const outputs = Object.keys(district.dataTemplate.toJSON()['Outputs'] as object);
    const expected = [...tables.map((t) => `${tableId(t.name)}Name`), ...queues.flatMap((q) => [`${queueId(q.name)}Url`, `${dlqId(q.name)}Arn`])];
    expect(outputs).toEqual(expect.arrayContaining(expected));
  });

  it('has termination protection on, in the assembly the CLI deploys', () => {
    const artifact = district.app.synth().getStackByName(district.data.stackName);
    expect(artifact.terminationProtection).toBe(true);
  });
});

describe('a throwaway district (retainData: false)', () => {
  it('deletes tables and queues with the stack and drops deletion protection', () => {
    const stack = new Stack();
    new DistrictTables(stack, 'Tables', { specs: tables, retain: false });
    new DistrictQueues(stack, 'Queues', { specs: queues, retain: false });
    const throwaway = resourcesOf(Template.fromStack(stack));
    for (const t of tables) {
      expect(throwaway[tableId(t.name)]!.DeletionPolicy).toBe('Delete');
      expect(throwaway[tableId(t.name)]!.Properties!['DeletionProtectionEnabled']).toBe(false);
    }
    for (const q of queues) expect(throwaway[queueId(q.name)]!.DeletionPolicy).toBe('Delete');
  });
});
