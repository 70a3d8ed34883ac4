import type * as z from 'zod';
import { apiDocument } from './openapi.schema.ts';
import { callGroupBuyBody, contactView, contactWithdrawn, groupBuyCalled, groupBuyParams, putContactBody } from './reach.schema.ts';
import { battleMap, battleMapQuery } from './battle-map.schema.ts';
import { careReport } from './care-report.schema.ts';
import { cityReport, cityReportQuery, citySeries, citySeriesQuery } from './city.schema.ts';
import {
  deliveryAccepted, deliveryEventBody, deliveryPage, deliveryParams, deliveryView, groupBuyAccepted, listDeliveriesQuery,
  postDeliveryBody, postGroupBuyBody, putVolunteerBody, volunteerParams, volunteerSaved, volunteerTasks,
} from './deliveries.schema.ts';
import { codeKeys, householdView, volunteerDuty, volunteerDutyBody } from './frontline.schema.ts';
import {
  approveGridLogBody, approveGridLogsBody, gridDayReopened, gridLogParams, gridLogRecorded, gridLogsApproved, postGridLogBody, reopenGridDayBody,
} from './grid-logs.schema.ts';
import { registryCounts, registryDocument } from './registry.schema.ts';
import { closeDayBody, closeRunParams, closeRunView, epidemicFreeQuery, epidemicFreeReport, unitReport, unitReportQuery, unitReportSeries, unitSeriesQuery } from './reports.schema.ts';
import { personParams, registerResidentBody, residentCode, residentSummary, residentView } from './residents.schema.ts';
import {
  postResultsBody, postSamplesBody, postSelfTestBody, postTestRoundBody, resultsRecorded, samplesRecorded, selfTestRecorded,
  testRoundList, testRoundParams, testRoundProgress, testRoundProgressQuery, testRoundsQuery, testRoundView,
} from './testing.schema.ts';
import { openUrgentBody, urgentList, urgentParams, urgentQuery, urgentRequestView, urgentStepBody } from './urgent-requests.schema.ts';
import { careVisitBody, householdNeedsBody, householdNeedsList, householdNeedsQuery, householdNeedsView, householdParams } from './household-needs.schema.ts';
import { feverFollowUpBody, feverScanItem, feverScanList, feverScanParams, openCaseList, quarantineEndingList, unreportedGridList, workListQuery } from './work-lists.schema.ts';
import {
  approveReleaseBody, caseParams, caseReleased, caseReported, postCaseBody, postScansBody, postScansResponse, releaseCaseBody,
} from './scans.schema.ts';

/** What a route takes and answers: the one place handlers, the OpenAPI document and clients read. */
export interface RouteContract {
  /** The route it describes, as the manifest declares it: `POST /v1/scans`. */
  readonly route: string;
  readonly summary: string;
  /** The success status; `response` is its body. */
  readonly status: number;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  /** The JSON body of the success answer, exactly as the handler builds it. */
  readonly response: z.ZodType;
  /** The route also answers its report as `text/csv` when the request's Accept header asks for it. */
  readonly csv?: true;
}

/**
 * Each route's contract, one export each, so that a handler's bundle holds its own route's schemas
 * and no other (`contracts.ts` gathers them all for the API document and the clients).
 */

export const openApiRoute = { route: 'GET /openapi.json', summary: "This stack's OpenAPI 3.1 document (no token needed)", status: 200, response: apiDocument } as const satisfies RouteContract;

export const putRegistryRoute = { route: 'PUT /v1/registry', summary: 'Upsert the district hierarchy and policy', status: 200, body: registryDocument, response: registryCounts } as const satisfies RouteContract;

export const registerResidentRoute = { route: 'POST /v1/residents', summary: 'Register a resident (pseudonymised, masked)', status: 201, body: registerResidentBody, response: residentSummary } as const satisfies RouteContract;
export const putContactRoute = { route: 'PUT /v1/residents/{personId}/contact', summary: "A resident's consent to be reached: the number sealed for the notifier, masked everywhere else", status: 200, params: personParams, body: putContactBody, response: contactView } as const satisfies RouteContract;
export const withdrawContactRoute = { route: 'DELETE /v1/residents/{personId}/contact', summary: 'Consent withdrawn: the sealed number deleted, the withdrawal kept', status: 200, params: personParams, response: contactWithdrawn } as const satisfies RouteContract;

