import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Policy, Registry, RegistryIndex, RegistryPort } from '@firstline/domain';
import { indexRegistry, withDefaults } from '@firstline/domain';
import { putAll } from './batch-write.ts';
import { queryAll } from './query-all.ts';

const collections = ['streets', 'communities', 'grids', 'buildings', 'checkpoints'] as const;
type Collection = (typeof collections)[number];

const districtKey = { pk: 'REGISTRY', sk: 'DISTRICT' } as const;

/** The district hierarchy in the core table: one item per node, one partition per kind of node. */
export class RegistryStore implements RegistryPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cacheMs: number;
  #cached: { at: number; index: Promise<RegistryIndex | undefined> } | undefined;
  #refreshedAt = 0;

  constructor(documents: DynamoDBDocumentClient, table: string, cacheMs = 30_000) {
    this.#documents = documents;
    this.#table = table;
    this.#cacheMs = cacheMs;
  }

  /** Writes the district and every node of `registry` (upsert: nodes not named stay). */
  async put(registry: Registry): Promise<void> {
    await this.#documents.send(new PutCommand({ TableName: this.#table, Item: { ...districtKey, ...registry.district } }));
    const items = collections.flatMap((c) => registry[c].map((node) => ({ pk: `REGISTRY#${c}`, sk: node.id, ...node })));
    await putAll(this.#documents, this.#table, items);
    this.#cached = undefined;
  }

  async load(): Promise<Registry | undefined> {
    const district = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: districtKey }));
    if (!district.Item) return undefined;
    const lists = await Promise.all(collections.map((c) => this.#all(c)));
    const { id, name, timeZone, policy } = district.Item as { id: string; name: string; timeZone: string; policy?: Partial<Policy> };
    return {
      district: { id, name, timeZone, policy: withDefaults(policy) },
      ...(Object.fromEntries(collections.map((c, i) => [c, lists[i]])) as unknown as Pick<Registry, Collection>),
    };
  }

  /** The registry with its lookups, cached per container for a short while: it changes rarely. */
  async index(): Promise<RegistryIndex | undefined> {
    if (!this.#cached || Date.now() - this.#cached.at > this.#cacheMs) return this.#read();
    return this.#cached.index;
  }

  async refresh(minIntervalMs: number): Promise<RegistryIndex | undefined> {
    const now = Date.now();
    if (this.#cached && now - this.#refreshedAt < minIntervalMs) return this.#cached.index;
    this.#refreshedAt = now;
    return this.#read();
  }

  #read(): Promise<RegistryIndex | undefined> {
    const index = this.load().then((r) => (r ? indexRegistry(r) : undefined));
    this.#cached = { at: Date.now(), index };
    index.catch(() => (this.#cached = undefined));
    return index;
  }

  async #all(collection: Collection): Promise<never[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `REGISTRY#${collection}` },
    });
    return items.map(({ pk: _pk, sk: _sk, ...node }) => node) as never[];
  }
}
