import type { Figures } from './daily-report.ts';
import type { PersonCount } from './small-cells.ts';

const denyReasons = ['invalid-code', 'unknown-person', 'code-red', 'code-yellow', 'fever', 'quarantine', 'pass-quota'] as const;

/** A row of any report, grid to city, its counts of persons as its reader may see them. */
type Row = Figures<PersonCount> & { level: string; id: string; name: string; date: string; final: boolean; zeroStreakDays?: number };

/** The languages a report's CSV header is written in: Chinese for the command center, English for scripts. */
export type CsvLanguage = 'zh-CN' | 'en';

type Value = (r: Row) => string | number | boolean | null | undefined;

/** Why a gate refused, as a gate keeper's tally sheet names it. */
const denyReasonNames: Readonly<Record<(typeof denyReasons)[number], string>> = {
  'invalid-code': '无效码', 'unknown-person': '查无此人', 'code-red': '红码', 'code-yellow': '黄码',
  fever: '发热', quarantine: '隔离中', 'pass-quota': '出行次数已满',
};

/**
 * Each column: its English name (the field path, stable for scripts), its Chinese header, and the
 * value. Chinese headers say what a grid office's own spreadsheets say (应报、已报, 无疫网格), and no
 * two are the same, so a pivot table can tell them apart.
 */
const columns: ReadonlyArray<readonly [string, string, Value]> = [
  ['level', '层级', (r) => r.level], ['id', '编号', (r) => r.id], ['name', '名称', (r) => r.name], ['date', '日期', (r) => r.date],
  ['final', '是否终版', (r) => r.final],
  ['scans.in', '进入扫码', (r) => r.scans.in], ['scans.out', '外出扫码', (r) => r.scans.out],
  ['scans.denied', '拒绝通行', (r) => r.scans.denied], ['scans.fever', '测温发热', (r) => r.scans.fever],
  ['scans.provisional', '省码离线临时判定', (r) => r.scans.provisional],
  ...denyReasons.map((reason) => [`scans.denyReasons.${reason}`, `拒绝·${denyReasonNames[reason]}`, (r: Row) => r.scans.denyReasons[reason] ?? 0] as const),
  ['cases.confirmed', '新增确诊', (r) => r.cases.confirmed], ['cases.suspected', '新增疑似', (r) => r.cases.suspected],
  ['cases.feverUnexcluded', '新增发热待排查', (r) => r.cases.feverUnexcluded], ['cases.closeContact', '新增密切接触者', (r) => r.cases.closeContact],
  ['screening.householdsVisited', '走访户数', (r) => r.screening.householdsVisited],
  ['screening.residentsScreened', '排查人数', (r) => r.screening.residentsScreened],
  ['screening.keyPersonsFound', '发现重点人员', (r) => r.screening.keyPersonsFound],
  ['hygiene.disinfectionRounds', '消杀次数', (r) => r.hygiene.disinfectionRounds], ['hygiene.masksDistributed', '发放口罩', (r) => r.hygiene.masksDistributed],
  ['deliveries.requested', '配送需求', (r) => r.deliveries.requested], ['deliveries.delivered', '已送达', (r) => r.deliveries.delivered],
  ['deliveries.failed', '配送失败', (r) => r.deliveries.failed], ['deliveries.open', '待配送', (r) => r.deliveries.open],
  ['deliveries.medianMinutesToDeliver', '送达用时中位数（分钟）', (r) => r.deliveries.medianMinutesToDeliver],
  ['reporting.grids', '应报网格数', (r) => r.reporting.grids], ['reporting.reported', '已报网格数', (r) => r.reporting.reported],
  ['reporting.onTime', '按时上报网格数', (r) => r.reporting.onTime], ['reporting.flaggedLogs', '存疑日志数', (r) => r.reporting.flaggedLogs],
  ['epidemicFree.grids', '参评网格数', (r) => r.epidemicFree.grids], ['epidemicFree.free', '无疫网格数', (r) => r.epidemicFree.free],
  ['epidemicFree.percent', '无疫网格占比（%）', (r) => r.epidemicFree.percent],
  ['zeroStreakDays', '连续无新增天数', (r) => r.zeroStreakDays],
];

/**
 * Text a spreadsheet (Excel, WPS, LibreOffice) would run as a formula: `=`, `+`, `-` or `@` first,
 * also after leading spaces, and a leading TAB or CR, which some of them skip before a formula.
 */
const formulaStart = /^(?:[\t\r]|\s*[=+\-@])/;

/** RFC 4180 quoting, and a leading `'` on text a spreadsheet would run as a formula (OWASP's CSV injection advice). */
function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV cell as every Firstline CSV writes it (the work lists' too). */
export const csvCell = cell;

/** A report's own row fields; a city report adds the member districts that have not sent the day. */
type Report = Row & { children: readonly Row[]; missingDistricts?: readonly string[] };

/**
 * Excel and WPS read a CSV without a byte-order mark in the machine's ANSI code page (GBK on a
 * Chinese Windows), which garbles every Chinese name; the BOM makes them read UTF-8.
 */
export const utf8Bom = '\uFEFF';

/**
 * A report as CSV: a UTF-8 BOM, a header (Chinese unless `lang` is `en`, whose names are the
 * report's field paths), then one row per child (a grid report, which has none, is its own row).
 * The city's also has a row per district that has not sent the day: `final` false and every figure
 * empty (not 0, which would read as a district that reported nothing), so the file says what the
 * report says — the day is final only when every row is. Values are the report's own in both
 * languages (ids, levels, `true`/`false`, unit names as registered).
 */
export function reportCsv(report: Report, lang: CsvLanguage = 'zh-CN'): string {
  const rows = report.children.length > 0 ? report.children : [report];
  const missing = (report.missingDistricts ?? []).map((id) => {
    const known: Record<string, string | boolean> = { level: 'district', id, date: report.date, final: false };
    return columns.map(([name]) => cell(known[name])).join(',');
  });
  const header = columns.map(([name, chinese]) => cell(lang === 'en' ? name : chinese)).join(',');
  return utf8Bom + [header, ...rows.map((r) => columns.map(([, , pick]) => cell(pick(r))).join(',')), ...missing].join('\r\n') + '\r\n';
}

/**
 * The header language a request asks for: English for `lang=en`, or when English is the language
 * its `Accept-Language` ranks first (by q, then order); Chinese otherwise, also for `*` or none.
 */
export function csvLanguage(acceptLanguage?: string, lang?: string): CsvLanguage {
  if (lang !== undefined) return /^en\b/i.test(lang) ? 'en' : 'zh-CN';
  const ranked = (acceptLanguage ?? '').split(',').map((part, order) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), order };
  }).filter((l) => l.tag !== '' && l.q > 0).sort((a, b) => b.q - a.q || a.order - b.order);
  return /^en\b/i.test(ranked[0]?.tag ?? '') ? 'en' : 'zh-CN';
}
