import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CareCountStore } from '../dynamodb/care-count-store.ts';
import { CaseStore } from '../dynamodb/case-store.ts';
import { CloseRunStore } from '../dynamodb/close-run-store.ts';
import { ContactStore, NotificationLogStore } from '../dynamodb/contact-store.ts';
import { DeliveryStore } from '../dynamodb/delivery-store.ts';
import { FeverScanStore } from '../dynamodb/fever-scan-store.ts';
import { GridLogStore } from '../dynamodb/grid-log-store.ts';
import { HouseholdStore } from '../dynamodb/household-store.ts';
import { PopulationStore } from '../dynamodb/population-store.ts';
import { RegistryStore } from '../dynamodb/registry-store.ts';
import { ResidentStore } from '../dynamodb/resident-store.ts';
import { ScanCountStore } from '../dynamodb/scan-count-store.ts';
import { ScanStore } from '../dynamodb/scan-store.ts';
import { SnapshotStore } from '../dynamodb/snapshot-store.ts';
import { TestRoundStore } from '../dynamodb/test-round-store.ts';
import { UrgentRequestStore } from '../dynamodb/urgent-request-store.ts';
import { VolunteerStore } from '../dynamodb/volunteer-store.ts';
import { WindowCounterStore } from '../dynamodb/window-counter-store.ts';
import type { FunctionSpec } from '@firstline/service/manifest';
import type { RuntimeConfig } from './runtime-config.ts';

/** What a store is built from: the container's document client and its tables. */
export interface StoreContext {
  readonly documents: DynamoDBDocumentClient;
  readonly tables: RuntimeConfig['tables'];
  readonly config: RuntimeConfig;
  /** The function's manifest entry (none for a tool's runtime): what it declares it may do. */
  readonly own: FunctionSpec | undefined;
}

/**
 * Builds one store, as the runtime's ports it serves. A handler names the stores it uses
 * (`functionRuntime`), so its bundle holds only those: each is its own export, and esbuild leaves
 * out the ones nothing names.
 */
export type Store = (context: StoreContext) => object;

export const registryStore = ({ documents, tables }: StoreContext) => ({ registry: new RegistryStore(documents, tables.core) });
export const residentStore = ({ documents, tables }: StoreContext) => ({ residents: new ResidentStore(documents, tables.core) });
export const scanStore = ({ documents, tables }: StoreContext) => ({ scans: new ScanStore(documents, tables.scans) });
/** Scans as they are counted: packs, the live fold, the live counters. */
export const scanCountStore = ({ documents, tables }: StoreContext) => ({ scanCounts: new ScanCountStore(documents, tables) });
export const householdStore = ({ documents, tables }: StoreContext) => {
  const households = new HouseholdStore(documents, tables.core);
  return { households, householdBuildings: households, householdNeeds: households };
};
/** Fixed-window counters behind the limits on ID-number lookups. */
export const lookupCounterStore = ({ documents, tables }: StoreContext) => ({ lookupCounters: new WindowCounterStore(documents, tables.core) });
export const caseStore = ({ documents, tables }: StoreContext) => {
  const cases = new CaseStore(documents, tables.core);
  return { cases, openCases: cases };
};
export const feverScanStore = ({ documents, tables }: StoreContext) => ({ feverScans: new FeverScanStore(documents, tables.core) });
export const snapshotStore = ({ documents, tables }: StoreContext) => ({ snapshots: new SnapshotStore(documents, tables.stats) });
export const deliveryStore = ({ documents, tables }: StoreContext) => ({ deliveries: new DeliveryStore(documents, tables) });
export const volunteerStore = ({ documents, tables }: StoreContext) => ({ volunteers: new VolunteerStore(documents, tables.core) });
export const gridLogStore = ({ documents, tables }: StoreContext) => ({ gridLogs: new GridLogStore(documents, tables.core) });
export const populationStore = ({ documents, tables }: StoreContext) => ({ population: new PopulationStore(documents, tables.stats) });
export const urgentRequestStore = ({ documents, tables }: StoreContext) => ({ urgentRequests: new UrgentRequestStore(documents, tables.core) });
export const careCountStore = ({ documents, tables }: StoreContext) => ({ careCounts: new CareCountStore(documents, tables.stats) });
export const closeRunStore = ({ documents, tables }: StoreContext) => ({ closeRuns: new CloseRunStore(documents, tables.stats) });
/** Consented numbers, sealed: only the contact routes write them and only the notifier reads them. */
export const contactStore = ({ documents, tables }: StoreContext) => ({ contacts: new ContactStore(documents, tables.core) });
export const notificationLogStore = ({ documents, tables }: StoreContext) => ({ notificationLog: new NotificationLogStore(documents, tables.core) });
/** Testing rounds: the rounds, each person's sample once, and the counts per building a report reads. */
export const testRoundStore = ({ documents, tables }: StoreContext) => ({ testRounds: new TestRoundStore(documents, tables.core) });

/** Every store: what tools, benchmarks and tests work with (`districtRuntime`). */
export const everyStore: readonly Store[] = [
  registryStore, residentStore, scanStore, scanCountStore, householdStore, lookupCounterStore, caseStore, feverScanStore, snapshotStore,
  deliveryStore, volunteerStore, gridLogStore, populationStore, urgentRequestStore, careCountStore, closeRunStore,
  contactStore, notificationLogStore, testRoundStore,
];
