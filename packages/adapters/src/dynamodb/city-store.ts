import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CityIdentity, CityPort, CityReport, DistrictDay } from '@firstline/domain';
import { careFigures, cityReport, withReportingKept } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { queryAll } from './query-all.ts';
import { conditionHeld } from './create-once.ts';

const dayKey = (date: string) => `DAY#${date}`;
const districtKey = (districtId: string) => `DISTRICT#${districtId}`;
const totalsKey = 'TOTAL';

/**
 * Days and totals kept before on-time reporting was counted read it as their reported grids; those
 * kept before care was sent read as a day without urgent requests or visits.
 */
const keptDistrictDay = (day: DistrictDay): DistrictDay => ({ ...day, figures: withReportingKept(day.figures), care: day.care ?? {} });
const noCare = careFigures([]);
const keptReport = (report: CityReport): CityReport => ({
  ...withReportingKept(report), care: report.care ?? noCare, children: report.children.map((row) => ({ ...withReportingKept(row), care: row.care ?? noCare })),
});

/**
 * The city table: per day, one row per district (the latest close it sent) and the city's totals.
 * Totals are recomputed from the rows after every row write and saved only if no other writer
 * saved them in between (a revision check), so two districts closing at once cannot lose one.
 */
export class CityStore implements CityPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #city: CityIdentity;

  constructor(documents: DynamoDBDocumentClient, table: string, city: CityIdentity) {
    this.#documents = documents;
    this.#table = table;
    this.#city = city;
  }

  /** Keeps the district's day unless a later close of it is already stored; false if older. */
  async saveDistrictDay(day: DistrictDay): Promise<boolean> {
    return conditionHeld(this.#documents.send(new PutCommand({
      TableName: this.#table,
      Item: { pk: dayKey(day.date), sk: districtKey(day.districtId), day, closedAt: day.closedAt },
      ConditionExpression: 'attribute_not_exists(pk) OR closedAt <= :closedAt',
      ExpressionAttributeValues: { ':closedAt': day.closedAt },
    })));
  }

  /** Recomputes and saves the day's totals from its district rows (retrying while other writers race). */
  async refreshTotals(date: string): Promise<CityReport> {
    for (;;) {
      const [items, stored] = await Promise.all([
        queryAll(this.#documents, {
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :district)',
          ExpressionAttributeValues: { ':pk': dayKey(date), ':district': 'DISTRICT#' },
          ConsistentRead: true,
        }),
        this.#documents.send(new GetCommand({ TableName: this.#table, Key: { pk: dayKey(date), sk: totalsKey }, ConsistentRead: true })),
      ]);
      const revision = Number(stored.Item?.['revision'] ?? 0);
      const report = cityReport(this.#city, date, items.map((i) => keptDistrictDay(i['day'] as DistrictDay)));
      const saved = await conditionHeld(this.#documents.send(new PutCommand({
        TableName: this.#table,
        Item: { pk: dayKey(date), sk: totalsKey, report, revision: revision + 1 },
        ConditionExpression: 'attribute_not_exists(pk) OR revision = :revision',
        ExpressionAttributeValues: { ':revision': revision },
      })));
      if (saved) return report;
    }
  }

  /** The day's stored totals; a day no district has sent yet has every district missing. */
  async report(date: string): Promise<CityReport> {
    const stored = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: { pk: dayKey(date), sk: totalsKey } }));
    return stored.Item ? keptReport(stored.Item['report'] as CityReport) : cityReport(this.#city, date, []);
  }

  /** Each day's totals in order, one batched read for the whole range. */
  async reports(dates: readonly string[]): Promise<CityReport[]> {
    const items = await getAll(this.#documents, this.#table, dates.map((d) => ({ pk: dayKey(d), sk: totalsKey })));
    const byDate = new Map(items.map((i) => [String(i['pk']).slice('DAY#'.length), keptReport(i['report'] as CityReport)]));
    return dates.map((d) => byDate.get(d) ?? cityReport(this.#city, d, []));
  }
}
