import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getAll } from './batch-get.ts';
import type { Volunteer, VolunteerPort, VolunteerProfile } from '@firstline/domain';
import { ContentionError } from '@firstline/domain';
import { conditionHeld } from './create-once.ts';

const key = (volunteerId: string) => ({ pk: `VOL#${volunteerId}`, sk: 'PROFILE' });
const membership = (gridId: string, volunteerId: string) => ({ pk: `GRIDVOL#${gridId}`, sk: volunteerId });

function fromItem(item: Record<string, unknown>): Volunteer {
  const { pk: _pk, sk: _sk, ...v } = item;
  return { tasks: [], version: 0, ...v } as unknown as Volunteer;
}

/**
 * Volunteers in the core table. A volunteer's open tasks live on their own item, so taking a task
 * is one conditional update that checks duty and capacity atomically: two dispatchers at once can
 * never push a volunteer over capacity.
 */
export class VolunteerStore implements VolunteerPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async get(volunteerId: string): Promise<Volunteer | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(volunteerId), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  /** The volunteers who serve a grid. */
  async ofGrid(gridId: string): Promise<Volunteer[]> {
    const out = await this.#documents.send(new QueryCommand({
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `GRIDVOL#${gridId}` },
    }));
    const ids = (out.Items ?? []).map((i) => String(i['sk']));
    const items = await getAll(this.#documents, this.#table, ids.map(key), { consistent: true });
    return items.map(fromItem).filter((v) => v.gridIds.includes(gridId));
  }

  /** Writes the profile, keeping the tasks, if nobody changed it since `previous` was read. */
  async saveProfile(profile: VolunteerProfile, previous: Volunteer | undefined): Promise<boolean> {
    const saved = await conditionHeld(this.#documents.send(new PutCommand({
      TableName: this.#table,
      Item: { ...key(profile.volunteerId), ...profile, tasks: previous?.tasks ?? [], takenAt: previous?.takenAt ?? [], version: (previous?.version ?? 0) + 1 },
      ConditionExpression: previous ? 'version = :v' : 'attribute_not_exists(pk)',
      ExpressionAttributeValues: previous ? { ':v': previous.version } : undefined,
    })));
    if (!saved) return false;
    const dropped = (previous?.gridIds ?? []).filter((g) => !profile.gridIds.includes(g));
    await Promise.all([
      ...profile.gridIds.map((g) => this.#documents.send(new PutCommand({ TableName: this.#table, Item: membership(g, profile.volunteerId) }))),
      ...dropped.map((g) => this.#documents.send(new DeleteCommand({ TableName: this.#table, Key: membership(g, profile.volunteerId) }))),
    ]);
    return true;
  }

  /** Takes a task if the volunteer is on duty, serves the grid and is below capacity; else false. */
  async takeTask(volunteerId: string, gridId: string, deliveryId: string, at = new Date().toISOString()): Promise<boolean> {
    return conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(volunteerId),
      UpdateExpression: 'SET tasks = list_append(tasks, :task), takenAt = list_append(if_not_exists(takenAt, :none), :at), version = version + :one',
      ConditionExpression: 'onDuty = :true AND size(tasks) < #capacity AND contains(gridIds, :grid) AND NOT contains(tasks, :id)',
      // CAPACITY is a DynamoDB reserved word.
      ExpressionAttributeNames: { '#capacity': 'capacity' },
      ExpressionAttributeValues: { ':task': [deliveryId], ':at': [at], ':none': [], ':one': 1, ':true': true, ':grid': gridId, ':id': deliveryId },
    })));
  }

  /** Drops tasks from a volunteer (delivered, failed, released, or a compensated assignment). */
  async dropTasks(volunteerId: string, deliveryIds: readonly string[]): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = await this.get(volunteerId);
      if (!current || !deliveryIds.some((d) => current.tasks.includes(d))) return;
      const kept = current.tasks.flatMap((t, i) => (deliveryIds.includes(t) ? [] : [i]));
      const dropped = await conditionHeld(this.#documents.send(new UpdateCommand({
        TableName: this.#table,
        Key: key(volunteerId),
        UpdateExpression: 'SET tasks = :tasks, takenAt = :takenAt, version = :next',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: {
          ':tasks': kept.map((i) => current.tasks[i]!), ':takenAt': kept.map((i) => current.takenAt?.[i] ?? ''),
          ':v': current.version, ':next': current.version + 1,
        },
      })));
      if (dropped) return;
    }
    throw new ContentionError(`volunteer ${volunteerId} is busy; tasks not dropped`);
  }

  async getMany(volunteerIds: readonly string[]): Promise<Volunteer[]> {
    return (await getAll(this.#documents, this.#table, volunteerIds.map(key), { consistent: true })).map(fromItem);
  }
}
