import type { Pseudonymizer } from '@firstline/domain';
import type { AwsClients } from './clients.ts';
import { createClients } from './clients.ts';
import { CaseStore } from './case-store.ts';
import { CodeSigner } from './code-signer.ts';
import { DeliveryStore } from './delivery-store.ts';
import { GridLogStore } from './grid-log-store.ts';
import { HouseholdStore } from './household-store.ts';
import { hmacPseudonymizer } from './pseudonymizer.ts';
import { RegistryStore } from './registry-store.ts';
import { ResidentStore } from './resident-store.ts';
import { ScanStore } from './scan-store.ts';
import { SnapshotStore } from './snapshot-store.ts';
import { VolunteerStore } from './volunteer-store.ts';
import type { RuntimeConfig } from './runtime-config.ts';
import { loadRuntimeConfig } from './runtime-config.ts';
import { loadSecrets } from './secrets.ts';

/** Everything a district function needs, built once per container and passed to handlers. */
export interface DistrictRuntime {
  readonly config: RuntimeConfig;
  readonly district: string;
  readonly city: string | undefined;
  readonly clients: AwsClients;
  readonly pseudonyms: Pseudonymizer;
  readonly codes: CodeSigner;
  readonly registry: RegistryStore;
  readonly residents: ResidentStore;
  readonly scans: ScanStore;
  readonly households: HouseholdStore;
  readonly cases: CaseStore;
  readonly snapshots: SnapshotStore;
  readonly deliveries: DeliveryStore;
  readonly volunteers: VolunteerStore;
  readonly gridLogs: GridLogStore;
}

export async function createDistrictRuntime(config = loadRuntimeConfig(), clients = createClients()): Promise<DistrictRuntime> {
  const secrets = await loadSecrets(config.secrets);
  return {
    config,
    district: config.district,
    city: config.city,
    clients,
    pseudonyms: hmacPseudonymizer(secrets.pseudonymKey),
    codes: await CodeSigner.fromJwk(secrets.codeSigningKey, config.district),
    registry: new RegistryStore(clients.documents, config.tables.core),
    residents: new ResidentStore(clients.documents, config.tables.core),
    scans: new ScanStore(clients.documents, config.tables),
    households: new HouseholdStore(clients.documents, config.tables.core),
    cases: new CaseStore(clients.documents, config.tables.core),
    snapshots: new SnapshotStore(clients.documents, config.tables.stats),
    deliveries: new DeliveryStore(clients.documents, config.tables),
    volunteers: new VolunteerStore(clients.documents, config.tables.core),
    gridLogs: new GridLogStore(clients.documents, config.tables.core),
  };
}

let shared: Promise<DistrictRuntime> | undefined;

/** The container's runtime; handlers `await` it at module load (top-level await). */
export function districtRuntime(): Promise<DistrictRuntime> {
  shared ??= createDistrictRuntime();
  return shared;
}
