import type { ContractKey, RouteResponse } from '@firstline/schemas';
import type { RouteInput, RouteOutput } from './routes.ts';
import { routePath } from './routes.ts';

/** A response as the client saw it: status, parsed JSON (or text) body, headers. */
export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface ClientOptions {
  readonly baseUrl: string;
  readonly token?: string;
  readonly fetch?: typeof fetch;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * A thin HTTP client for the Firstline API: bearer token, JSON in and out, and responses returned
 * (not thrown) so callers and tests can look at 4xx answers as values.
 */
export class FirstlineClient {
  readonly baseUrl: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof fetch;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? fetch;
  }

  withToken(token: string): FirstlineClient {
    return new FirstlineClient({ baseUrl: this.baseUrl, token, fetch: this.#fetch });
  }

  async request<T = unknown>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await this.#fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, body: (isJson && text ? JSON.parse(text) : text) as T, headers: response.headers };
  }

  /**
   * A declared route, typed from its contract: `call('GET /v1/city/reports/daily', { query: { date } })`.
   * The compiler checks the path parameters, query and body; the body it answers is the route's
   * response type (or an error body, which the status tells apart).
   */
  call<K extends ContractKey>(route: K, input: RouteInput<K>, headers?: Record<string, string>): Promise<ApiResponse<RouteOutput<K>>> {
    const parts = input as { params?: object; query?: object; body?: unknown };
    const { method, path } = routePath(route, parts);
    return this.request<RouteOutput<K>>(method as Method, path, parts.body, headers);
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = unknown>(path: string, body: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path, undefined);
  }

  /**
   * Closes a day and waits for the close to be done (it answers 202 at once, and shards of grids
   * close in parallel): the close's last status, `200` with `done`, or the refusal of the request.
   */
  async closeDay(date: string, { pollMs = 250, timeoutMs = 300_000 } = {}): Promise<ApiResponse<RouteOutput<'GET /v1/admin/closes/{closeId}'>>> {
    const started = await this.call('POST /v1/admin/close-day', { body: { date } });
    if (started.status !== 202) return started;
    const { closeId } = started.body as RouteResponse<'POST /v1/admin/close-day'>;
    for (const deadline = Date.now() + timeoutMs; ;) {
      const seen = await this.call('GET /v1/admin/closes/{closeId}', { params: { closeId } });
      if (seen.status !== 200 || (seen.body as RouteResponse<'GET /v1/admin/closes/{closeId}'>).done) return seen;
      if (Date.now() > deadline) throw new Error(`the close of ${date} was not done within ${timeoutMs} ms: ${JSON.stringify(seen.body)}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** Local stack only: a token for any role, district and scopes. */
  async localToken(claims: { role: string; district: string; scopes?: string[]; ttlSeconds?: number }): Promise<string> {
    const res = await this.post<{ token: string }>('/local/tokens', claims);
    if (res.status !== 200) throw new Error(`cannot mint a local token: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  }
}
