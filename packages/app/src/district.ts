import type {
  CareCountPort, CasePort, CityRollupQueue, CloseRunPort, CloseShardQueue, CodeIssuer, DayRevisionQueue, DeliveryPort, DispatchQueue, GridLogPort, HouseholdNeedsPort, OutingsPort, Policy, PopulationPort,
  Pseudonymizer, UrgentRequestPort, FeverScanPort, OpenCasePort,
  RegistryIndex, RegistryPort, ResidentPort, ScanEventsQueue, ScanCountPort, ScanPort, SnapshotPort, VolunteerPort,
  ContactPort, NotificationLogPort, NotificationQueue, TestRoundPort,
} from '@firstline/domain';
import { defaultPolicy, NoRegistryError } from '@firstline/domain';
import type { CaseEventQueue } from '@firstline/domain/health-codes/index';
import type { ProvincePorts } from './province/province-ports.ts';

/** Everything a district's use cases read and write, built once per container by the runtime. */
export interface DistrictPorts {
  readonly district: string;
  /** The stack's configured zone, until the registry names the district's own. */
  readonly defaultTimeZone: string;
  readonly pseudonyms: Pseudonymizer;
  readonly codes: CodeIssuer;
  readonly registry: RegistryPort;
  readonly residents: ResidentPort;
  readonly scans: ScanPort;
  readonly scanCounts: ScanCountPort;
  readonly households: OutingsPort;
  /** Vulnerable households' needs: what gives their deliveries priority, and what carers serve. */
  readonly householdNeeds: HouseholdNeedsPort;
  readonly cases: CasePort;
  readonly snapshots: SnapshotPort;
  readonly deliveries: DeliveryPort;
  readonly volunteers: VolunteerPort;
  readonly gridLogs: GridLogPort;
  /** Urgent medical requests and their clocks. */
  readonly urgentRequests: UrgentRequestPort;
  /** Care counted by grid and day: requests, their steps and minutes, escalations, visits. */
  readonly careCounts: CareCountPort;
  /** Work lists: fevers at the gates waiting for a follow-up, and the district's open cases grid by grid. */
  readonly feverScans: FeverScanPort;
  readonly openCases: OpenCasePort;
  /** Residents and households registered per grid: what a log's figures are checked against. */
  readonly population: PopulationPort;
  readonly scanEvents: ScanEventsQueue;
  readonly dispatch: DispatchQueue;
  /** Closed days to close again within a minute: a late case, a release, an approved late log. */
  readonly dayRevisions: DayRevisionQueue;
  /** Closes under way, and the queue their shards wait in. */
  readonly closeRuns: CloseRunPort;
  readonly closeShards: CloseShardQueue;
  /** Absent for a district outside a city. */
  readonly cityRollup?: CityRollupQueue | undefined;
  /** Consented numbers, sealed, by household; what each notification became; the notifier's queue. */
  readonly contacts: ContactPort;
  readonly notificationLog: NotificationLogPort;
  readonly notifications: NotificationQueue;
  /** Testing rounds by building: the rounds, who was tested, the results. */
  readonly testRounds: TestRoundPort;
  /**
   * The provincial health-code service and Firstline's link to it; absent when the district has
   * none configured (its gates then take Firstline's own code only, and no case goes upward).
   */
  readonly province?: ProvincePorts | undefined;
  /** Where case registrations and releases wait to be reported upward; absent without a province. */
  readonly caseEvents?: CaseEventQueue | undefined;
}

export interface DistrictSettings {
  readonly timeZone: string;
  readonly policy: Policy;
}

/** The district's time zone and policy: the registry's, or the stack's defaults before one is uploaded. */
export async function districtSettings(ports: Pick<DistrictPorts, 'registry' | 'defaultTimeZone'>): Promise<DistrictSettings> {
  const district = (await ports.registry.index())?.registry.district;
  return { timeZone: district?.timeZone ?? ports.defaultTimeZone, policy: district?.policy ?? defaultPolicy };
}

/** A miss in the cached registry reads it again, at most this often a container. */
const missRefreshMs = 1_000;

/**
 * The registry with its lookups, or the one error every route gives before a registry exists.
 * When the cached registry does not have what the request names (`has` is false), it is read again
 * (at most once a second a container): an admin who has just added a building or a checkpoint uses
 * it the next moment, on a container that cached the registry before.
 */
export async function requireRegistry(ports: Pick<DistrictPorts, 'registry'>, has: (index: RegistryIndex) => boolean = () => true): Promise<RegistryIndex> {
  let index = await ports.registry.index();
  if (index && !has(index)) index = await ports.registry.refresh(missRefreshMs);
  if (!index) throw new NoRegistryError();
  return index;
}
