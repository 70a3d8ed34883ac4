/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { RouteResponse } from '@firstline/schemas';
import type { Unit } from './api.ts';
import { ApiError, getCsv, getJson, postJson, workListRoute } from './api.ts';
import { h } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { lang, t } from './i18n.ts';

type FeverList = RouteResponse<'GET /v1/work-lists/fever-scans'>;
type OpenCases = RouteResponse<'GET /v1/work-lists/open-cases'>;
type Ending = RouteResponse<'GET /v1/work-lists/quarantines-ending'>;
type Unreported = RouteResponse<'GET /v1/work-lists/unreported-grids'>;
type Person = FeverList['items'][number]['person'];

/** The four lists, in the order the issue ranks who has to act; each read on its own (one failing leaves the others). */
export const listNames = ['fever-scans', 'open-cases', 'unreported-grids', 'quarantines-ending'] as const;
export type ListName = (typeof listNames)[number];
interface Lists {
  'fever-scans': FeverList;
  'open-cases': OpenCases;
  'unreported-grids': Unreported;
  'quarantines-ending': Ending;
}

/** What the section shows: each list's pages read so far (or why it could not be read), for whom. */
export interface WorkListsShown {
  readonly district: string;
  readonly gridId: string | undefined;
  readonly lists: { -readonly [K in ListName]?: Lists[K] | { error: string } };
  /** A grid worker marks fevers followed up; the command center only reads. */
  readonly canFollowUp: boolean;
}

const titles: Readonly<Record<ListName, MessageKey>> = {
  'fever-scans': 'work.fever.title', 'open-cases': 'work.open.title', 'unreported-grids': 'work.unreported.title', 'quarantines-ending': 'work.ending.title',
};
const categoryKeys: Readonly<Record<OpenCases['items'][number]['category'], MessageKey>> = {
  confirmed: 'work.category.confirmed', suspected: 'work.category.suspected', 'fever-unexcluded': 'work.category.fever-unexcluded', 'close-contact': 'work.category.close-contact',
};
const quarantineKeys: Readonly<Record<OpenCases['items'][number]['quarantine'], MessageKey>> = {
  none: 'work.quarantine.none', home: 'work.quarantine.home', central: 'work.quarantine.central',
};

const pageSize = 50;

/** Reads the first page of every list for a district (or one grid of it). */
export async function loadWorkLists(unit: Unit, canFollowUp: boolean): Promise<WorkListsShown> {
  const district = unit.district ?? unit.id;
  const gridId = unit.level === 'grid' ? unit.id : undefined;
  const shown: WorkListsShown = { district, gridId, lists: {}, canFollowUp };
  await Promise.all(listNames.map(async (name) => {
    try {
      (shown.lists as Record<string, unknown>)[name] = await getJson(workListRoute(district, name, { gridId, limit: pageSize }));
    } catch (error) {
      (shown.lists as Record<string, unknown>)[name] = { error: error instanceof ApiError ? error.message : String(error) };
    }
  }));
  return shown;
}

const time = (at: string) => new Intl.DateTimeFormat(lang(), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date(at));
const personName = (person: Person) => person?.nameMasked ?? t('work.person.unknown');

function feverItem(shown: WorkListsShown, item: FeverList['items'][number], redraw: () => void): HTMLElement {
  const li = h('li', { data: { id: item.scanId, grid: item.gridId } }, h('span', {
    text: t('work.fever.item', { grid: item.gridName, checkpoint: item.checkpointName, time: time(item.at), name: personName(item.person), temp: item.temperatureC.toFixed(1) }),
  }));
  if (!shown.canFollowUp) return li;
  const actions = h('span', { class: 'actions' });
  for (const [outcome, key] of [['followed-up', 'work.fever.followedUp'], ['case', 'work.fever.case']] as const) {
    const button = h('button', { text: t(key), attrs: { type: 'button', 'aria-label': t('work.fever.action', { action: t(key), name: personName(item.person), grid: item.gridName }) }, data: { outcome } });
    button.addEventListener('click', async () => {
      for (const b of actions.querySelectorAll('button')) b.disabled = true;
      try {
        await postJson(workListRoute(shown.district, `fever-scans/${encodeURIComponent(item.scanId)}/follow-up`), { gridId: item.gridId, outcome });
        const list = shown.lists['fever-scans'];
        if (list && 'items' in list) shown.lists['fever-scans'] = { ...list, items: list.items.filter((i) => !(i.scanId === item.scanId && i.gridId === item.gridId)) };
        redraw();
      } catch (error) {
        for (const b of actions.querySelectorAll('button')) b.disabled = false;
        li.append(h('span', { class: 'late', text: t('work.error', { message: error instanceof ApiError ? error.message : String(error) }) }));
      }
    });
    actions.append(button);
  }
  li.append(actions);
  return li;
}

