/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The command center: signs in with a command token, drills city → district → street → community →
// grid, and shows exactly what the report routes answer (no figure is computed here), with the
// district's battle map. `/config.json` says where each API is mounted; without it, the page talks
// to the one district it is served with.
import type { BattleMap, Care, Report, ReportRow, Series, SiteConfig, Tile, Unit } from './api.ts';
import { addDays, ApiError, claims, getCsv, getJson, mapRoute, routes, session, today } from './api.ts';
import { fitTiles, legend, tileMap } from './battle-map.ts';
import { showLogDay } from './log-day.ts';
import type { UrgentShown } from './urgent-list.ts';
import { loadUrgent, showUrgent } from './urgent-list.ts';
import { byId, h, say } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { lang, localize, setLang, t } from './i18n.ts';
import { showCards, showCare, showCharts, showTable } from './report-view.ts';
import { showTesting } from './testing-card.ts';
import type { WorkListsShown } from './work-lists.ts';
import { loadWorkLists, showWorkLists } from './work-lists.ts';

const levelKeys: Readonly<Record<Unit['level'], MessageKey>> = {
  city: 'level.city', district: 'level.district', street: 'level.street', community: 'level.community', grid: 'level.grid',
};

const state = {
  trail: [] as Unit[],
  date: '',
  /** What the last render read, so a language switch draws again without asking the API. */
  shown: undefined as { unit: Unit; report: Report; series: Series; care: Care | undefined; map: BattleMap | undefined; work: WorkListsShown | undefined; urgent: UrgentShown | undefined } | undefined,
};

/** The district a unit lies in (its own id for a district), or none for the city. */
const districtOf = (unit: Unit) => (unit.level === 'district' ? unit.id : unit.district);

/** Another unit's report starts at the top of the page, wherever the click that opened it was. */
function open(trail: Unit[]): void {
  state.trail = trail;
  window.scrollTo(0, 0);
  void render();
}

function crumbs(): void {
  const nav = byId('crumbs');
  nav.replaceChildren();
  state.trail.forEach((unit, i) => {
    if (i > 0) nav.append(h('span', { class: 'sep', text: '›', attrs: { 'aria-hidden': 'true' } }));
    const last = i === state.trail.length - 1;
    const el = last ? h('strong', { text: unit.name ?? unit.id, attrs: { 'aria-current': 'page' } }) : h('button', { class: 'crumb', text: unit.name ?? unit.id, attrs: { type: 'button' } });
    el.dataset['level'] = unit.level;
    el.title = t(levelKeys[unit.level]);
    if (!last) el.addEventListener('click', () => open(state.trail.slice(0, i + 1)));
    nav.append(el);
  });
}

function openChild(row: ReportRow): void {
  const unit = state.trail.at(-1)!;
  open([...state.trail, { level: row.level, id: row.id, name: row.name, district: row.level === 'district' ? row.id : unit.district }]);
}

/** A tile opens its grid's report, with its street and community on the trail. */
function openTile(map: BattleMap, tile: Tile): void {
  const at = state.trail.findIndex((u) => u.level === 'district');
  const district = state.trail[at]!;
  const street = map.streets.find((s) => s.id === tile.streetId)!;
  const community = map.communities.find((c) => c.id === tile.communityId)!;
  open([...state.trail.slice(0, at + 1),
    { level: 'street', id: street.id, name: street.name, district: district.id },
    { level: 'community', id: community.id, name: community.name, district: district.id },
    { level: 'grid', id: tile.id, name: tile.name, district: district.id }]);
}

function drawMap(unit: Unit, map: BattleMap | undefined): void {
  const section = byId('map-section');
  section.hidden = map === undefined;
  if (!map) return;
  const grids = map.grids.filter((g) => (unit.level === 'street' ? g.streetId === unit.id : unit.level === 'community' ? g.communityId === unit.id : true));
  say('map-summary', 'map.summary', { grids: grids.length, date: { day: map.date } });
  byId('map-legend').replaceChildren(legend({ ...map, counts: countsOf(grids) }));
  const container = byId('map');
  container.replaceChildren(grids.length > 0 ? tileMap(map, grids, (tile) => openTile(map, tile)) : h('p', { i18n: 'map.empty' }));
  fitTiles(container);
}