export const getResidentRoute = { route: 'GET /v1/residents/{personId}', summary: 'A resident with the last 14 days of scans', status: 200, params: personParams, response: residentView } as const satisfies RouteContract;

export const issueCodeRoute = { route: 'GET /v1/residents/{personId}/code', summary: 'A signed single-use health code, valid 5 minutes', status: 200, params: personParams, response: residentCode } as const satisfies RouteContract;

export const residentHouseholdRoute = { route: 'GET /v1/residents/{personId}/household', summary: "A resident's own household: outings left and its deliveries with call numbers", status: 200, params: personParams, response: householdView } as const satisfies RouteContract;

export const putHouseholdNeedsRoute = { route: 'PUT /v1/households/{householdId}/needs', summary: "Register a vulnerable household's needs (its deliveries then go with their priority)", status: 200, params: householdParams, body: householdNeedsBody, response: householdNeedsView } as const satisfies RouteContract;

export const listHouseholdNeedsRoute = { route: 'GET /v1/households/needs', summary: "A grid's vulnerable households, their needs and whether a care visit is due", status: 200, query: householdNeedsQuery, response: householdNeedsList } as const satisfies RouteContract;

export const postCareVisitRoute = { route: 'POST /v1/households/{householdId}/visits', summary: "A carer's visit or call to a vulnerable household, and what was found", status: 200, params: householdParams, body: careVisitBody, response: householdNeedsView } as const satisfies RouteContract;

export const openUrgentRequestRoute = { route: 'POST /v1/urgent-requests', summary: 'Open an urgent medical request for a household; its clock starts', status: 201, body: openUrgentBody, response: urgentRequestView } as const satisfies RouteContract;

export const urgentRequestStepRoute = { route: 'POST /v1/urgent-requests/{requestId}/steps', summary: 'Acknowledge an urgent request, or say how it was arranged (each step once, with who and when)', status: 200, params: urgentParams, body: urgentStepBody, response: urgentRequestView } as const satisfies RouteContract;

export const listUrgentRequestsRoute = { route: 'GET /v1/urgent-requests', summary: "A grid's urgent requests not yet arranged, the most overdue first", status: 200, query: urgentQuery, response: urgentList } as const satisfies RouteContract;

export const codeKeysRoute = { route: 'GET /v1/keys/codes', summary: 'The public key that verifies codes, for a gate judging codes offline', status: 200, response: codeKeys } as const satisfies RouteContract;

export const postScansRoute = { route: 'POST /v1/scans', summary: 'Verdicts for 1–100 gate scans; each is recorded and counted once', status: 200, body: postScansBody, response: postScansResponse } as const satisfies RouteContract;

export const postCaseRoute = { route: 'POST /v1/cases', summary: 'Report a four-category case', status: 201, body: postCaseBody, response: caseReported } as const satisfies RouteContract;

export const releaseCaseRoute = { route: 'POST /v1/cases/{caseId}/release', summary: 'Release a case', status: 200, params: caseParams, body: releaseCaseBody, response: caseReleased } as const satisfies RouteContract;

export const approveCaseReleaseRoute = {
  route: 'POST /v1/admin/cases/{caseId}/approve-release',
  summary: 'Approve a confirmed or central-quarantine case\'s release (a second person: an admin other than the reporter or the asker)',
  status: 200, params: caseParams, body: approveReleaseBody, response: caseReleased,
} as const satisfies RouteContract;

export const postGridLogRoute = { route: 'POST /v1/grid-logs', summary: "Log a grid's day of work (after the day's deadline: late)", status: 201, body: postGridLogBody, response: gridLogRecorded } as const satisfies RouteContract;

export const approveGridLogRoute = { route: 'POST /v1/admin/grid-logs/{logId}/approve', summary: 'Count a late log for certification, with who, when and why', status: 200, params: gridLogParams, body: approveGridLogBody, response: gridLogRecorded } as const satisfies RouteContract;

export const approveGridLogsRoute = { route: 'POST /v1/admin/grid-logs/approve', summary: 'Count up to 100 late logs for certification at once, with one reason', status: 200, body: approveGridLogsBody, response: gridLogsApproved } as const satisfies RouteContract;

