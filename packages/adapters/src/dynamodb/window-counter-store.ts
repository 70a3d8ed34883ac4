import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterWindow, WindowCounters } from '@firstline/app/intake/lookup-limit';
import { getAll } from './batch-get.ts';

const key = (w: CounterWindow) => ({ pk: `LIMIT#${w.counter}`, sk: String(w.windowStart) });

/**
 * Fixed-window counters, one small item per counter and window in the core table, removed by TTL
 * once the window has ended: what rate limits cost is bounded by the callers active in a window.
 */
export class WindowCounterStore implements WindowCounters {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async counts(windows: readonly CounterWindow[]): Promise<number[]> {
    const items = await getAll(this.#documents, this.#table, windows.map(key));
    const byKey = new Map(items.map((item) => [`${String(item['pk'])}|${String(item['sk'])}`, Number(item['n'] ?? 0)]));
    return windows.map((w) => byKey.get(`${key(w).pk}|${key(w).sk}`) ?? 0);
  }

  async add(window: CounterWindow, amount: number, expiresAt: number): Promise<void> {
    await this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(window),
      UpdateExpression: 'ADD n :amount SET expiresAt = if_not_exists(expiresAt, :expires)',
      ExpressionAttributeValues: { ':amount': amount, ':expires': expiresAt },
    }));
  }
}
