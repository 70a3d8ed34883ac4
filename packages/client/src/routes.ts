import type * as z from 'zod';
import type { ContractKey, Contracts, RouteResponse } from '@firstline/schemas';

/** API.md's error body. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: readonly { path: string; message: string }[] };
}

type Field<K extends ContractKey, F extends 'body' | 'query' | 'params'> =
  Contracts[K] extends { readonly [P in F]: infer S extends z.ZodType } ? z.input<S> : never;

/** What a route takes, typed from its contract: only the parts it has, each as its schema accepts it. */
export type RouteInput<K extends ContractKey> =
  & ([Field<K, 'params'>] extends [never] ? unknown : { readonly params: Field<K, 'params'> })
  & ([Field<K, 'query'>] extends [never] ? unknown : { readonly query: Field<K, 'query'> })
  & ([Field<K, 'body'>] extends [never] ? unknown : { readonly body: Field<K, 'body'> });

/**
 * What a route answers: on success its contract's response schema (`RouteResponse` of
 * `@firstline/schemas`, the type its handler returns), the CSV text where the route offers CSV and
 * the request asked for it, or else an API error body. The status tells them apart.
 */
export type RouteOutput<K extends ContractKey> = RouteResponse<K> | (Contracts[K] extends { readonly csv: true } ? string : never) | ApiErrorBody;

/** `GET /v1/residents/{personId}` with `{ personId: 'p 1' }` → `/v1/residents/p%201`, plus the query string. */
export function routePath(route: ContractKey, input: { params?: object; query?: object }): { method: string; path: string } {
  const [method, template] = route.split(' ') as [string, string];
  const params = (input.params ?? {}) as Record<string, string>;
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
  const query = new URLSearchParams(Object.entries(input.query ?? {}).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]]))).toString();
  return { method, path: query ? `${path}?${query}` : path };
}
