/// <reference lib="dom" />
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { SampleOutcome } from './test-rounds.ts';

/** One sample as `POST /v1/test-rounds/{roundId}/samples` takes it; its id and time fixed when it was taken. */
export interface SampleBody {
  readonly sampleId: string;
  readonly code?: string;
  readonly idNumber?: string;
  readonly sampledAt: string;
  readonly tubeId?: string;
}

export interface SampleResult {
  readonly sampleId: string;
  readonly outcome: SampleOutcome;
  readonly person: { readonly personId: string; readonly nameMasked: string; readonly buildingId: string } | null;
}

/**
 * A sample on this phone, for its round. `pending` until the server has answered; then the body
 * (a code or an ID number) is dropped and only the answer kept, as the gate's scans are.
 */
export interface QueuedSample {
  readonly sampleId: string;
  readonly roundId: string;
  readonly state: 'pending' | 'done' | 'rejected';
  readonly sampledAt: string;
  readonly tubeId?: string;
  readonly body?: SampleBody;
  readonly result?: Omit<SampleResult, 'sampleId'>;
  /** Why the server refused it for good (a 400 naming it, or a round it does not know). */
  readonly error?: string;
}

interface SampleDb extends DBSchema {
  samples: { key: string; value: QueuedSample; indexes: { state: string } };
}

const keepAnsweredMs = 24 * 3600 * 1000;

/** The sampling point's samples, in their own database beside the gate's scans (`firstline-samples@<mount>`). */
export class SampleQueue {
  readonly #db: Promise<IDBPDatabase<SampleDb>>;

  constructor(name: string) {
    this.#db = openDB<SampleDb>(name, 1, {
      upgrade(db) {
        db.createObjectStore('samples', { keyPath: 'sampleId' }).createIndex('state', 'state');
      },
    });
  }

  async add(roundId: string, body: SampleBody): Promise<void> {
    await (await this.#db).put('samples', {
      sampleId: body.sampleId, roundId, state: 'pending', sampledAt: body.sampledAt, body, ...(body.tubeId ? { tubeId: body.tubeId } : {}),
    });
  }

  /** Waiting samples, oldest first. */
  async pending(): Promise<QueuedSample[]> {
    const all = await (await this.#db).getAllFromIndex('samples', 'state', 'pending');
    return all.sort((a, b) => a.sampledAt.localeCompare(b.sampledAt));
  }

  async pendingCount(): Promise<number> {
    return (await this.#db).countFromIndex('samples', 'state', 'pending');
  }

  async settle(results: readonly SampleResult[]): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction('samples', 'readwrite');
    for (const { sampleId, ...result } of results) {
      const stored = await tx.store.get(sampleId);
      if (!stored || stored.state !== 'pending') continue;
      await tx.store.put({ sampleId, roundId: stored.roundId, state: 'done', sampledAt: stored.sampledAt, ...(stored.tubeId ? { tubeId: stored.tubeId } : {}), result });
    }
    await tx.done;
  }

  async reject(sampleId: string, error: string): Promise<void> {
    const db = await this.#db;
    const stored = await db.get('samples', sampleId);
    if (stored?.state === 'pending') {
      await db.put('samples', { sampleId, roundId: stored.roundId, state: 'rejected', sampledAt: stored.sampledAt, ...(stored.tubeId ? { tubeId: stored.tubeId } : {}), error });
    }
  }

  /** The latest samples of any state, newest first: what the sampler sees under the camera. */
  async recent(limit: number): Promise<QueuedSample[]> {
    const all = await (await this.#db).getAll('samples');
    return all.sort((a, b) => b.sampledAt.localeCompare(a.sampledAt)).slice(0, limit);
  }

  async prune(now = Date.now()): Promise<void> {
    const db = await this.#db;
    for (const state of ['done', 'rejected'] as const) {
      for (const sample of await db.getAllFromIndex('samples', 'state', state)) {
        if (now - Date.parse(sample.sampledAt) > keepAnsweredMs) await db.delete('samples', sample.sampleId);
      }
    }
  }
}
