import type { CodeColor } from '@firstline/domain';
import type { ProvincialCaseReport, ProvincialService, ProvincialVerification } from '@firstline/domain/health-codes/index';
import { ProvinceUnavailableError, readProvincialClaims } from '@firstline/domain/health-codes/index';
import type { BreakerState } from './circuit-breaker.ts';
import { CircuitBreaker } from './circuit-breaker.ts';

/**
 * The paths of the provincial service's interface (GB/T 38963-2020-shaped): verify a scanned code,
 * a person's current colour, report a case event, and the public keys its codes are signed with.
 */
export const provincePaths = {
  verify: '/gbt38963/v1/codes/verify',
  personColor: '/gbt38963/v1/persons/color',
  caseReports: '/gbt38963/v1/case-reports',
  keys: '/gbt38963/v1/keys',
} as const;

export interface ProvinceClientOptions {
  readonly baseUrl: string;
  /** The credentials the province gave this district's system. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** Injected in tests; the platform's fetch otherwise. */
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch, for the circuit breaker; injected in tests. */
  readonly now?: () => number;
  /**
   * How long a gate waits for the province's verification before it falls back: short, because
   * the gate's whole answer must stay under a second.
   */
  readonly verifyTimeoutMs?: number;
  /** Reports and colour queries run in a queue consumer, not at a gate: they may wait longer. */
  readonly reportTimeoutMs?: number;
  readonly breaker?: { readonly failuresToOpen: number; readonly openForMs: number };
}

export const defaultProvinceTimeouts = { verifyTimeoutMs: 300, reportTimeoutMs: 3_000 } as const;
/** Five failures in a row open the circuit for 10 s: at a busy gate that is a few seconds of scans, not minutes. */
export const defaultBreaker = { failuresToOpen: 5, openForMs: 10_000 } as const;

/** The province answered something other than an answer: a status we did not expect, or a body we cannot read. */
export class ProvinceProtocolError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'ProvinceProtocolError';
    this.status = status;
  }
}

const colors: readonly unknown[] = ['green', 'yellow', 'red'];
const refusals: readonly unknown[] = ['signature', 'expired', 'malformed'];

function color(value: unknown, what: string): CodeColor {
  if (!colors.includes(value)) throw new ProvinceProtocolError(`${what}: not a colour`, 200);
  return value as CodeColor;
}

/**
 * The HTTP client of the provincial service. Each call has its timeout, and every failure to get an
 * answer (timeout, 5xx, refused connection, an open circuit) is a `ProvinceUnavailableError`, the
 * one error callers fall back on. A 409 on a report (the same event id with another body) is the
 * province's answer, thrown as a `ProvinceProtocolError` so the message ends in the dead-letter queue.
 */
export class HttpProvincialService implements ProvincialService {
  readonly #options: ProvinceClientOptions;
  readonly #fetch: typeof fetch;
  readonly #breaker: CircuitBreaker;

  constructor(options: ProvinceClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
    this.#breaker = new CircuitBreaker({ ...(options.breaker ?? defaultBreaker), ...(options.now ? { now: options.now } : {}) });
  }

  get circuit(): BreakerState {
    return this.#breaker.state;
  }

  async verifyCode(code: string, at: Date): Promise<ProvincialVerification> {
    const body = await this.#call(provincePaths.verify, { code, at: at.toISOString() }, this.#options.verifyTimeoutMs ?? defaultProvinceTimeouts.verifyTimeoutMs);
    if (body['result'] === 'invalid') {
      if (!refusals.includes(body['why'])) throw new ProvinceProtocolError('verify: unknown refusal', 200);
      return { ok: false, why: body['why'] as 'signature' | 'expired' | 'malformed' };
    }
    const claims = body['claims'];
    if (body['result'] !== 'valid' || typeof claims !== 'object' || claims === null) throw new ProvinceProtocolError('verify: no claims', 200);
    const read = readProvincialClaims(claims as Record<string, unknown>);
    if (!read.ok) throw new ProvinceProtocolError(`verify: ${read.problem}`, 200);
    return { ok: true, code: read.code };
  }

  async personColor(idDigest: string): Promise<{ color: CodeColor; asOf: Date }> {
    const body = await this.#call(provincePaths.personColor, { idDigest }, this.#options.reportTimeoutMs ?? defaultProvinceTimeouts.reportTimeoutMs);
    const asOf = new Date(String(body['asOf']));
    if (Number.isNaN(asOf.getTime())) throw new ProvinceProtocolError('person colour: no time', 200);
    return { color: color(body['col'], 'person colour'), asOf };
  }

  async reportCase(report: ProvincialCaseReport): Promise<{ duplicate: boolean; color: CodeColor }> {
    const body = await this.#call(provincePaths.caseReports, report, this.#options.reportTimeoutMs ?? defaultProvinceTimeouts.reportTimeoutMs, report.eventId);
    return { duplicate: body['duplicate'] === true, color: color(body['col'], 'case report') };
  }

  /** The province's public keys (JWK), for the offline check; not behind the breaker, fetched rarely. */
  async publicKeys(): Promise<{ issuer: string; keys: Record<string, unknown>[] }> {
    const res = await this.#request('GET', provincePaths.keys, undefined, this.#options.reportTimeoutMs ?? defaultProvinceTimeouts.reportTimeoutMs);
    const body = await this.#json(res);
    if (typeof body['issuer'] !== 'string' || !Array.isArray(body['keys'])) throw new ProvinceProtocolError('keys: not a key set', res.status);
    return { issuer: body['issuer'], keys: body['keys'] as Record<string, unknown>[] };
  }

  async #call(path: string, payload: unknown, timeoutMs: number, idempotencyKey?: string): Promise<Record<string, unknown>> {
    try {
      return await this.#breaker.run(async () => {
        const res = await this.#request('POST', path, payload, timeoutMs, idempotencyKey);
        return this.#json(res);
      }, (error) => error instanceof ProvinceUnavailableError);
    } catch (error) {
      if (error instanceof ProvinceUnavailableError || error instanceof ProvinceProtocolError) throw error;
      throw new ProvinceUnavailableError(`province: ${(error as Error).message}`, error);
    }
  }

  async #request(method: 'GET' | 'POST', path: string, payload: unknown, timeoutMs: number, idempotencyKey?: string): Promise<Response> {
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await this.#fetch(new URL(path, this.#options.baseUrl), {
        method,
        signal,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.#options.clientSecret}`,
          'x-client-id': this.#options.clientId,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
    } catch (error) {
      throw new ProvinceUnavailableError(signal.aborted ? `province: no answer within ${timeoutMs} ms` : `province: ${(error as Error).message}`, error);
    }
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel();
      throw new ProvinceUnavailableError(`province: answered ${res.status}`);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw new ProvinceProtocolError(`province: answered ${res.status} ${text.slice(0, 200)}`, res.status);
    }
    return res;
  }

  async #json(res: Response): Promise<Record<string, unknown>> {
    let body: unknown;
    try {
      body = await res.json();
    } catch (error) {
      // The body is read under the same timeout signal: a province that stalls mid-answer is unavailable.
      if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') throw new ProvinceUnavailableError('province: answer cut off', error);
      throw new ProvinceProtocolError('province: answer is not JSON', res.status);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ProvinceProtocolError('province: answer is not an object', res.status);
    return body as Record<string, unknown>;
  }
}