export const reopenGridDayRoute = { route: 'POST /v1/admin/grid-logs/reopen', summary: "Reopen a grid's locked day for 24 h (its logs are taken, late), with who, when and why", status: 200, body: reopenGridDayBody, response: gridDayReopened } as const satisfies RouteContract;

export const putVolunteerRoute = { route: 'PUT /v1/volunteers/{volunteerId}', summary: 'Upsert a volunteer; off duty releases tasks not picked up', status: 200, params: volunteerParams, body: putVolunteerBody, response: volunteerSaved } as const satisfies RouteContract;

export const postDeliveryRoute = { route: 'POST /v1/deliveries', summary: 'Request a delivery (queued for dispatch)', status: 202, body: postDeliveryBody, response: deliveryAccepted } as const satisfies RouteContract;

export const postGroupBuyRoute = { route: 'POST /v1/group-buys', summary: 'A group-buy arrived: one delivery per household, with call numbers', status: 202, body: postGroupBuyBody, response: groupBuyAccepted } as const satisfies RouteContract;
export const callGroupBuyRoute = { route: 'POST /v1/group-buys/{groupBuyId}/calls', summary: "Call a group-buy's numbers in order, paced: each household with a consented number is told by SMS", status: 202, params: groupBuyParams, body: callGroupBuyBody, response: groupBuyCalled } as const satisfies RouteContract;

export const postTestRoundRoute = { route: 'POST /v1/test-rounds', summary: "A community's testing round: its buildings in batches and time slots, each household told its slot", status: 201, body: postTestRoundBody, response: testRoundView } as const satisfies RouteContract;
export const listTestRoundsRoute = { route: 'GET /v1/test-rounds', summary: "A day's testing rounds of a grid, or of a sampling point's community, with how far each has come", status: 200, query: testRoundsQuery, response: testRoundList } as const satisfies RouteContract;
export const testRoundProgressRoute = { route: 'GET /v1/test-rounds/{roundId}', summary: 'A testing round building by building: who is tested, the results, and by name who has not been', status: 200, params: testRoundParams, query: testRoundProgressQuery, response: testRoundProgress } as const satisfies RouteContract;
export const postSamplesRoute = { route: 'POST /v1/test-rounds/{roundId}/samples', summary: 'People sampled at the sampling point (a batch of up to 100 from a phone that was offline), each once a round', status: 200, params: testRoundParams, body: postSamplesBody, response: samplesRecorded } as const satisfies RouteContract;
export const postResultsRoute = { route: 'POST /v1/test-rounds/{roundId}/results', summary: "A round's results, per tube (the lab's CSV) or per person; a positive opens a suspected case", status: 200, params: testRoundParams, body: postResultsBody, response: resultsRecorded } as const satisfies RouteContract;
export const postSelfTestRoute = { route: 'POST /v1/residents/{personId}/self-tests', summary: "A resident's antigen self-test: counted in the day's antigen round of their building; a positive opens a suspected case", status: 201, params: personParams, body: postSelfTestBody, response: selfTestRecorded } as const satisfies RouteContract;

export const getDeliveryRoute = { route: 'GET /v1/deliveries/{deliveryId}', summary: 'A delivery with its history', status: 200, params: deliveryParams, response: deliveryView } as const satisfies RouteContract;

export const listDeliveriesRoute = { route: 'GET /v1/deliveries', summary: "A grid's deliveries, paginated", status: 200, query: listDeliveriesQuery, response: deliveryPage } as const satisfies RouteContract;

export const volunteerDutyRoute = { route: 'PUT /v1/volunteers/{volunteerId}/duty', summary: 'A volunteer goes on or off duty (off duty hands back what is not picked up)', status: 200, params: volunteerParams, body: volunteerDutyBody, response: volunteerDuty } as const satisfies RouteContract;

export const volunteerTasksRoute = { route: 'GET /v1/volunteers/{volunteerId}/tasks', summary: "A volunteer's open tasks in walking order", status: 200, params: volunteerParams, response: volunteerTasks } as const satisfies RouteContract;

