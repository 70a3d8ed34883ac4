import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import type { ContractKey, Contracts, ReadonlyRouteResponse, RouteContract } from '@firstline/schemas';
import { defaultMaxBodyBytes } from '@firstline/service/edge';
import { ownRoute } from '@firstline/service/own-function';
import type { StackIdentity, Targets } from './authorize.ts';
import { authorize, wholeStack } from './authorize.ts';
import { errorBody, ForbiddenError, toApiError, TooLargeError, UnauthorizedError, ValidationError } from './errors.ts';
import { logger } from './logger.ts';
import { observe } from './observability.ts';
import type { Principal } from './principal.ts';
import { readPrincipal } from './principal.ts';
import { validationDetails } from './validation.ts';

export type RouteKey = ContractKey;

/** The parsed type of a contract's body, query or path parameters; undefined where it has none. */
type Parsed<K extends RouteKey, F extends 'body' | 'query' | 'params'> = Contracts[K] extends { readonly [P in F]: z.ZodType<infer T> } ? T : undefined;

export interface RouteRequest<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly principal: Principal;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface HttpResult {
  readonly status: number;
  /** Serialised as JSON unless `contentType` says the body is already text. */
  readonly body?: unknown;
  readonly contentType?: string;
}

type RequestOf<K extends RouteKey> = RouteRequest<Parsed<K, 'body'>, Parsed<K, 'query'>, Parsed<K, 'params'>>;
type ParsedRequest<K extends RouteKey> = Omit<RequestOf<K>, 'principal'>;

/** A route's behaviour; what it parses comes from its contract in `@firstline/schemas`. */
export interface RouteDefinition<K extends RouteKey, L> {
  /** The route's contract (`postScansRoute`): the handler's bundle holds its schemas and no other route's. */
  readonly route: { readonly route: K } & Contracts[K];
  /** Reads what both the scope check and the use case need, once (the resident a path names). */
  readonly load?: (request: RequestOf<K>) => Promise<L>;
  /**
   * The ids the request acts on, for the scope check. A route without it acts on everything the
   * stack holds (`wholeStack`): only district-wide tokens pass; `() => ({ unscoped: true })` says it
   * acts on nothing that any scope restricts (the public key that verifies codes).
   */
  readonly targets?: (request: ParsedRequest<K>, loaded: L) => Targets;
  readonly run: (request: RequestOf<K>, loaded: L) => Promise<RouteResult<K>>;
}

/**
 * What a route's handler answers: its contract's success body (so a handler cannot drift from the
 * schema the OpenAPI document and the clients are generated from), or CSV text where the contract
 * offers it.
 */
export type RouteResult<K extends RouteKey> =
  | { readonly status: Contracts[K]['status']; readonly body: ReadonlyRouteResponse<K> }
  | (Contracts[K] extends { readonly csv: true } ? { readonly status: 200; readonly body: string; readonly contentType: string } : never);


type Event = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]> } };
  };
};
type Result = APIGatewayProxyStructuredResultV2;

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`invalid ${where}`, validationDetails(parsed.error));
  return parsed.data;
}

/** The body's bytes, or a 413 over the route's limit. */
function bodyBytes(event: Event, limit: number): Buffer | undefined {
  if (event.body === undefined || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.byteLength > limit) throw new TooLargeError(limit);
  return raw;
}

function parseJson(raw: Buffer | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ValidationError('request body is not valid JSON', [{ path: '', message: 'malformed JSON' }]);
  }
}

function toResult(result: HttpResult, headers: Record<string, string> = {}): Result {
  if (result.body === undefined) return { statusCode: result.status, headers };
  const text = result.contentType !== undefined;
  return {
    statusCode: result.status,
    headers: { 'content-type': result.contentType ?? 'application/json; charset=utf-8', ...headers },
    body: text ? String(result.body) : JSON.stringify(result.body),
  };
}

/** Maps every error to API.md's body; 5xx bodies never carry internals (middy http-error-handler's rule). */
const errorMapping = (): MiddlewareObj<Event, Result> => ({
  onError: (request) => {
    const error = toApiError(request.error);
    if (error.status >= 500) logger.error('request failed', { error: request.error as Error });
    else logger.info('request refused', { code: error.code, status: error.status, message: error.message });
    const retry: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
    request.response = toResult({ status: error.status, body: errorBody(error) }, retry);
  },
});

/**
 * Builds a Lambda handler for one route: tracing and metrics, logger context, error mapping, the
 * body's size, authentication, parsing with zod, then the scope decision, in that fixed order (`onError` runs in
 * reverse `use()` order, so the error mapping is used first to see every failure, and metrics are
 * flushed last, after it).
 */
export function httpRoute<K extends RouteKey, L = undefined>(stack: StackIdentity, definition: RouteDefinition<K, L>) {
  const contract: RouteContract = definition.route;
  const spec = ownRoute(contract.route);
  const limit = spec.maxBodyBytes ?? defaultMaxBodyBytes;

  const base = async (event: Event): Promise<Result> => {
    // The size first, as a gateway's payload limit would: an oversized body is a 413 to anyone.
    const raw = bodyBytes(event, limit);
    const reading = readPrincipal(event.requestContext.authorizer?.jwt?.claims);
    if (!reading.ok) throw new UnauthorizedError(reading.reason);
    const { principal } = reading;
    const roleCheck = authorize(principal, stack, spec.roles, undefined, spec);
    if (!roleCheck.allowed) throw new ForbiddenError(roleCheck.reason);

    const input = {
      body: parseWith(contract.body, parseJson(raw), 'body'),
      query: parseWith(contract.query, event.queryStringParameters ?? {}, 'query'),
      params: parseWith(contract.params, event.pathParameters ?? {}, 'path'),
      headers: event.headers ?? {},
    } as ParsedRequest<K>;
    const loaded = (definition.load ? await definition.load({ ...input, principal }) : undefined) as L;
    const targets = definition.targets ? definition.targets(input, loaded) : wholeStack;
    const scopeCheck = authorize(principal, stack, spec.roles, targets, spec);
    if (!scopeCheck.allowed) throw new ForbiddenError(scopeCheck.reason);
    return toResult(await definition.run({ ...input, principal }, loaded));
  };

  return middy<Event, Result, Error, Context>(base)
    .use(observe(stack))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(errorMapping())
    .use({
      before: (request) => {
        logger.appendKeys({ correlationId: request.event.requestContext.requestId, route: contract.route });
      },
    });
}
