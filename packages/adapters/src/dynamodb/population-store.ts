import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GridPopulation, PopulationPort } from '@firstline/domain';

const key = (gridId: string) => ({ pk: `POP#${gridId}`, sk: 'POP' });

/** Residents and households registered per grid, one counter item per grid in the stats table. */
export class PopulationStore implements PopulationPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async add(gridId: string, added: GridPopulation): Promise<void> {
    if (added.residents === 0 && added.households === 0) return;
    await this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(gridId),
      UpdateExpression: 'ADD residents :r, households :h',
      ExpressionAttributeValues: { ':r': added.residents, ':h': added.households },
    }));
  }

  async of(gridId: string): Promise<GridPopulation> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(gridId) }));
    return { residents: Number(out.Item?.['residents'] ?? 0), households: Number(out.Item?.['households'] ?? 0) };
  }
}
