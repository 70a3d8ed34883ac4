import type { CaseRecord } from '../ports/cases.ts';
import type { CsvLanguage } from './report-csv.ts';
import type { WorkListColumn } from './work-lists.ts';
import { categoryNames, quarantineNames, workListCsv } from './work-lists.ts';

/** A listed person as the resident view shows them. */
interface Person { readonly personId: string; readonly nameMasked: string; readonly buildingId: string }

interface FeverRow {
  readonly scanId: string; readonly gridId: string; readonly gridName: string; readonly checkpointId: string; readonly checkpointName: string; readonly at: string; readonly temperatureC: number; readonly person: Person | null;
}
interface CaseRow {
  readonly caseId: string; readonly gridId: string; readonly gridName: string; readonly category: CaseRecord['category']; readonly quarantine: CaseRecord['quarantine'];
  readonly reportedAt: string; readonly day: string; readonly person: Person | null;
}
interface OpenCaseRow extends CaseRow { readonly daysSinceReported: number }
interface EndingRow extends CaseRow { readonly endsAt: string; readonly ended: boolean }
interface UnreportedRow { readonly gridId: string; readonly gridName: string; readonly communityId: string; readonly communityName: string }

/** Values stay the API's own in both languages, except categories and quarantine kinds, which a Chinese sheet names. */
const kind = <T>(names: Readonly<Record<string, string>>, lang: CsvLanguage, pick: (r: T) => string) => (r: T) => (lang === 'en' ? pick(r) : names[pick(r)] ?? pick(r));

const personColumns = <T extends { person: Person | null }>(): WorkListColumn<T>[] => [
  ['person.personId', '人员编号', (r) => r.person?.personId], ['person.nameMasked', '姓名（脱敏）', (r) => r.person?.nameMasked],
  ['person.buildingId', '楼栋', (r) => r.person?.buildingId],
];

export function feverScansCsv(items: readonly FeverRow[], lang: CsvLanguage = 'zh-CN'): string {
  return workListCsv<FeverRow>([
    ['gridId', '网格编号', (r) => r.gridId], ['gridName', '网格', (r) => r.gridName], ['scanId', '扫码编号', (r) => r.scanId], ['checkpointId', '卡口编号', (r) => r.checkpointId],
    ['checkpointName', '卡口', (r) => r.checkpointName],
    ['at', '测温时间', (r) => r.at], ['temperatureC', '体温（℃）', (r) => r.temperatureC], ...personColumns<FeverRow>(),
  ], items, lang);
}

const caseColumns = <T extends CaseRow>(lang: CsvLanguage): WorkListColumn<T>[] => [
  ['gridId', '网格编号', (r) => r.gridId], ['gridName', '网格', (r) => r.gridName], ['caseId', '病例编号', (r) => r.caseId],
  ['category', '类别', kind<T>(categoryNames, lang, (r) => r.category)], ['quarantine', '隔离方式', kind<T>(quarantineNames, lang, (r) => r.quarantine)],
  ['reportedAt', '报告时间', (r) => r.reportedAt], ['day', '报告日', (r) => r.day], ...personColumns<T>(),
];

export function openCasesCsv(items: readonly OpenCaseRow[], lang: CsvLanguage = 'zh-CN'): string {
  return workListCsv<OpenCaseRow>([...caseColumns<OpenCaseRow>(lang), ['daysSinceReported', '报告后天数', (r) => r.daysSinceReported]], items, lang);
}

export function quarantinesEndingCsv(items: readonly EndingRow[], lang: CsvLanguage = 'zh-CN'): string {
  return workListCsv<EndingRow>([...caseColumns<EndingRow>(lang), ['endsAt', '隔离期满时间', (r) => r.endsAt], ['ended', '是否已期满', (r) => r.ended]], items, lang);
}

export function unreportedGridsCsv(items: readonly UnreportedRow[], lang: CsvLanguage = 'zh-CN'): string {
  return workListCsv<UnreportedRow>([
    ['gridId', '网格编号', (r) => r.gridId], ['gridName', '网格', (r) => r.gridName], ['communityId', '社区编号', (r) => r.communityId], ['communityName', '社区', (r) => r.communityName],
  ], items, lang);
}
