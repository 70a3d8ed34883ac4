import type { DistrictPorts } from '@firstline/app';
import type { PhoneOpener, PhoneSealer, SmsSender } from '@firstline/domain';
import type { WindowCounters } from '@firstline/app/intake/lookup-limit';
import type { HouseholdBuildings } from '@firstline/app/residents/household-building';
import type { FunctionSpec } from '@firstline/service/manifest';
import type { DistrictKey } from '@firstline/service/resource-names';
import { ownFunction } from '@firstline/service/own-function';
import { cityRollupQueue, closeShardsQueue, dayRevisionsQueue, dispatchQueue, notificationsQueue, scanEventsQueue } from '../sqs/queues.ts';
import type { AwsClients } from './clients.ts';
import { createClients } from './clients.ts';
import type { RuntimeConfig } from './runtime-config.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { codesOf, loadKeys, pseudonymsOf } from './district-keys.ts';
import type { Store } from './stores.ts';
import { everyStore } from './stores.ts';

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
  /** Only in the functions that name them (`phoneSealing`, `notifying`), as their manifest entry declares. */
  readonly phoneSealer: PhoneSealer;
  readonly phoneOpener: PhoneOpener;
  readonly sms: SmsSender;
}

/**
 * Builds a district function's runtime with exactly the keys it declares (`keys` in the manifest)
 * and the stores it names: a function that declares no key reads none, and a store it does not
 * name is not built (nor bundled), since it never uses it.
 */
export async function createDistrictRuntime(config: RuntimeConfig, clients: AwsClients, keyNames: readonly DistrictKey[], stores: readonly object[]): Promise<DistrictRuntime> {
  const keys = await loadKeys(keyNames, config.keys);
  const queue = (name: 'scan-events' | 'dispatch' | 'day-revisions' | 'close-shards' | 'notifications') => {
    const url = config.queueUrls[name];
    if (!url) throw new Error(`no ${name} queue configured`);
    return url;
  };
  const cityQueue = config.queueUrls['city-rollup'];
  const { sqs } = clients;
  const runtime = {
    config,
    district: config.district,
    city: config.city,
    defaultTimeZone: config.timeZone,
    clients,
    pseudonyms: pseudonymsOf(keys),
    codes: await codesOf(keys, config.district),
    // Queues are resolved when first used: a function without a queue to send to never needs its URL.
    scanEvents: { publish: async (records) => scanEventsQueue(await sqs(), queue('scan-events')).publish(records) },
    dispatch: { request: async (gridIds) => dispatchQueue(await sqs(), queue('dispatch')).request(gridIds) },
    dayRevisions: { request: async (revisions) => dayRevisionsQueue(await sqs(), queue('day-revisions')).request(revisions) },
    closeShards: { send: async (shards) => closeShardsQueue(await sqs(), queue('close-shards')).send(shards) },
    cityRollup: cityQueue ? { send: async (days) => cityRollupQueue(await sqs(), cityQueue).send(days) } : undefined,
    notifications: { send: async (items) => notificationsQueue(await sqs(), queue('notifications')).send(items) },
  } satisfies Partial<DistrictRuntime>;
  return Object.assign(runtime, ...stores) as DistrictRuntime;
}

/**
 * The container's configuration, clients and stores. In the cloud a container runs one function;
 * locally a stack's functions share one process, and with it these (a registry one function
 * uploads is the one the others read at once), as they did when they shared one runtime.
 */
let container: { readonly config: RuntimeConfig; readonly clients: AwsClients; readonly stores: Map<Store, object> } | undefined;
const runtimes = new Map<string, Promise<DistrictRuntime>>();

function runtimeOnce(id: string, own: FunctionSpec | undefined, stores: readonly Store[]): Promise<DistrictRuntime> {
  let runtime = runtimes.get(id);
  if (runtime) return runtime;
  const { config, clients, stores: built } = (container ??= { config: loadRuntimeConfig(), clients: createClients(), stores: new Map() });
  const ports = stores.map((store) => {
    if (!built.has(store)) built.set(store, store({ documents: clients.documents, tables: config.tables, config, own }));
    return built.get(store)!;
  });
  runtimes.set(id, (runtime = createDistrictRuntime(config, clients, own?.keys ?? [], ports)));
  return runtime;
}

/**
 * The container's runtime for the manifest function `name`: its declared keys, and only the stores
 * it names (`./stores.ts`), so that its bundle holds no other store. Handlers `await` it at module
 * load (top-level await).
 */
export function functionRuntime(name: string, stores: readonly Store[]): Promise<DistrictRuntime> {
  return runtimeOnce(name, ownFunction(name), stores);
}

/**
 * A runtime with every store and no key, for tools, benchmarks and tests; a handler that uses it
 * bundles every store (handlers use `functionRuntime`).
 */
export function districtRuntime(): Promise<DistrictRuntime> {
  return runtimeOnce('', undefined, everyStore);
}
