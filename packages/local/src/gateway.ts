import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FunctionSpec, RouteSpec } from '@firstline/service';
import type { ErrorBody, ErrorCode } from '@firstline/http';
import type { TokenAuthority } from './tokens.ts';
import { invoke } from './handlers.ts';

/** HTTP API's own payload limit; routes have tighter ones of their own. */
const gatewayMaxBytes = 10 * 1024 * 1024;

interface CompiledRoute {
  readonly fn: FunctionSpec;
  readonly route: RouteSpec;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(functions: readonly FunctionSpec[]): CompiledRoute[] {
  return functions.flatMap((fn) => (fn.routes ?? []).map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { fn, route, pattern: new RegExp(`^${source}$`), names };
  }));
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  const body: ErrorBody = { error: { code, message } };
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/**
 * Past this, an oversized body is no longer read to its end: the connection is dropped instead of
 * being kept for the next request.
 */
const drainLimitBytes = 16 * 1024 * 1024;

/**
 * The request body, or 'too-large' past `limit`. An oversized body is still read (and dropped) to
 * its end, up to `drainLimitBytes`, so the 413 reaches the client on a connection that stays
 * usable: stopping mid-body would reset it under a keep-alive client (the local front's agent).
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > drainLimitBytes) return 'too-large';
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? 'too-large' : Buffer.concat(chunks);
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/**
 * Turns requests into API Gateway HTTP API payload 2.0 events for the declared routes, after the
 * same JWT check the cloud authorizer makes, and maps the handler's result back.
 */
export class Gateway {
  readonly #routes: CompiledRoute[];
  readonly #district: string;
  readonly #tokens: TokenAuthority;

  constructor(district: string, tokens: TokenAuthority, functions: readonly FunctionSpec[]) {
    this.#routes = compile(functions);
    this.#district = district;
    this.#tokens = tokens;
  }

  /** Returns false when no declared route has this path, so the caller can try its own routes. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const matches = this.#routes.flatMap((r) => {
      const m = r.pattern.exec(url.pathname);
      return m ? [{ r, values: m.slice(1) }] : [];
    });
    if (matches.length === 0) return false;
    // Every answer comes after the body is read to its end, refusals too: an answer sent while the
    // front is still sending the body leaves that keep-alive connection out of step.
    const body = await readBody(req, gatewayMaxBytes);
    const match = matches.find(({ r }) => r.route.method === req.method);
    if (!match) {
      sendError(res, 404, 'not-found', `no route ${req.method} ${url.pathname}`);
      return true;
    }
    const verified = match.r.route.public ? { claims: {} } : await this.#tokens.verify(req.headers.authorization);
    if ('refused' in verified) {
      sendError(res, 401, 'unauthorized', verified.refused);
      return true;
    }
    const { claims } = verified;
    if (body === 'too-large') {
      sendError(res, 413, 'too-large', `request body is larger than ${gatewayMaxBytes} bytes`);
      return true;
    }
    // A malformed escape (`%ZZ`) is passed on as it came: the route's own checks answer it (413 for
    // an oversized body first, then 400 on the path parameter), as for any other bad id.
    const params = Object.fromEntries(match.r.names.map((n, i) => [n, decodeOrRaw(match.values[i] ?? '')]));
    const event = this.#event(req, url, match.r, params, claims, body);
    try {
      const result = (await invoke(match.r.fn, this.#district, event)) as APIGatewayProxyStructuredResultV2;
      const payload = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
      res.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string> | undefined) }).end(payload);
    } catch (error) {
      console.error(`[gateway] ${match.r.fn.name} failed:`, error);
      sendError(res, 500, 'internal', 'internal error');
    }
    return true;
  }

  #event(
    req: IncomingMessage, url: URL, compiled: CompiledRoute, params: Record<string, string>,
    claims: Record<string, string | number | boolean | string[]>, body: Buffer,
  ): APIGatewayProxyEventV2 {
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
    const routeKey = `${compiled.route.method} ${compiled.route.path}`;
    const now = new Date();
    return {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers: headersOf(req),
      queryStringParameters: url.search ? query : undefined,
      pathParameters: compiled.names.length > 0 ? params : undefined,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        // API Gateway passes array claims to the function as the string `[a b]`; so do we.
        authorizer: { jwt: { claims: Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : v])), scopes: [] } },
        domainName: url.host,
        domainPrefix: url.hostname,
        http: { method: req.method ?? 'GET', path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? '' },
        requestId: randomUUID(),
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      },
      body: body.length > 0 ? body.toString('utf8') : undefined,
      isBase64Encoded: false,
    } as APIGatewayProxyEventV2;
  }
}

function decodeOrRaw(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    return value;
  }
}