export const postDeliveryEventRoute = { route: 'POST /v1/deliveries/{deliveryId}/events', summary: 'Picked up, delivered or failed, by the assigned volunteer', status: 200, params: deliveryParams, body: deliveryEventBody, response: deliveryView } as const satisfies RouteContract;

export const dailyReportRoute = { route: 'GET /v1/reports/daily', summary: 'A unit\'s daily report with one row per child (Accept: text/csv for CSV)', status: 200, query: unitReportQuery, response: unitReport, csv: true } as const satisfies RouteContract;

export const reportSeriesRoute = { route: 'GET /v1/reports/series', summary: 'A unit\'s daily reports, without children, over at most 92 days', status: 200, query: unitSeriesQuery, response: unitReportSeries } as const satisfies RouteContract;

export const epidemicFreeRoute = { route: 'GET /v1/reports/epidemic-free', summary: 'Which grids, communities or streets are epidemic-free on a day', status: 200, query: epidemicFreeQuery, response: epidemicFreeReport } as const satisfies RouteContract;

export const careReportRoute = {
  route: 'GET /v1/reports/care',
  summary: "A unit's care of a day: urgent requests opened, acknowledged, arranged and escalated, median minutes to each step, care visits; today also what is open now",
  status: 200, query: unitReportQuery, response: careReport,
} as const satisfies RouteContract;

export const battleMapRoute = {
  route: 'GET /v1/reports/map',
  summary: "The battle map (挂图作战): every grid the caller may see with its state on a day, and the streets and communities they lie in",
  status: 200, query: battleMapQuery, response: battleMap,
} as const satisfies RouteContract;

export const listFeverScansRoute = { route: 'GET /v1/work-lists/fever-scans', summary: 'Fevers at the gates of the last 48 h not yet followed up, oldest first (a page; Accept: text/csv for CSV)', status: 200, query: workListQuery, response: feverScanList, csv: true } as const satisfies RouteContract;

export const followUpFeverScanRoute = { route: 'POST /v1/work-lists/fever-scans/{scanId}/follow-up', summary: 'Mark a fever at the gate followed up, or turned into a case (the first follow-up stays)', status: 200, params: feverScanParams, body: feverFollowUpBody, response: feverScanItem } as const satisfies RouteContract;

export const listOpenCasesRoute = {
  route: 'GET /v1/work-lists/open-cases',
  summary: 'Open four-category persons, grid by grid, with category, quarantine and days since reported (a page; Accept: text/csv for CSV)',
  status: 200, query: workListQuery, response: openCaseList, csv: true,
} as const satisfies RouteContract;

export const listQuarantinesEndingRoute = {
  route: 'GET /v1/work-lists/quarantines-ending',
  summary: 'Quarantines of open cases ending within 48 h, or ended and not yet released (a page; Accept: text/csv for CSV)',
  status: 200, query: workListQuery, response: quarantineEndingList, csv: true,
} as const satisfies RouteContract;

export const listUnreportedGridsRoute = { route: 'GET /v1/work-lists/unreported-grids', summary: "Grids with no log today once the reporting deadline has passed (a page; Accept: text/csv for CSV)", status: 200, query: workListQuery, response: unreportedGridList, csv: true } as const satisfies RouteContract;

export const postCloseDayRoute = {
  route: 'POST /v1/admin/close-day',
  summary: 'Close a day: every grid recounted from the records, in parallel shards; answers at once with the close to follow',
  status: 202, body: closeDayBody, response: closeRunView,
} as const satisfies RouteContract;

export const closeStatusRoute = { route: 'GET /v1/admin/closes/{closeId}', summary: 'How far a close has got, and when it was done', status: 200, params: closeRunParams, response: closeRunView } as const satisfies RouteContract;

export const cityDailyReportRoute = {
  route: 'GET /v1/city/reports/daily',
  summary: "The city's day: totals and one row per district, aggregates only (city stack; Accept: text/csv for CSV)",
  status: 200,
  query: cityReportQuery,
  response: cityReport,
  csv: true,
} as const satisfies RouteContract;

export const cityReportSeriesRoute = {
  route: 'GET /v1/city/reports/series',
  summary: "The city's days, without district rows, over at most 92 days (city stack)",
  status: 200,
  query: citySeriesQuery,
  response: citySeries,
} as const satisfies RouteContract;