function countsOf(grids: readonly Tile[]): BattleMap['counts'] {
  const counts = { cases: 0, unreported: 0, free: 0, pending: 0 };
  for (const g of grids) counts[g.status]++;
  return counts;
}

/** A community's name, from what the page has read (the battle map, the report's children, the trail); its id otherwise. */
function communityName(id: string, unit: Unit, report: Report, map: BattleMap | undefined): string {
  return map?.communities.find((c) => c.id === id)?.name
    ?? (unit.level === 'community' && unit.id === id ? report.name : undefined)
    ?? report.children.find((c) => c.level === 'community' && c.id === id)?.name
    ?? state.trail.find((u) => u.level === 'community' && u.id === id)?.name
    ?? id;
}

/** A table wider than its box says so, and shows a shadow on the side that scrolls. */
function scrollCue(): void {
  const wrap = byId('table-wrap');
  const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
  wrap.classList.toggle('scrolls', scrolls);
  byId('scroll-cue').hidden = !scrolls;
}

function draw(): void {
  const shown = state.shown;
  if (!shown) return;
  const { unit, report, series, care, map, work, urgent } = shown;
  unit.name = report.name;
  crumbs();
  const missing = (report.missingDistricts ?? []).map((id) => session.config.districts.find((d) => d.id === id)?.name ?? id);
  showCards(report, [...report.children.filter((c) => c.reporting.reported < c.reporting.grids).map((c) => c.name), ...missing]);
  showCare(care);
  showTesting(report.testing, (id) => communityName(id, unit, report, map));
  showCharts(series);
  drawMap(unit, map);
  const logDay = unit.level === 'grid' ? report.logDay : undefined;
  byId('log-day-section').hidden = logDay === undefined;
  if (logDay) showLogDay(byId('log-day'), unit, state.date, logDay, claims(session.token).role === 'admin', () => void render());
  byId('work-section').hidden = work === undefined;
  if (work) showWorkLists(byId('work-lists'), work);
  if (urgent) showUrgent(byId('urgent'), urgent, (id) => map?.grids.find((g) => g.id === id)?.name ?? (unit.id === id ? (unit.name ?? id) : id));
  showTable(report, openChild);
  scrollCue();
  if (report.final) say('status', 'status.final', { date: { day: state.date } });
  else if (report.scansAsOf) say('status', 'status.liveAsOf', { date: { day: state.date }, time: { time: report.scansAsOf } });
  else say('status', 'status.live', { date: { day: state.date } });
}

async function render(): Promise<void> {
  const unit = state.trail.at(-1)!;
  say('status', 'status.loading');
  try {
    const district = districtOf(unit);
    const { daily, series: seriesRoute, care: careRoute } = routes(unit);
    const [report, series, map, districtCare] = await Promise.all([
      getJson<Report & { care?: Care }>(daily(state.date)),
      getJson<Series>(seriesRoute(addDays(state.date, -13), state.date)),
      district && unit.level !== 'grid' ? getJson<BattleMap>(mapRoute(district, state.date)) : undefined,
      // Care has its own report in a district (the city's daily report carries its sums); a page
      // that cannot read it still shows everything else.
      careRoute ? getJson<Care>(careRoute(state.date)).catch(() => undefined) : undefined,
    ]);
    const care = report.care ?? districtCare;
    // Who has to act now (today, whatever day the report shows): the district's lists, or one grid's.
    // Only a reader of the district itself: the persons on them never reach the city.
    const own = claims(session.token);
    const readsLists = own.role === 'command' || own.role === 'grid-worker';
    const listed = district && own.district === district && readsLists && (unit.level === 'district' || unit.level === 'grid');
    const [work, urgent] = listed ? await Promise.all([loadWorkLists(unit, own.role === 'grid-worker'), loadUrgent(unit)]) : [undefined, undefined];
    if (state.trail.at(-1) !== unit) return;
    state.shown = { unit, report, series, care, map, work, urgent };
    draw();
  } catch (error) {
    say('status', 'status.error', { message: error instanceof ApiError ? error.message : String(error) });
  }
}

