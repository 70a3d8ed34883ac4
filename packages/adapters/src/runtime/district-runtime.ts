import type { DistrictPorts } from '@firstline/app';
import { CodeSigner } from '../crypto/code-signer.ts';
import { hmacPseudonymizer } from '../crypto/pseudonymizer.ts';
import { CaseStore } from '../dynamodb/case-store.ts';
import { DeliveryStore } from '../dynamodb/delivery-store.ts';
import { GridLogStore } from '../dynamodb/grid-log-store.ts';
import { HouseholdStore } from '../dynamodb/household-store.ts';
import { RegistryStore } from '../dynamodb/registry-store.ts';
import { ResidentStore } from '../dynamodb/resident-store.ts';
import { ScanStore } from '../dynamodb/scan-store.ts';
import { SnapshotStore } from '../dynamodb/snapshot-store.ts';
import { VolunteerStore } from '../dynamodb/volunteer-store.ts';
import { cityRollupQueue, dayRevisionsQueue, dispatchQueue, scanEventsQueue } from '../sqs/queues.ts';
import type { AwsClients } from './clients.ts';
import { createClients } from './clients.ts';
import type { RuntimeConfig } from './runtime-config.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { loadSecrets } from './secrets.ts';

/** Everything a district function needs, built once per container and passed to its use cases. */
export interface DistrictRuntime extends DistrictPorts {
  readonly config: RuntimeConfig;
  /** The city whose command tokens this district accepts (the authorizer's stack identity). */
  readonly city: string | undefined;
  readonly clients: AwsClients;
}

export async function createDistrictRuntime(config = loadRuntimeConfig(), clients = createClients()): Promise<DistrictRuntime> {
  const secrets = await loadSecrets(config.secrets);
  const queue = (name: 'scan-events' | 'dispatch' | 'day-revisions') => {
    const url = config.queueUrls[name];
    if (!url) throw new Error(`no ${name} queue configured`);
    return url;
  };
  const cityQueue = config.queueUrls['city-rollup'];
  const { documents, sqs } = clients;
  return {
    config,
    district: config.district,
    city: config.city,
    defaultTimeZone: config.timeZone,
    clients,
    pseudonyms: hmacPseudonymizer(secrets.pseudonymKey),
    codes: await CodeSigner.fromJwk(secrets.codeSigningKey, config.district),
    registry: new RegistryStore(documents, config.tables.core),
    residents: new ResidentStore(documents, config.tables.core),
    scans: new ScanStore(documents, config.tables),
    households: new HouseholdStore(documents, config.tables.core),
    cases: new CaseStore(documents, config.tables.core),
    snapshots: new SnapshotStore(documents, config.tables.stats),
    deliveries: new DeliveryStore(documents, config.tables),
    volunteers: new VolunteerStore(documents, config.tables.core),
    gridLogs: new GridLogStore(documents, config.tables.core),
    // Queues are resolved when first used: a function without a queue to send to never needs its URL.
    scanEvents: { publish: (records) => scanEventsQueue(sqs, queue('scan-events')).publish(records) },
    dispatch: { request: (gridIds) => dispatchQueue(sqs, queue('dispatch')).request(gridIds) },
    dayRevisions: { request: (revisions) => dayRevisionsQueue(sqs, queue('day-revisions')).request(revisions) },
    cityRollup: cityQueue ? cityRollupQueue(sqs, cityQueue) : undefined,
  };
}

let shared: Promise<DistrictRuntime> | undefined;

/** The container's runtime; handlers `await` it at module load (top-level await). */
export function districtRuntime(): Promise<DistrictRuntime> {
  shared ??= createDistrictRuntime();
  return shared;
}
