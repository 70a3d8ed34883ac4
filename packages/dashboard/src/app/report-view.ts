/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Care, Level, Report, ReportRow, Series } from './api.ts';
import { byId, h, say } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { formatCount, formatDay, formatPercent, t } from './i18n.ts';

/**
 * Counts of persons reach a reader outside the district (the city) as "<k" when they are small
 * (1 … k − 1): a sum or a chart takes such a cell at its least, 1, and a total with one says "≥".
 */
const atLeast = (n: number | string) => (typeof n === 'number' ? n : 1);
const caseCounts = (c: ReportRow['cases']) => [c.confirmed, c.suspected, c.feverUnexcluded, c.closeContact];
const caseTotal = (c: ReportRow['cases']) => caseCounts(c).reduce<number>((sum, n) => sum + atLeast(n), 0);
const caseTotalShown = (c: ReportRow['cases']) => `${caseCounts(c).some((n) => typeof n === 'string') ? '≥' : ''}${formatCount(caseTotal(c))}`;
const lateNamesShown = 4;
const count = (n: number | string | null | undefined) => (n === null || n === undefined ? '–' : typeof n === 'string' ? n : formatCount(n));

/** The summary cards: every figure exactly as the report route answered it. */
export function showCards(report: Report, late: readonly string[]): void {
  const freePercent = byId('free-percent');
  freePercent.textContent = formatPercent(report.epidemicFree.percent);
  // Green only when every grid is free: a green 0 % would read as good news.
  freePercent.classList.toggle('all-free', report.epidemicFree.grids > 0 && report.epidemicFree.free === report.epidemicFree.grids);
  say('free-detail', 'card.free.detail', { free: report.epidemicFree.free, grids: report.epidemicFree.grids });
  byId('cases-total').textContent = caseTotalShown(report.cases);
  say('cases-detail', 'card.cases.detail', {
    confirmed: report.cases.confirmed, suspected: report.cases.suspected, fever: report.cases.feverUnexcluded, contact: report.cases.closeContact,
  });
  byId('scans-total').textContent = count(report.scans.in + report.scans.out);
  // Verdicts given without the province (down or slow) are counted apart: a day with many is one to look at again.
  const provisional = report.scans.provisional ?? 0;
  say('scans-detail', provisional > 0 ? 'card.scans.detailProvisional' : 'card.scans.detail', {
    in: report.scans.in, out: report.scans.out, denied: report.scans.denied, fever: report.scans.fever, provisional,
  });
  byId('deliveries-total').textContent = count(report.deliveries.open);
  const { requested, delivered, medianMinutesToDeliver: median } = report.deliveries;
  if (median === null) say('deliveries-detail', 'card.deliveries.noMedian', { requested, delivered });
  else say('deliveries-detail', 'card.deliveries.detail', { requested, delivered, median });
  say('reporting', 'card.reporting.value', { reported: report.reporting.reported, grids: report.reporting.grids });
  // Timeliness beside completeness (a log after the day's deadline counts as reported, not on time),
  // and the logs a validation rule flagged, to be checked.
  const { onTime, grids, flaggedLogs } = report.reporting;
  say('on-time', 'card.reporting.onTime', { percent: { percent: grids === 0 ? 0 : Math.round((onTime / grids) * 1000) / 10 }, flagged: flaggedLogs });
  const lateLine = byId('late');
  lateLine.className = late.length > 0 ? 'late' : '';
  // A few names, then how many: a card is read at a glance, the table below lists every unit.
  const shown = late.slice(0, lateNamesShown);
  lateLine.textContent = late.length === 0 ? t('card.reporting.all')
    : late.length > shown.length ? t('card.reporting.lateMore', { units: { list: shown }, count: late.length })
      : t('card.reporting.late', { units: { list: shown } });
  lateLine.title = late.join(' · ');
}

/**
 * The care card: urgent requests asked that day, their steps and medians, care visits done; today
 * also what waits now. A request past its clock turns the card's line red: it must not be overlooked.
 */
export function showCare(care: Care | undefined): void {
  const card = document.querySelector<HTMLElement>('[data-testid=care]')!;
  card.hidden = care === undefined;
  if (!care) return;
  const { urgent, visits, now } = care;
  byId('care-total').textContent = count(urgent.opened);
  say('care-detail', 'card.care.detail', {
    acknowledged: urgent.acknowledged, ack: count(urgent.medianMinutesToAcknowledge), arranged: urgent.arranged, arrange: count(urgent.medianMinutesToArrange),
    escalated: urgent.escalated, visits: visits.done,
  });
  const nowLine = byId('care-now');
  nowLine.hidden = now === undefined;
  nowLine.className = now && now.overdueUrgent > 0 ? 'aside late overdue' : 'aside';
  if (now) say('care-now', 'card.care.now', { open: now.openUrgent, overdue: now.overdueUrgent, due: now.visitsDue });
}

