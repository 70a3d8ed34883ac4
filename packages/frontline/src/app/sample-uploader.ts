/// <reference lib="dom" />
import { ApiError, request } from './api.ts';
import type { QueuedSample, SampleBody, SampleQueue, SampleResult } from './sample-queue.ts';
import { batchesOf } from './uploader.ts';

/** The samples of a batch that a 400 or 409 names (`samples.3.sampledAt`), with what is wrong with each. */
export function refusedSamples(error: ApiError, batch: readonly { sampleId: string }[]): Map<string, string> {
  const refused = new Map<string, string>();
  for (const detail of error.details) {
    const index = /^samples\.(\d+)(?:\.|$)/.exec(detail.path)?.[1];
    const sample = index === undefined ? undefined : batch[Number(index)];
    if (sample) refused.set(sample.sampleId, `${detail.path}: ${detail.message}`);
  }
  return refused;
}

export interface SampleUploadEvents {
  changed(): void;
  unauthorized(): void;
}

const samplesPath = (roundId: string) => `v1/test-rounds/${encodeURIComponent(roundId)}/samples`;

/**
 * Uploads the sampling point's backlog as the gate's uploader does its scans: oldest first, a
 * round at a time in batches of at most 100, each sample with the id it was given when taken, so a
 * batch whose answer was lost is sent again and counted once. A sample refused for good (a 400 or
 * 409 naming it, or a round the server does not know) is set aside; anything else waits.
 */
export class SampleUploader {
  readonly #queue: SampleQueue;
  readonly #token: () => string | undefined;
  readonly #checkpointId: string;
  readonly #events: SampleUploadEvents;
  readonly #live = new Set<string>();
  #running: Promise<void> | undefined;

  constructor(queue: SampleQueue, token: () => string | undefined, checkpointId: string, events: SampleUploadEvents) {
    this.#queue = queue;
    this.#token = token;
    this.#checkpointId = checkpointId;
    this.#events = events;
  }

  flush(): Promise<void> {
    this.#running ??= this.#run().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Sends one sample at once; its answer, or undefined when none came in time (the backlog takes it). */
  async sendNow(roundId: string, body: SampleBody, timeoutMs: number): Promise<SampleResult | undefined> {
    const token = this.#token();
    if (!token) return undefined;
    this.#live.add(body.sampleId);
    try {
      const { results } = await request<{ results: SampleResult[] }>('POST', samplesPath(roundId), {
        token, body: { checkpointId: this.#checkpointId, samples: [body] }, timeoutMs,
      });
      await this.#queue.settle(results);
      this.#events.changed();
      return results[0];
    } catch (error) {
      if (error instanceof ApiError) await this.#handleRefusal(error, [body]);
      return undefined;
    } finally {
      this.#live.delete(body.sampleId);
    }
  }

  async #run(): Promise<void> {
    for (;;) {
      const token = this.#token();
      const pending = (await this.#queue.pending()).filter((s): s is QueuedSample & { body: SampleBody } => s.body !== undefined && !this.#live.has(s.sampleId));
      const roundId = pending[0]?.roundId;
      if (!token || roundId === undefined) return;
      const [batch] = batchesOf(pending.filter((s) => s.roundId === roundId).map((s) => s.body));
      try {
        const { results } = await request<{ results: SampleResult[] }>('POST', samplesPath(roundId), {
          token, body: { checkpointId: this.#checkpointId, samples: batch }, timeoutMs: 30_000,
        });
        await this.#queue.settle(results);
        this.#events.changed();
      } catch (error) {
        if (!(error instanceof ApiError) || !(await this.#handleRefusal(error, batch!))) return;
      }
    }
  }

  /** True when the refusal set samples aside and the rest can go on. */
  async #handleRefusal(error: ApiError, batch: readonly SampleBody[]): Promise<boolean> {
    if (error.status === 401 || error.status === 403) {
      this.#events.unauthorized();
      return false;
    }
    // No such round (removed, or another district's): nothing in this batch can ever be counted.
    const refused = error.status === 404
      ? new Map(batch.map((s) => [s.sampleId, error.message]))
      : error.status === 400 || error.status === 409 ? refusedSamples(error, batch) : new Map<string, string>();
    for (const [sampleId, message] of refused) await this.#queue.reject(sampleId, message);
    if (refused.size > 0) this.#events.changed();
    return refused.size > 0;
  }
}
