import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CareCountPort } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { addCounters, counterValues } from './counters.ts';

const key = (gridId: string, day: string) => ({ pk: `CARE#${gridId}`, sk: day });

/** A grid's care counters of each day in the stats table: one item a grid-day, added to with `ADD`. */
export class CareCountStore implements CareCountPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  add(gridId: string, day: string, counts: Readonly<Record<string, number>>): Promise<void> {
    return addCounters(this.#documents, this.#table, key(gridId, day), counts);
  }

  async ofDay(gridIds: readonly string[], day: string): Promise<Map<string, Readonly<Record<string, number>>>> {
    const items = await getAll(this.#documents, this.#table, gridIds.map((g) => key(g, day)));
    return new Map(items.map((item) => [String(item['pk']).slice('CARE#'.length), counterValues(item)]));
  }
}
