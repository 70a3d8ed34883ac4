/**
 * A circuit breaker around calls to a service that fails at peaks (the province's): after
 * `failuresToOpen` failures in a row it opens and refuses calls at once for `openForMs`, so a gate
 * does not wait out a timeout on every scan; then one trial call is let through (half-open) and
 * its outcome closes or reopens the circuit.
 *
 * Written here rather than taken from a library because its clock must be injectable: tests move
 * time without waiting, and the state is per container, as each Lambda container learns alone.
 */
export interface BreakerOptions {
  readonly failuresToOpen: number;
  readonly openForMs: number;
  /** Milliseconds since the epoch; injected in tests. */
  readonly now?: () => number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The circuit is open: the call was not made. */
export class CircuitOpenError extends Error {
  readonly retryInMs: number;
  constructor(retryInMs: number) {
    super(`circuit open for another ${retryInMs} ms`);
    this.name = 'CircuitOpenError';
    this.retryInMs = retryInMs;
  }
}

export class CircuitBreaker {
  readonly #options: Required<BreakerOptions>;
  #failures = 0;
  #openedAt: number | undefined;
  #trialInFlight = false;

  constructor(options: BreakerOptions) {
    this.#options = { now: Date.now, ...options };
  }

  get state(): BreakerState {
    if (this.#openedAt === undefined) return 'closed';
    return this.#options.now() - this.#openedAt >= this.#options.openForMs ? 'half-open' : 'open';
  }

  /**
   * Runs `call` unless the circuit is open. `isFailure` says which errors count against the
   * service (a timeout, a 5xx), as opposed to answers it gave (a refused code is not a failure).
   */
  async run<T>(call: () => Promise<T>, isFailure: (error: unknown) => boolean = () => true): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.#trialInFlight)) {
      throw new CircuitOpenError(Math.max(0, this.#options.openForMs - (this.#options.now() - (this.#openedAt ?? 0))));
    }
    const trial = state === 'half-open';
    if (trial) this.#trialInFlight = true;
    try {
      const result = await call();
      this.#failures = 0;
      this.#openedAt = undefined;
      return result;
    } catch (error) {
      if (isFailure(error)) this.#failed(trial);
      else if (trial) this.#openedAt = undefined;
      throw error;
    } finally {
      if (trial) this.#trialInFlight = false;
    }
  }

  #failed(trial: boolean): void {
    this.#failures += 1;
    if (trial || this.#failures >= this.#options.failuresToOpen) this.#openedAt = this.#options.now();
  }
}
