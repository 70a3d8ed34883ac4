/// <reference lib="dom" />
import type { RouteResponse } from '@firstline/schemas';
import { lang } from './i18n.ts';

export type Report = RouteResponse<'GET /v1/reports/daily'> & { readonly missingDistricts?: readonly string[] };
export type ReportRow = Omit<Report, 'children' | 'missingDistricts'>;
export type Series = { readonly days: readonly ReportRow[] };
export type BattleMap = RouteResponse<'GET /v1/reports/map'>;
export type Tile = BattleMap['grids'][number];
/** A unit's care of a day: the district's care report, or the city's sums carried in its daily report. */
export type Care = Omit<RouteResponse<'GET /v1/reports/care'>, 'level' | 'id' | 'name' | 'date' | 'children'>;
export type Level = 'city' | 'district' | 'street' | 'community' | 'grid';

/** A unit on the drill-down trail; `district` is the district whose API holds it. */
export interface Unit {
  readonly level: Level;
  readonly id: string;
  name?: string;
  readonly district?: string;
}

/** Where each API is mounted (`/config.json`): the city at /v1/city, each district under its own prefix. */
export interface SiteConfig {
  readonly city: { readonly id: string; readonly name: string } | null;
  readonly districts: readonly { readonly id: string; readonly name: string; readonly api: string }[];
}

export const session = {
  token: sessionStorage.getItem('firstline-token') ?? '',
  config: { city: null, districts: [] } as SiteConfig,
};

/** The API base of the district holding `unit` ('' when the page is served by that district alone). */
const districtBase = (district: string | undefined) => session.config.districts.find((d) => d.id === district)?.api ?? '';

/** Where a unit's reports live: the city's routes, or the district's API that holds the unit. */
export function routes(unit: Unit) {
  if (unit.level === 'city') {
    // The city's care is in its daily report: it has no care report of its own.
    return { daily: (date: string) => `/v1/city/reports/daily?date=${date}`, series: (from: string, to: string) => `/v1/city/reports/series?from=${from}&to=${to}`, care: undefined };
  }
  const base = districtBase(unit.district);
  const query = `level=${unit.level}&id=${encodeURIComponent(unit.id)}`;
  return {
    daily: (date: string) => `${base}/v1/reports/daily?${query}&date=${date}`,
    series: (from: string, to: string) => `${base}/v1/reports/series?${query}&from=${from}&to=${to}`,
    care: (date: string) => `${base}/v1/reports/care?${query}&date=${date}`,
  };
}

/** A district's open urgent medical requests (one grid's with `gridId`). */
export const urgentRoute = (district: string, gridId?: string) => `${districtBase(district)}/v1/urgent-requests${gridId ? `?gridId=${encodeURIComponent(gridId)}` : ''}`;

/** Where an admin reopens a grid's locked day. */
export const reopenRoute = (district: string | undefined) => `${districtBase(district)}/v1/admin/grid-logs/reopen`;

export const mapRoute = (district: string, date: string) => `${districtBase(district)}/v1/reports/map?date=${date}`;

/** A work list of a district's API (or a follow-up under it), with its page and grid. */
export function workListRoute(district: string, path: string, query: { gridId?: string | undefined; limit?: number; cursor?: string | undefined } = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const search = params.toString();
  return `${districtBase(district)}/v1/work-lists/${path}${search ? `?${search}` : ''}`;
}

export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function call(path: string, accept: string, init: { method?: string; body?: string } = {}): Promise<Response> {
  // Accept-Language picks the CSV's header language; JSON answers are the same in both.
  const headers = { authorization: `Bearer ${session.token}`, accept, 'accept-language': lang(), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    const text = await res.text();
    let message = text.slice(0, 200);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // Not the API's error body (a proxy's page): its first words are the best we have.
    }
    throw new ApiError(res.status, `${res.status} ${message}`);
  }
  return res;
}

export const getJson = async <T>(path: string): Promise<T> => (await call(path, 'application/json')).json() as Promise<T>;

/** A POST with a JSON body (a grid worker's follow-up); the answer's JSON, or the API's error. */
export const postJson = async <T>(path: string, body: unknown): Promise<T> => (await call(path, 'application/json', { method: 'POST', body: JSON.stringify(body) })).json() as Promise<T>;

/** The CSV as bytes: reading it as text would drop the byte-order mark Excel and WPS need. */
export const getCsv = async (path: string): Promise<Blob> => new Blob([await (await call(path, 'text/csv')).arrayBuffer()], { type: 'text/csv;charset=utf-8' });

export interface Claims {
  readonly district?: string;
  readonly role?: string;
}

export function claims(token: string): Claims {
  try {
    return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Claims;
  } catch {
    return {};
  }
}

export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export function addDays(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}