function items(shown: WorkListsShown, name: ListName, redraw: () => void): HTMLElement[] {
  const list = shown.lists[name];
  if (!list || 'error' in list) return [];
  switch (name) {
    case 'fever-scans':
      return (list as FeverList).items.map((item) => feverItem(shown, item, redraw));
    case 'open-cases':
      return (list as OpenCases).items.map((c) => h('li', { data: { id: c.caseId, grid: c.gridId }, text: t('work.open.item', {
        grid: c.gridName, name: personName(c.person), category: { msg: categoryKeys[c.category] }, quarantine: { msg: quarantineKeys[c.quarantine] }, days: c.daysSinceReported,
      }) }));
    case 'quarantines-ending':
      return (list as Ending).items.map((c) => h('li', { data: { id: c.caseId, grid: c.gridId }, text: t(c.ended ? 'work.ending.ended' : 'work.ending.item', {
        grid: c.gridName, name: personName(c.person), quarantine: { msg: quarantineKeys[c.quarantine] }, time: time(c.endsAt),
      }) }));
    case 'unreported-grids':
      return (list as Unreported).items.map((g) => h('li', { data: { id: g.gridId }, text: t('work.unreported.item', { grid: g.gridName, community: g.communityName }) }));
  }
}

/** One list: its title and count, a CSV of what it shows, its items (or why there are none), and more on request. */
function listBlock(shown: WorkListsShown, name: ListName, redraw: () => void): HTMLElement {
  const list = shown.lists[name];
  const shownItems = items(shown, name, redraw);
  const titleId = `work-${name}-title`;
  const csv = h('button', { i18n: 'table.csv', attrs: { type: 'button', 'aria-describedby': titleId } });
  csv.addEventListener('click', async () => {
    const href = URL.createObjectURL(await getCsv(workListRoute(shown.district, name, { gridId: shown.gridId, limit: 200 })));
    h('a', { attrs: { href, download: `firstline-${name}-${shown.gridId ?? shown.district}.csv` } }).click();
  });
  const block = h('article', { class: 'work-list', data: { list: name }, attrs: { 'aria-labelledby': titleId } },
    h('div', { class: 'section-head' }, h('h3', { text: t(titles[name]), attrs: { id: titleId } }), h('span', { class: 'muted count', text: t('work.count', { count: shownItems.length }) }), csv));
  if (list && 'error' in list) block.append(h('p', { class: 'late', text: t('work.error', { message: list.error }) }));
  else if (name === 'unreported-grids' && list && !(list as Unreported).deadlinePassed) block.append(h('p', { class: 'muted', text: t('work.unreported.beforeDeadline', { time: time((list as Unreported).deadline) }) }));
  else if (shownItems.length === 0) block.append(h('p', { class: 'muted', i18n: 'work.empty' }));
  else block.append(h('ul', {}, ...shownItems));
  if (list && 'nextCursor' in list && list.nextCursor) {
    const more = h('button', { class: 'more', i18n: 'work.more', attrs: { type: 'button' } });
    more.addEventListener('click', async () => {
      const next = await getJson<{ items: unknown[]; nextCursor?: string }>(workListRoute(shown.district, name, { gridId: shown.gridId, limit: pageSize, cursor: list.nextCursor }));
      const had = shown.lists[name] as { items: unknown[] };
      (shown.lists as Record<string, unknown>)[name] = { ...had, items: [...had.items, ...next.items], nextCursor: next.nextCursor };
      redraw();
    });
    block.append(more);
  }
  return block;
}

/** Draws the section from what was read (again after a language switch or a follow-up). */
export function showWorkLists(container: HTMLElement, shown: WorkListsShown): void {
  const redraw = () => showWorkLists(container, shown);
  container.replaceChildren(...listNames.map((name) => listBlock(shown, name, redraw)));
}
