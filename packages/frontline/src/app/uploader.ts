/// <reference lib="dom" />
import { ApiError, request } from './api.ts';
import type { QueuedScan, ScanBody, ScanQueue, ScanResult } from './scan-queue.ts';
import { flagOf } from './verdict.ts';

/** `POST /v1/scans` takes 1 to 100 scans. */
export const batchSize = 100;

export function batchesOf<T>(items: readonly T[], size = batchSize): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/** The scans of a batch that a 400 or 409 names (`scans.3.scannedAt`), with what is wrong with each. */
export function refusedScans(error: ApiError, batch: readonly { scanId: string }[]): Map<string, string> {
  const refused = new Map<string, string>();
  for (const detail of error.details) {
    const index = /^scans\.(\d+)(?:\.|$)/.exec(detail.path)?.[1];
    const scan = index === undefined ? undefined : batch[Number(index)];
    if (scan) refused.set(scan.scanId, `${detail.path}: ${detail.message}`);
  }
  return refused;
}

export interface UploadEvents {
  /** After any change to the queue: the pending count moved, or scans were flagged. */
  changed(flagged: readonly QueuedScan[]): void;
  /** The token was refused: uploads wait for a new sign-in, the queue stays. */
  unauthorized(): void;
}

/**
 * Uploads the backlog by itself, oldest first, in batches of at most 100. Every scan keeps the
 * id it got at the gate, so a batch sent twice (an answer lost on the way back) is recorded once.
 * A scan the server refuses for good (400/409 naming it) is set aside so it cannot block the rest;
 * anything else (offline, 5xx, 429) waits for the next try.
 */
export class Uploader {
  readonly #queue: ScanQueue;
  readonly #token: () => string | undefined;
  readonly #events: UploadEvents;
  readonly #live = new Set<string>();
  #running: Promise<void> | undefined;

  constructor(queue: ScanQueue, token: () => string | undefined, events: UploadEvents) {
    this.#queue = queue;
    this.#token = token;
    this.#events = events;
  }

  flush(): Promise<void> {
    this.#running ??= this.#run().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /**
   * Sends one scan at once, ahead of any backlog, and answers with the server's verdict, or
   * undefined when no answer came in time (the scan stays queued and the backlog takes it).
   */
  async sendNow(body: ScanBody, timeoutMs: number): Promise<ScanResult | undefined> {
    const token = this.#token();
    if (!token) return undefined;
    this.#live.add(body.scanId);
    try {
      const { results } = await request<{ results: ScanResult[] }>('POST', 'v1/scans', { token, body: { scans: [body] }, timeoutMs });
      this.#events.changed(await this.#queue.settle(results, flagOf));
      return results[0];
    } catch (error) {
      if (error instanceof ApiError) await this.#handleRefusal(error, [body]);
      return undefined;
    } finally {
      this.#live.delete(body.scanId);
    }
  }

  async #run(): Promise<void> {
    for (;;) {
      const token = this.#token();
      const pending = (await this.#queue.pending()).filter((s) => s.body && !this.#live.has(s.scanId));
      if (!token || pending.length === 0) return;
      const [batch] = batchesOf(pending.map((s) => s.body!));
      try {
        const { results } = await request<{ results: ScanResult[] }>('POST', 'v1/scans', { token, body: { scans: batch }, timeoutMs: 30_000 });
        this.#events.changed(await this.#queue.settle(results, flagOf));
      } catch (error) {
        if (!(error instanceof ApiError) || !(await this.#handleRefusal(error, batch!))) return;
      }
    }
  }

  /** True when the refusal set scans aside and the rest can go on. */
  async #handleRefusal(error: ApiError, batch: readonly ScanBody[]): Promise<boolean> {
    if (error.status === 401 || error.status === 403) {
      this.#events.unauthorized();
      return false;
    }
    if (error.status !== 400 && error.status !== 409) return false;
    const refused = refusedScans(error, batch);
    for (const [scanId, message] of refused) await this.#queue.reject(scanId, message);
    if (refused.size > 0) this.#events.changed([]);
    return refused.size > 0;
  }
}
