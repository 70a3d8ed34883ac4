import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CodeColor, CreateOutcome, QuarantineState, Resident, ResidentPort, ResidentWithCases, StoredCase } from '@firstline/domain';
import { conditionHeld, createOnce } from './create-once.ts';
import { getAll } from './batch-get.ts';
import { queryAll } from './query-all.ts';

/** A person's profile item; the local stack's resident sample (`resident-sample.ts`) reads the same layout. */
export const personKey = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PROFILE' });

export function toResident(item: Record<string, unknown>): Resident {
  const { personId, nameMasked, phoneMasked, buildingId, gridId, householdId, codeColor, status } = item as unknown as Resident;
  return { personId, nameMasked, phoneMasked, buildingId, gridId, householdId, codeColor, status };
}

/** Residents in the core table: masked fields and a fingerprint of the registration, never raw data. */
export class ResidentStore implements ResidentPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  /**
   * Registers once: the same person with the same details again is a repeat (same answer), with
   * other details a conflict, decided atomically by a conditional put.
   */
  register(resident: Resident, fingerprint: string): Promise<CreateOutcome> {
    return createOnce(this.#documents, this.#table, { ...personKey(resident.personId), ...resident, fingerprint, cases: {}, version: 0 }, 'fingerprint');
  }

  async get(personId: string): Promise<Resident | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: personKey(personId) }));
    return out.Item ? toResident(out.Item) : undefined;
  }

  /** Many residents in one batch read (a scanner's upload names up to 100). */
  async getMany(personIds: readonly string[]): Promise<Map<string, Resident>> {
    const items = await getAll(this.#documents, this.#table, personIds.map(personKey));
    return new Map(items.map((item) => [String(item['personId']), toResident(item)]));
  }

  /** The building's items whose key is a person's: the profiles, not its deliveries or households. */
  async inBuilding(buildingId: string): Promise<Resident[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      IndexName: 'buildingItems',
      KeyConditionExpression: 'buildingId = :b AND begins_with(pk, :person)',
      ExpressionAttributeValues: { ':b': buildingId, ':person': 'PERSON#' },
    });
    return items.map(toResident);
  }

  async getWithCases(personId: string): Promise<ResidentWithCases | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: personKey(personId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    return {
      resident: toResident(out.Item),
      cases: (out.Item['cases'] ?? {}) as Record<string, StoredCase>,
      version: Number(out.Item['version'] ?? 0),
    };
  }

  /**
   * Writes the person's cases and the colour and quarantine derived from them, if nobody changed
   * them since `version` was read; false means re-read and try again.
   */
  async updateCases(
    personId: string,
    update: { cases: Record<string, StoredCase>; codeColor: CodeColor; status: QuarantineState },
    version: number,
  ): Promise<boolean> {
    return conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: personKey(personId),
      UpdateExpression: 'SET cases = :cases, codeColor = :color, #status = :status, version = :next',
      ConditionExpression: 'version = :version',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':cases': update.cases, ':color': update.codeColor, ':status': update.status, ':version': version, ':next': version + 1 },
    })));
  }
}
