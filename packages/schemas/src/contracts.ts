import * as z from 'zod';
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
import { openUrgentBody, urgentList, urgentParams, urgentQuery, urgentRequestView, urgentStepBody } from './urgent-requests.schema.ts';
import { careVisitBody, householdNeedsBody, householdNeedsList, householdNeedsQuery, householdNeedsView, householdParams } from './household-needs.schema.ts';
import { feverFollowUpBody, feverScanItem, feverScanList, feverScanParams, openCaseList, quarantineEndingList, unreportedGridList, workListQuery } from './work-lists.schema.ts';
import {
  approveReleaseBody, caseParams, caseReleased, caseReported, postCaseBody, postScansBody, postScansResponse, releaseCaseBody,
} from './scans.schema.ts';

/** What a route takes and answers: the one place handlers, the OpenAPI document and clients read. */
export interface RouteContract {
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
 * `GET /openapi.json`: an OpenAPI 3.1 document. Only what every generator reads first is pinned;
 * the rest is OpenAPI's own schema, which the tests check with a real linter.
 */
export const apiDocument = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  servers: z.array(z.looseObject({ url: z.string(), description: z.string().optional() })).min(1),
  paths: z.record(z.string().startsWith('/'), z.record(z.string(), z.unknown())),
  components: z.record(z.string(), z.unknown()),
});
export type ApiDocument = z.infer<typeof apiDocument>;

