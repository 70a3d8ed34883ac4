import type { DistrictPorts } from '@firstline/app';
import type { WindowCounters } from '@firstline/app/intake/lookup-limit';
import type { HouseholdBuildings } from '@firstline/app/residents/household-building';
import type { DistrictKey } from '@firstline/service';
import { findFunction } from '@firstline/service';
import { CaseStore } from '../dynamodb/case-store.ts';
import { CareCountStore } from '../dynamodb/care-count-store.ts';
import { CloseRunStore } from '../dynamodb/close-run-store.ts';
import { DeliveryStore } from '../dynamodb/delivery-store.ts';
import { GridLogStore } from '../dynamodb/grid-log-store.ts';
import { HouseholdStore } from '../dynamodb/household-store.ts';
import { PopulationStore } from '../dynamodb/population-store.ts';
import { UrgentRequestStore } from '../dynamodb/urgent-request-store.ts';
import { FeverScanStore } from '../dynamodb/fever-scan-store.ts';
import { RegistryStore } from '../dynamodb/registry-store.ts';
import { ResidentStore } from '../dynamodb/resident-store.ts';
import { ScanStore } from '../dynamodb/scan-store.ts';
import { SnapshotStore } from '../dynamodb/snapshot-store.ts';
import { VolunteerStore } from '../dynamodb/volunteer-store.ts';
import { WindowCounterStore } from '../dynamodb/window-counter-store.ts';
import { cityRollupQueue, closeShardsQueue, dayRevisionsQueue, dispatchQueue, scanEventsQueue } from '../sqs/queues.ts';
import type { AwsClients } from './clients.ts';
import { createClients } from './clients.ts';
import type { RuntimeConfig } from './runtime-config.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { codesOf, loadKeys, pseudonymsOf } from './district-keys.ts';

/** Everything a district function needs, built once per container and passed to its use cases. */
export interface DistrictRuntime extends DistrictPorts {
  readonly config: RuntimeConfig;
  /** The city whose command tokens this district accepts (the authorizer's stack identity). */
  readonly city: string | undefined;
  readonly clients: AwsClients;
  /** Which building each household is in (registration binds it; orders are checked against it). */
  readonly householdBuildings: HouseholdBuildings;
  /** Fixed-window counters behind the limits on ID-number lookups. */
  readonly lookupCounters: WindowCounters;
}

/**
 * Builds a district function's runtime with exactly the keys it declares (`keys` in the manifest):
 * a function that declares none reads no key at all, and one that does reads only its own.
 */
export async function createDistrictRuntime(config = loadRuntimeConfig(), clients = createClients(), keyNames: readonly DistrictKey[] = []): Promise<DistrictRuntime> {
  const keys = await loadKeys(keyNames, config.keys);
  const queue = (name: 'scan-events' | 'dispatch' | 'day-revisions' | 'close-shards') => {
    const url = config.queueUrls[name];
    if (!url) throw new Error(`no ${name} queue configured`);
    return url;
  };
  const cityQueue = config.queueUrls['city-rollup'];
  const { documents, sqs } = clients;
  const households = new HouseholdStore(documents, config.tables.core);
  const cases = new CaseStore(documents, config.tables.core);
  return {
    config,
    district: config.district,
    city: config.city,
    defaultTimeZone: config.timeZone,
    clients,
    pseudonyms: pseudonymsOf(keys),
    codes: await codesOf(keys, config.district),
    registry: new RegistryStore(documents, config.tables.core),
    residents: new ResidentStore(documents, config.tables.core),
    scans: new ScanStore(documents, config.tables),
    households,
    householdBuildings: households,
    householdNeeds: households,
    lookupCounters: new WindowCounterStore(documents, config.tables.core),
    cases,
    openCases: cases,
    feverScans: new FeverScanStore(documents, config.tables.core),
    snapshots: new SnapshotStore(documents, config.tables.stats),
    deliveries: new DeliveryStore(documents, config.tables),
    volunteers: new VolunteerStore(documents, config.tables.core),
    gridLogs: new GridLogStore(documents, config.tables.core),
    population: new PopulationStore(documents, config.tables.stats),
    urgentRequests: new UrgentRequestStore(documents, config.tables.core),
    careCounts: new CareCountStore(documents, config.tables.stats),
    // Queues are resolved when first used: a function without a queue to send to never needs its URL.
    scanEvents: { publish: async (records) => scanEventsQueue(await sqs(), queue('scan-events')).publish(records) },
    dispatch: { request: async (gridIds) => dispatchQueue(await sqs(), queue('dispatch')).request(gridIds) },
    dayRevisions: { request: async (revisions) => dayRevisionsQueue(await sqs(), queue('day-revisions')).request(revisions) },
    closeRuns: new CloseRunStore(documents, config.tables.stats),
    closeShards: { send: async (shards) => closeShardsQueue(await sqs(), queue('close-shards')).send(shards) },
    cityRollup: cityQueue ? { send: async (days) => cityRollupQueue(await sqs(), cityQueue).send(days) } : undefined,
  };
}

/** One runtime per set of keys: in the cloud one per container; locally, where a stack's functions share a process, one per function that holds keys. */
const shared = new Map<string, Promise<DistrictRuntime>>();

/**
 * The container's runtime for the manifest function `name` (its declared keys only; none when no
 * name is given); handlers `await` it at module load (top-level await).
 */
export function districtRuntime(name?: string): Promise<DistrictRuntime> {
  const keys = name === undefined ? [] : (findFunction(name).keys ?? []);
  const id = keys.join(',');
  let runtime = shared.get(id);
  if (!runtime) shared.set(id, (runtime = createDistrictRuntime(loadRuntimeConfig(), createClients(), keys)));
  return runtime;
}
