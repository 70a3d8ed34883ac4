/// <reference lib="dom" />
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { Flag, Reason, Verdict } from './verdict.ts';

/** One scan as `POST /v1/scans` takes it; its id and time are the gate's, fixed when it happened. */
export interface ScanBody {
  readonly scanId: string;
  readonly checkpointId: string;
  readonly code?: string;
  readonly idNumber?: string;
  readonly direction: 'in' | 'out';
  readonly temperatureC: number;
  readonly scannedAt: string;
  readonly deviceId?: string;
}

export interface ScanResult {
  readonly scanId: string;
  readonly verdict: 'allow' | 'deny';
  readonly reason: Reason;
  readonly person: { readonly personId: string; readonly nameMasked: string; readonly buildingId: string; readonly codeColor: 'green' | 'yellow' | 'red' } | null;
  /** Answered without the province (its signed code checked offline, the colour last seen). */
  readonly provisional?: true;
}

/**
 * A scan on this phone. `pending` until the server has answered; then the body (a code or an ID
 * number) is dropped and only the answer kept, so the phone holds no more than the screen needs.
 */
export interface QueuedScan {
  readonly scanId: string;
  readonly state: 'pending' | 'done' | 'rejected';
  readonly scannedAt: string;
  readonly body?: ScanBody;
  readonly provisional?: Verdict;
  readonly result?: Omit<ScanResult, 'scanId'>;
  readonly flag?: Flag;
  /** Why the server refused it for good (a 400 naming this scan). */
  readonly error?: string;
}

interface GateDb extends DBSchema {
  scans: { key: string; value: QueuedScan; indexes: { state: string } };
}

/** Answered scans stay for the gate keeper's list this long, then go. */
const keepAnsweredMs = 24 * 3600 * 1000;

export class ScanQueue {
  readonly #db: Promise<IDBPDatabase<GateDb>>;

  constructor(name: string) {
    this.#db = openDB<GateDb>(name, 1, {
      upgrade(db) {
        db.createObjectStore('scans', { keyPath: 'scanId' }).createIndex('state', 'state');
      },
    });
  }

  async add(body: ScanBody, provisional: Verdict): Promise<void> {
    await (await this.#db).put('scans', { scanId: body.scanId, state: 'pending', scannedAt: body.scannedAt, body, provisional });
  }

  /** Waiting scans, oldest first: a backlog uploads in the order it happened. */
  async pending(): Promise<QueuedScan[]> {
    const all = await (await this.#db).getAllFromIndex('scans', 'state', 'pending');
    return all.sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  }

  async pendingCount(): Promise<number> {
    return (await this.#db).countFromIndex('scans', 'state', 'pending');
  }

  /** Records the server's answers; returns the flags raised (a scan let through offline that should not have been). */
  async settle(results: readonly ScanResult[], flagOf: (provisional: Verdict, final: Verdict) => Flag | undefined): Promise<QueuedScan[]> {
    const db = await this.#db;
    const tx = db.transaction('scans', 'readwrite');
    const flagged: QueuedScan[] = [];
    for (const { scanId, ...result } of results) {
      const stored = await tx.store.get(scanId);
      if (!stored || stored.state !== 'pending') continue;
      const flag = stored.provisional ? flagOf(stored.provisional, result) : undefined;
      const settled: QueuedScan = { scanId, state: 'done', scannedAt: stored.scannedAt, result, ...(stored.provisional ? { provisional: stored.provisional } : {}), ...(flag ? { flag } : {}) };
      await tx.store.put(settled);
      if (flag) flagged.push(settled);
    }
    await tx.done;
    return flagged;
  }

  async reject(scanId: string, error: string): Promise<void> {
    const db = await this.#db;
    const stored = await db.get('scans', scanId);
    if (stored?.state === 'pending') await db.put('scans', { scanId, state: 'rejected', scannedAt: stored.scannedAt, error, ...(stored.provisional ? { provisional: stored.provisional } : {}) });
  }

  /** What the gate keeper should look at: flagged or refused scans, newest first. */
  async attention(): Promise<QueuedScan[]> {
    const db = await this.#db;
    const answered = [...await db.getAllFromIndex('scans', 'state', 'done'), ...await db.getAllFromIndex('scans', 'state', 'rejected')];
    return answered.filter((s) => s.flag || s.state === 'rejected').sort((a, b) => b.scannedAt.localeCompare(a.scannedAt));
  }

  async prune(now = Date.now()): Promise<void> {
    const db = await this.#db;
    for (const state of ['done', 'rejected'] as const) {
      for (const scan of await db.getAllFromIndex('scans', 'state', state)) {
        if (now - Date.parse(scan.scannedAt) > keepAnsweredMs) await db.delete('scans', scan.scanId);
      }
    }
  }
}