export const contracts = {
  'GET /openapi.json': { summary: "This stack's OpenAPI 3.1 document (no token needed)", status: 200, response: apiDocument },
  'PUT /v1/registry': { summary: 'Upsert the district hierarchy and policy', status: 200, body: registryDocument, response: registryCounts },
  'POST /v1/residents': { summary: 'Register a resident (pseudonymised, masked)', status: 201, body: registerResidentBody, response: residentSummary },
  'GET /v1/residents/{personId}': { summary: 'A resident with the last 14 days of scans', status: 200, params: personParams, response: residentView },
  'GET /v1/residents/{personId}/code': { summary: 'A signed single-use health code, valid 5 minutes', status: 200, params: personParams, response: residentCode },
  'GET /v1/residents/{personId}/household': {
    summary: "A resident's own household: outings left and its deliveries with call numbers", status: 200, params: personParams, response: householdView,
  },
  'PUT /v1/households/{householdId}/needs': {
    summary: "Register a vulnerable household's needs (its deliveries then go with their priority)", status: 200, params: householdParams, body: householdNeedsBody, response: householdNeedsView,
  },
  'GET /v1/households/needs': { summary: "A grid's vulnerable households, their needs and whether a care visit is due", status: 200, query: householdNeedsQuery, response: householdNeedsList },
  'POST /v1/households/{householdId}/visits': {
    summary: "A carer's visit or call to a vulnerable household, and what was found", status: 200, params: householdParams, body: careVisitBody, response: householdNeedsView,
  },
  'POST /v1/urgent-requests': { summary: 'Open an urgent medical request for a household; its clock starts', status: 201, body: openUrgentBody, response: urgentRequestView },
  'POST /v1/urgent-requests/{requestId}/steps': {
    summary: 'Acknowledge an urgent request, or say how it was arranged (each step once, with who and when)', status: 200, params: urgentParams, body: urgentStepBody, response: urgentRequestView,
  },
  'GET /v1/urgent-requests': { summary: "A grid's urgent requests not yet arranged, the most overdue first", status: 200, query: urgentQuery, response: urgentList },
  'GET /v1/keys/codes': { summary: 'The public key that verifies codes, for a gate judging codes offline', status: 200, response: codeKeys },
  'POST /v1/scans': { summary: 'Verdicts for 1–100 gate scans; each is recorded and counted once', status: 200, body: postScansBody, response: postScansResponse },
  'POST /v1/cases': { summary: 'Report a four-category case', status: 201, body: postCaseBody, response: caseReported },
  'POST /v1/cases/{caseId}/release': { summary: 'Release a case', status: 200, params: caseParams, body: releaseCaseBody, response: caseReleased },
  'POST /v1/admin/cases/{caseId}/approve-release': {
    summary: 'Approve a confirmed or central-quarantine case\'s release (a second person: an admin other than the reporter or the asker)',
    status: 200, params: caseParams, body: approveReleaseBody, response: caseReleased,
  },
  'POST /v1/grid-logs': { summary: "Log a grid's day of work (after the day's deadline: late)", status: 201, body: postGridLogBody, response: gridLogRecorded },
  'POST /v1/admin/grid-logs/{logId}/approve': {
    summary: 'Count a late log for certification, with who, when and why', status: 200, params: gridLogParams, body: approveGridLogBody, response: gridLogRecorded,
  },
  'POST /v1/admin/grid-logs/approve': {
    summary: 'Count up to 100 late logs for certification at once, with one reason', status: 200, body: approveGridLogsBody, response: gridLogsApproved,
  },
  'POST /v1/admin/grid-logs/reopen': {
    summary: "Reopen a grid's locked day for 24 h (its logs are taken, late), with who, when and why", status: 200, body: reopenGridDayBody, response: gridDayReopened,
  },
  'PUT /v1/volunteers/{volunteerId}': {
    summary: 'Upsert a volunteer; off duty releases tasks not picked up', status: 200, params: volunteerParams, body: putVolunteerBody, response: volunteerSaved,
  },
  'POST /v1/deliveries': { summary: 'Request a delivery (queued for dispatch)', status: 202, body: postDeliveryBody, response: deliveryAccepted },
  'POST /v1/group-buys': {
    summary: 'A group-buy arrived: one delivery per household, with call numbers', status: 202, body: postGroupBuyBody, response: groupBuyAccepted,
  },
  'GET /v1/deliveries/{deliveryId}': { summary: 'A delivery with its history', status: 200, params: deliveryParams, response: deliveryView },
  'GET /v1/deliveries': { summary: "A grid's deliveries, paginated", status: 200, query: listDeliveriesQuery, response: deliveryPage },
  'PUT /v1/volunteers/{volunteerId}/duty': {
    summary: 'A volunteer goes on or off duty (off duty hands back what is not picked up)', status: 200, params: volunteerParams, body: volunteerDutyBody, response: volunteerDuty,
  },
  'GET /v1/volunteers/{volunteerId}/tasks': { summary: "A volunteer's open tasks in walking order", status: 200, params: volunteerParams, response: volunteerTasks },
  'POST /v1/deliveries/{deliveryId}/events': {
    summary: 'Picked up, delivered or failed, by the assigned volunteer', status: 200, params: deliveryParams, body: deliveryEventBody, response: deliveryView,
  },
  'GET /v1/reports/daily': {
    summary: 'A unit\'s daily report with one row per child (Accept: text/csv for CSV)', status: 200, query: unitReportQuery, response: unitReport, csv: true,
  },
  'GET /v1/reports/series': {
    summary: 'A unit\'s daily reports, without children, over at most 92 days', status: 200, query: unitSeriesQuery, response: unitReportSeries,
  },
  'GET /v1/reports/epidemic-free': {
    summary: 'Which grids, communities or streets are epidemic-free on a day', status: 200, query: epidemicFreeQuery, response: epidemicFreeReport,
  },
  'GET /v1/reports/care': {
    summary: "A unit's care of a day: urgent requests opened, acknowledged, arranged and escalated, median minutes to each step, care visits; today also what is open now",
    status: 200, query: unitReportQuery, response: careReport,
  },
  'GET /v1/reports/map': {
    summary: "The battle map (挂图作战): every grid the caller may see with its state on a day, and the streets and communities they lie in",
    status: 200, query: battleMapQuery, response: battleMap,
  },
  'GET /v1/work-lists/fever-scans': {
    summary: 'Fevers at the gates of the last 48 h not yet followed up, oldest first (a page; Accept: text/csv for CSV)', status: 200, query: workListQuery, response: feverScanList, csv: true,
  },
  'POST /v1/work-lists/fever-scans/{scanId}/follow-up': {
    summary: 'Mark a fever at the gate followed up, or turned into a case (the first follow-up stays)', status: 200, params: feverScanParams, body: feverFollowUpBody, response: feverScanItem,
  },
  'GET /v1/work-lists/open-cases': {
    summary: 'Open four-category persons, grid by grid, with category, quarantine and days since reported (a page; Accept: text/csv for CSV)',
    status: 200, query: workListQuery, response: openCaseList, csv: true,
  },
  'GET /v1/work-lists/quarantines-ending': {
    summary: 'Quarantines of open cases ending within 48 h, or ended and not yet released (a page; Accept: text/csv for CSV)',
    status: 200, query: workListQuery, response: quarantineEndingList, csv: true,
  },
  'GET /v1/work-lists/unreported-grids': {
    summary: "Grids with no log today once the reporting deadline has passed (a page; Accept: text/csv for CSV)", status: 200, query: workListQuery, response: unreportedGridList, csv: true,
  },
  'POST /v1/admin/close-day': {
    summary: 'Close a day: every grid recounted from the records, in parallel shards; answers at once with the close to follow',
    status: 202, body: closeDayBody, response: closeRunView,
  },
  'GET /v1/admin/closes/{closeId}': { summary: 'How far a close has got, and when it was done', status: 200, params: closeRunParams, response: closeRunView },
  'GET /v1/city/reports/daily': {
    summary: "The city's day: totals and one row per district, aggregates only (city stack; Accept: text/csv for CSV)",
    status: 200,
    query: cityReportQuery,
    response: cityReport,
    csv: true,
  },
  'GET /v1/city/reports/series': {
    summary: "The city's days, without district rows, over at most 92 days (city stack)",
    status: 200,
    query: citySeriesQuery,
    response: citySeries,
  },
} as const satisfies Record<string, RouteContract>;

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
