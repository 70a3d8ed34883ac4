import type * as z from 'zod';
import type { RouteContract } from './route-contracts.ts';
import {
  openApiRoute, putRegistryRoute, registerResidentRoute, putContactRoute, withdrawContactRoute, callGroupBuyRoute, postTestRoundRoute, listTestRoundsRoute, testRoundProgressRoute, postSamplesRoute, postResultsRoute, postSelfTestRoute, getResidentRoute, issueCodeRoute, residentHouseholdRoute, putHouseholdNeedsRoute, listHouseholdNeedsRoute, postCareVisitRoute, openUrgentRequestRoute, urgentRequestStepRoute, listUrgentRequestsRoute, codeKeysRoute, postScansRoute, postCaseRoute, releaseCaseRoute, approveCaseReleaseRoute, postGridLogRoute, approveGridLogRoute, approveGridLogsRoute, reopenGridDayRoute, putVolunteerRoute, postDeliveryRoute, postGroupBuyRoute, getDeliveryRoute, listDeliveriesRoute, volunteerDutyRoute, volunteerTasksRoute, postDeliveryEventRoute, dailyReportRoute, reportSeriesRoute, epidemicFreeRoute, careReportRoute, battleMapRoute, listFeverScansRoute, followUpFeverScanRoute, listOpenCasesRoute, listQuarantinesEndingRoute, listUnreportedGridsRoute, postCloseDayRoute, closeStatusRoute, cityDailyReportRoute, cityReportSeriesRoute,
} from './route-contracts.ts';

/** Every route's contract: the one place the OpenAPI document, the clients and the tests read. */
const all = [
  openApiRoute,
  putRegistryRoute,
  registerResidentRoute,
  putContactRoute,
  withdrawContactRoute,
  getResidentRoute,
  issueCodeRoute,
  residentHouseholdRoute,
  putHouseholdNeedsRoute,
  listHouseholdNeedsRoute,
  postCareVisitRoute,
  openUrgentRequestRoute,
  urgentRequestStepRoute,
  listUrgentRequestsRoute,
  codeKeysRoute,
  postScansRoute,
  postCaseRoute,
  releaseCaseRoute,
  approveCaseReleaseRoute,
  postGridLogRoute,
  approveGridLogRoute,
  approveGridLogsRoute,
  reopenGridDayRoute,
  putVolunteerRoute,
  postDeliveryRoute,
  postGroupBuyRoute,
  callGroupBuyRoute,
  postTestRoundRoute,
  listTestRoundsRoute,
  testRoundProgressRoute,
  postSamplesRoute,
  postResultsRoute,
  postSelfTestRoute,
  getDeliveryRoute,
  listDeliveriesRoute,
  volunteerDutyRoute,
  volunteerTasksRoute,
  postDeliveryEventRoute,
  dailyReportRoute,
  reportSeriesRoute,
  epidemicFreeRoute,
  careReportRoute,
  battleMapRoute,
  listFeverScansRoute,
  followUpFeverScanRoute,
  listOpenCasesRoute,
  listQuarantinesEndingRoute,
  listUnreportedGridsRoute,
  postCloseDayRoute,
  closeStatusRoute,
  cityDailyReportRoute,
  cityReportSeriesRoute,
] as const satisfies readonly RouteContract[];

export const contracts = Object.fromEntries(all.map((contract) => [contract.route, contract])) as { readonly [C in (typeof all)[number] as C['route']]: C };

export type Contracts = typeof contracts;
export type ContractKey = keyof Contracts;

/**
 * The success body of a route, as its contract's response schema outputs it: the type a handler
 * of the route returns, and a client receives.
 */
export type RouteResponse<K extends ContractKey> = z.output<Contracts[K]['response']>;

/** `T` with every array and property read-only, at every depth. */
export type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[]
  : T extends object ? { readonly [P in keyof T]: DeepReadonly<T[P]> }
  : T;

/**
 * What a handler of the route may return as its success body: `RouteResponse<K>` read-only at
 * every depth, so a view over the domain's read-only entities (a delivery's history) binds as it
 * is, without copying; any missing, extra-typed or mistyped field still fails to compile.
 */
export type ReadonlyRouteResponse<K extends ContractKey> = DeepReadonly<RouteResponse<K>>;