/** A 14-day line: its values and range are kept on the element for the tests and for a reader. */
function chart(svg: SVGSVGElement, title: MessageKey, values: readonly number[], dates: readonly string[]): void {
  const max = Math.max(1, ...values);
  const step = 280 / Math.max(1, values.length - 1);
  const points = values.map((v, i) => `${10 + i * step},${70 - (v / max) * 60}`).join(' ');
  const text = (x: number, y: number, value: string, anchor = 'start') => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    Object.entries({ x: String(x), y: String(y), 'text-anchor': anchor }).forEach(([k, v]) => el.setAttribute(k, v));
    el.textContent = value;
    return el;
  };
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points);
  const first = dates[0] ? formatDay(dates[0], 'short') : '';
  const last = dates.at(-1) ? formatDay(dates.at(-1)!, 'short') : '';
  svg.replaceChildren(line, text(10, 79, first), text(290, 79, last, 'end'), text(2, 10, formatCount(max)));
  svg.setAttribute('aria-label', t('chart.label', { title: t(title), from: first, to: last, max }));
  svg.dataset['values'] = values.join(',');
}

export function showCharts(series: Series): void {
  const dates = series.days.map((d) => d.date);
  chart(byId('chart-cases') as unknown as SVGSVGElement, 'chart.cases', series.days.map((d) => caseTotal(d.cases)), dates);
  chart(byId('chart-scans') as unknown as SVGSVGElement, 'chart.scans', series.days.map((d) => d.scans.in + d.scans.out), dates);
  chart(byId('chart-deliveries') as unknown as SVGSVGElement, 'chart.deliveries', series.days.map((d) => d.deliveries.delivered), dates);
}

const columns: readonly [MessageKey, (r: ReportRow) => string, string?][] = [
  ['table.name', (r) => r.name],
  ['table.free', (r) => formatPercent(r.epidemicFree.percent)],
  ['table.cases', (r) => caseTotalShown(r.cases)],
  ['table.scansIn', (r) => count(r.scans.in)],
  ['table.denied', (r) => count(r.scans.denied)],
  ['table.fever', (r) => count(r.scans.fever)],
  ['table.reported', (r) => `${count(r.reporting.reported)}/${count(r.reporting.grids)}`],
  ['table.deliveriesOpen', (r) => count(r.deliveries.open)],
];

const childrenTitles: Readonly<Record<Level, MessageKey>> = {
  city: 'table.children.city', district: 'table.children.district', street: 'table.children.street',
  community: 'table.children.community', grid: 'table.children.grid',
};

/**
 * The children table. Each cell carries its column's name (`data-label`), which a phone shows
 * beside the value when the rows become cards.
 */
export function showTable(report: Report, open: (row: ReportRow) => void): void {
  say('children-title', childrenTitles[report.level]);
  byId('children-head').replaceChildren(h('tr', {}, ...columns.map(([key]) => h('th', { i18n: key, attrs: { scope: 'col' } }))));
  const rows = report.children.length > 0 ? report.children : [report];
  byId('children').replaceChildren(...rows.map((row) => {
    const free = row.epidemicFree.grids > 0 && row.epidemicFree.free === row.epidemicFree.grids;
    const drills = row !== report;
    const tr = h('tr', { data: { id: row.id } }, ...columns.map(([key, value], i) => {
      // A child's name is the button into its report (the whole row takes a click as well).
      if (i === 0) return h('th', { attrs: { scope: 'row' }, data: { label: t(key) } }, drills ? h('button', { class: 'drill-link', text: value(row), attrs: { type: 'button' } }) : value(row));
      const cell = h('td', { text: value(row), data: { label: t(key) } });
      if (key === 'table.free') cell.className = free ? 'free' : 'notfree';
      if (key === 'table.reported' && row.reporting.reported < row.reporting.grids) cell.className = 'late';
      return cell;
    }));
    if (drills) {
      tr.className = 'drill';
      tr.addEventListener('click', () => open(row));
    }
    return tr;
  }));
}
