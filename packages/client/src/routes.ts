import type * as z from 'zod';
import type { ContractKey, Contracts } from '@firstline/schemas';

/** API.md's error body. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: readonly { path: string; message: string }[] };
}

type Field<K extends ContractKey, F extends 'body' | 'query' | 'params' | 'response', IO extends 'input' | 'output'> =
  Contracts[K] extends { readonly [P in F]: infer S extends z.ZodType } ? (IO extends 'input' ? z.input<S> : z.output<S>) : never;

/** What a route takes, typed from its contract: only the parts it has, each as its schema accepts it. */
export type RouteInput<K extends ContractKey> =
  & ([Field<K, 'params', 'input'>] extends [never] ? unknown : { readonly params: Field<K, 'params', 'input'> })
  & ([Field<K, 'query', 'input'>] extends [never] ? unknown : { readonly query: Field<K, 'query', 'input'> })
  & ([Field<K, 'body', 'input'>] extends [never] ? unknown : { readonly body: Field<K, 'body', 'input'> });

/** What a route answers on success (its contract's response schema), or an API error body. */
export type RouteOutput<K extends ContractKey> = ([Field<K, 'response', 'output'>] extends [never] ? unknown : Field<K, 'response', 'output'>) | ApiErrorBody;

/** `GET /v1/residents/{personId}` with `{ personId: 'p 1' }` → `/v1/residents/p%201`, plus the query string. */
export function routePath(route: ContractKey, input: { params?: object; query?: object }): { method: string; path: string } {
  const [method, template] = route.split(' ') as [string, string];
  const params = (input.params ?? {}) as Record<string, string>;
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
  const query = new URLSearchParams(Object.entries(input.query ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();
  return { method, path: query ? `${path}?${query}` : path };
}
