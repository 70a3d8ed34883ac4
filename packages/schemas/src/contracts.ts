import * as z from 'zod';
import { cityReport, cityReportQuery, citySeries, citySeriesQuery } from './city.schema.ts';
import { day, id } from './common.ts';
import { deliveryEventBody, deliveryParams, listDeliveriesQuery, postDeliveryBody, postGroupBuyBody, putVolunteerBody, volunteerParams } from './deliveries.schema.ts';
import { postGridLogBody } from './grid-logs.schema.ts';
import { registryCounts, registryDocument } from './registry.schema.ts';
import { personParams, registerResidentBody, residentCode, residentSummary, residentView } from './residents.schema.ts';
import { caseParams, postCaseBody, postScansBody, postScansResponse, releaseCaseBody } from './scans.schema.ts';

/** What a route takes and answers: the one place handlers, the OpenAPI document and clients read. */
export interface RouteContract {
  readonly summary: string;
  readonly status: number;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  readonly response?: z.ZodType;
}

const accepted = z.object({ deliveryId: z.string(), status: z.literal('queued') });

export const contracts = {
  'GET /openapi.json': { summary: "This stack's OpenAPI 3.1 document (no token needed)", status: 200 },
  'PUT /v1/registry': { summary: 'Upsert the district hierarchy and policy', status: 200, body: registryDocument, response: registryCounts },
  'POST /v1/residents': { summary: 'Register a resident (pseudonymised, masked)', status: 201, body: registerResidentBody, response: residentSummary },
  'GET /v1/residents/{personId}': { summary: 'A resident with the last 14 days of scans', status: 200, params: personParams, response: residentView },
  'GET /v1/residents/{personId}/code': { summary: 'A signed single-use health code, valid 5 minutes', status: 200, params: personParams, response: residentCode },
  'POST /v1/scans': { summary: 'Verdicts for 1–100 gate scans; each is recorded and counted once', status: 200, body: postScansBody, response: postScansResponse },
  'POST /v1/cases': { summary: 'Report a four-category case', status: 201, body: postCaseBody },
  'POST /v1/cases/{caseId}/release': { summary: 'Release a case', status: 200, params: caseParams, body: releaseCaseBody },
  'POST /v1/grid-logs': { summary: "Log a grid's day of work", status: 201, body: postGridLogBody, response: postGridLogBody },
  'PUT /v1/volunteers/{volunteerId}': { summary: 'Upsert a volunteer; off duty releases tasks not picked up', status: 200, params: volunteerParams, body: putVolunteerBody },
  'POST /v1/deliveries': { summary: 'Request a delivery (queued for dispatch)', status: 202, body: postDeliveryBody, response: accepted },
  'POST /v1/group-buys': { summary: 'A group-buy arrived: one delivery per household, with call numbers', status: 202, body: postGroupBuyBody },
  'GET /v1/deliveries/{deliveryId}': { summary: 'A delivery with its history', status: 200, params: deliveryParams },
  'GET /v1/deliveries': { summary: "A grid's deliveries, paginated", status: 200, query: listDeliveriesQuery },
  'GET /v1/volunteers/{volunteerId}/tasks': { summary: "A volunteer's open tasks in walking order", status: 200, params: volunteerParams },
  'POST /v1/deliveries/{deliveryId}/events': { summary: 'Picked up, delivered or failed, by the assigned volunteer', status: 200, params: deliveryParams, body: deliveryEventBody },
  'GET /v1/reports/daily': {
    summary: 'A unit\'s daily report with one row per child (Accept: text/csv for CSV)',
    status: 200,
    query: z.strictObject({ level: z.enum(['grid', 'community', 'street', 'district']), id, date: day }),
  },
  'GET /v1/reports/series': {
    summary: 'A unit\'s daily reports, without children, over at most 92 days',
    status: 200,
    query: z.strictObject({ level: z.enum(['grid', 'community', 'street', 'district']), id, from: day, to: day })
      .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] })
      .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 92, { message: 'at most 92 days', path: ['to'] }),
  },
  'GET /v1/reports/epidemic-free': {
    summary: 'Which grids, communities or streets are epidemic-free on a day',
    status: 200,
    query: z.strictObject({ level: z.enum(['grid', 'community', 'street']), date: day }),
  },
  'POST /v1/admin/close-day': { summary: 'Close a day: recount every grid from the records', status: 200, body: z.strictObject({ date: day }) },
  'GET /v1/city/reports/daily': {
    summary: "The city's day: totals and one row per district, aggregates only (city stack)",
    status: 200,
    query: cityReportQuery,
    response: cityReport,
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
