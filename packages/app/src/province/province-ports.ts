import type { ProvinceReportLedger, ProvincialKeyring, ProvincialPeoplePort, ProvincialService } from '@firstline/domain/health-codes/index';

/** What a district's use cases need of the province; absent when the district has no province configured. */
export interface ProvincePorts {
  readonly service: ProvincialService;
  readonly keyring: ProvincialKeyring;
  readonly people: ProvincialPeoplePort;
  readonly ledger: ProvinceReportLedger;
  /** The province's ID-number digest (keyed with the salt the province gave the district). */
  idDigest(idNumber: string): string;
}