async function start(): Promise<void> {
  const c = claims(session.token);
  if (!c.district) {
    say('status', 'status.badToken');
    return;
  }
  sessionStorage.setItem('firstline-token', session.token);
  document.body.classList.add('signed-in');
  const city = session.config.city;
  // A city token starts at the city; a district token at its district.
  state.trail = city && c.district === city.id
    ? [{ level: 'city', id: city.id, name: city.name }]
    : [{ level: 'district', id: c.district, name: c.district, district: c.district }];
  byId('app').hidden = false;
  await render();
}

function signOut(): void {
  session.token = '';
  sessionStorage.removeItem('firstline-token');
  document.body.classList.remove('signed-in');
  byId('app').hidden = true;
  state.shown = undefined;
  byId<HTMLInputElement>('token').value = '';
  say('status', 'status.signin');
}

function showLangButton(): void {
  // The button offers the other language, written in that language.
  const button = byId('lang');
  button.lang = lang() === 'zh-CN' ? 'en' : 'zh-CN';
  button.textContent = t('app.lang.switch');
}

byId('signin').addEventListener('submit', (e) => {
  e.preventDefault();
  session.token = byId<HTMLInputElement>('token').value.trim();
  void start();
});
byId('signout').addEventListener('click', signOut);
byId('lang').addEventListener('click', () => {
  setLang(lang() === 'zh-CN' ? 'en' : 'zh-CN');
  showLangButton();
  if (state.shown) draw();
  else if (!session.token) say('status', 'status.signin');
});
// Yesterday: the last day every district has closed, which is what the command center reads first.
const dateInput = byId<HTMLInputElement>('date');
dateInput.value = state.date = new URLSearchParams(location.search).get('date') ?? addDays(today(), -1);
dateInput.addEventListener('change', () => {
  if (!dateInput.value) return;
  state.date = dateInput.value;
  void render();
});
byId('csv').addEventListener('click', async () => {
  const unit = state.trail.at(-1)!;
  try {
    const link = h('a', { attrs: { href: URL.createObjectURL(await getCsv(routes(unit).daily(state.date))), download: `firstline-${unit.level}-${unit.id}-${state.date}.csv` } });
    link.click();
  } catch (error) {
    say('status', 'status.error', { message: String(error instanceof Error ? error.message : error) });
  }
});
let resizing: number | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = window.setTimeout(() => {
    if (!byId('map-section').hidden) fitTiles(byId('map'));
    scrollCue();
  }, 150);
});

// The local stack mints tokens (the city's, if it runs one); a cloud stack has no /local routes and
// the button stays hidden.
async function offerLocalSignIn(): Promise<void> {
  const res = await fetch('/local/status').catch(() => undefined);
  if (!res?.ok) return;
  const district = session.config.city?.id ?? ((await res.json()) as { district: string }).district;
  const button = byId('local-signin');
  button.hidden = false;
  button.addEventListener('click', async () => {
    const minted = await fetch('/local/tokens', { method: 'POST', body: JSON.stringify({ role: 'command', district, scopes: ['*'] }) });
    session.token = ((await minted.json()) as { token: string }).token;
    void start();
  });
}

localize();
showLangButton();
say('status', 'status.signin');
const config = await fetch('/config.json').then((res) => (res.ok ? (res.json() as Promise<SiteConfig>) : undefined)).catch(() => undefined);
if (config) session.config = config;
await offerLocalSignIn();
if (session.token) void start();
