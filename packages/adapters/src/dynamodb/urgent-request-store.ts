import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CreateOutcome, UrgentRequest, UrgentRequestPort } from '@firstline/domain';
import { conditionHeld, createOnce } from './create-once.ts';
import { partitionItems, queryAll } from './query-all.ts';

/** One item per grid that used a request id (ids are chosen by clients); open ones listed per grid. */
const idPartition = (requestId: string) => `URGENT#${requestId}`;
const key = (r: Pick<UrgentRequest, 'requestId' | 'gridId'>) => ({ pk: idPartition(r.requestId), sk: `G#${r.gridId}` });
const openList = (gridId: string) => `URGENTOPEN#${gridId}`;
/** Every open request of the district (gsi2, sparse): what the watch of missed clocks reads each minute. */
const districtOpen = 'URGENTOPEN';
const indexKeys = (r: UrgentRequest) => (r.arranged ? {} : {
  gsi1pk: openList(r.gridId), gsi1sk: `${r.openedAt}#${r.requestId}`, gsi2pk: districtOpen, gsi2sk: `${r.openedAt}#${r.gridId}#${r.requestId}`,
});

export class UrgentRequestStore implements UrgentRequestPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  create(request: UrgentRequest, hash: string): Promise<CreateOutcome> {
    return createOnce(this.#documents, this.#table, { ...key(request), ...request, ...indexKeys(request), hash });
  }

  async withId(requestId: string): Promise<UrgentRequest[]> {
    return (await partitionItems(this.#documents, this.#table, idPartition(requestId))).map(toRequest);
  }

  /** Takes the step `request` adds, once: a step already taken (by another, or a repeat) keeps the first. */
  async save(request: UrgentRequest): Promise<{ request: UrgentRequest; taken: boolean }> {
    const arranging = request.arranged !== undefined;
    const taken = await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(request),
      UpdateExpression: arranging
        ? 'SET arranged = :arranged, acknowledged = if_not_exists(acknowledged, :acknowledged) REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk'
        : 'SET acknowledged = :acknowledged',
      ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(${arranging ? 'arranged' : 'acknowledged'})`,
      ExpressionAttributeValues: { ':acknowledged': request.acknowledged, ...(arranging ? { ':arranged': request.arranged } : {}) },
    })));
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(request), ConsistentRead: true }));
    return { request: toRequest(out.Item!), taken };
  }

  async openInDistrict(): Promise<UrgentRequest[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': districtOpen },
    });
    return items.map(toRequest);
  }

  /** Raises the request to `to` unless it is arranged or already there (the street is above the community); false when it was. */
  escalate(request: Pick<UrgentRequest, 'requestId' | 'gridId'>, to: 'community' | 'street', at: string): Promise<boolean> {
    return conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(request),
      UpdateExpression: 'SET escalated = :escalated',
      ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(arranged) AND (attribute_not_exists(escalated)${to === 'street' ? ' OR escalated.#to = :community' : ''})`,
      ExpressionAttributeNames: to === 'street' ? { '#to': 'to' } : undefined,
      ExpressionAttributeValues: { ':escalated': { to, at }, ...(to === 'street' ? { ':community': 'community' } : {}) },
    })));
  }

  async openInGrid(gridId: string): Promise<UrgentRequest[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': openList(gridId) },
    });
    return items.map(toRequest);
  }
}

function toRequest(item: Record<string, unknown>): UrgentRequest {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, gsi2pk: _g2, gsi2sk: _s2, hash: _h, ...request } = item;
  return request as unknown as UrgentRequest;
}
