/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { BattleMap, Tile } from './api.ts';
import { h } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { t } from './i18n.ts';

type Status = Tile['status'];

/** Legend order: what the command center acts on first. */
export const statuses: readonly Status[] = ['cases', 'unreported', 'pending', 'free'];

const legendKeys: Readonly<Record<Status, MessageKey>> = {
  free: 'map.status.free', pending: 'map.status.pending', cases: 'map.status.cases', unreported: 'map.status.unreported',
};

/** The short mark a tile shows when it is too small for words, and the sentence it is read out as. */
function tileText(tile: Tile): { mark: string; status: string } {
  switch (tile.status) {
    case 'free': return { mark: t('map.mark.free'), status: t('map.tile.free', { days: tile.zeroStreakDays }) };
    case 'pending': return { mark: t('map.mark.pending', { days: tile.daysToGo ?? 1 }), status: t('map.tile.pending', { days: tile.daysToGo ?? 1 }) };
    case 'cases': return { mark: t('map.mark.cases', { open: Math.max(tile.openCases, tile.newCases) }), status: t('map.tile.cases', { new: tile.newCases, open: tile.openCases }) };
    case 'unreported': return { mark: t('map.mark.unreported'), status: t('map.tile.unreported') };
  }
}

export function legend(map: BattleMap): HTMLElement {
  return h('ul', { class: 'legend', attrs: { 'aria-label': t('map.legend') } }, ...statuses.map((status) => h('li', { data: { status } },
    h('span', { class: `swatch s-${status}`, attrs: { 'aria-hidden': 'true' } }),
    h('span', { text: t(legendKeys[status]) }),
    h('strong', { class: 'count', text: String(map.counts[status]) }))));
}

/** A square-ish block per community (and a square-ish street of them), so a street packs like a city block. */
const columnsOf = (tiles: number) => Math.ceil(Math.sqrt(tiles));

/**
 * The tiles of `grids` (a district's, or the part under a street or community), grouped by street
 * and community in registry order, each a button that opens the grid's report.
 */
export function tileMap(map: BattleMap, grids: readonly Tile[], open: (tile: Tile) => void): HTMLElement {
  const byCommunity = new Map<string, Tile[]>();
  for (const tile of grids) byCommunity.set(tile.communityId, [...(byCommunity.get(tile.communityId) ?? []), tile]);
  const communityName = new Map(map.communities.map((c) => [c.id, c.name]));
  const root = h('div', { class: 'tile-map' });
  for (const street of map.streets) {
    const communities = map.communities.filter((c) => c.streetId === street.id && byCommunity.has(c.id));
    if (communities.length === 0) continue;
    const streetGrids = communities.flatMap((c) => byCommunity.get(c.id)!);
    const worst = statuses.find((s) => streetGrids.some((g) => g.status === s))!;
    root.append(h('section', { class: `street w-${worst}`, data: { street: street.id }, attrs: { 'aria-label': street.name } },
      h('h3', { text: street.name }),
      h('div', { class: 'communities', vars: { '--per-row': columnsOf(communities.length), '--cols-max': columnsOf(Math.max(...communities.map((c) => byCommunity.get(c.id)!.length))) } },
        ...communities.map((community) => {
        const tiles = byCommunity.get(community.id)!;
        const columns = columnsOf(tiles.length);
        return h('div', { class: 'community', data: { community: community.id }, attrs: { role: 'group', 'aria-label': community.name, title: community.name }, vars: { '--cols': columns } },
          h('h4', { text: community.name, attrs: { 'aria-hidden': 'true' } }),
          h('div', { class: 'tiles' }, ...tiles.map((tile) => {
            const { mark, status } = tileText(tile);
            // The name a reader hears holds what the tile shows (its mark is part of the state's words).
            const label = t('map.tile.label', { name: tile.name, status });
            const title = t('map.tile.title', { name: tile.name, community: communityName.get(tile.communityId) ?? '', status });
            const button = h('button', {
              class: `tile s-${tile.status}`, data: { id: tile.id, status: tile.status }, attrs: { type: 'button', title, 'aria-label': label },
            }, h('span', { class: 'mark', text: mark }), h('span', { class: 'name', text: tile.name }), ' ', h('span', { class: 'state', text: status }));
            button.addEventListener('click', () => open(tile));
            return button;
          })));
      }))));
  }
  return root;
}

/**
 * Tile sizes from the largest down, in CSS pixels, with what each shows: grid names and states
 * inside the tile, community names above their blocks. 24 px is the smallest target WCAG 2.2
 * asks a finger to hit.
 */
const densities = [
  { tile: 112, words: true, captions: true }, { tile: 88, words: true, captions: true },
  { tile: 64, words: false, captions: true }, { tile: 52, words: false, captions: true }, { tile: 44, words: false, captions: true },
  { tile: 38, words: false, captions: false }, { tile: 34, words: false, captions: false }, { tile: 30, words: false, captions: false },
  { tile: 27, words: false, captions: false }, { tile: 24, words: false, captions: false },
] as const;

type Density = (typeof densities)[number];

function apply(container: HTMLElement, density: Density): void {
  container.style.setProperty('--tile', `${density.tile}px`);
  container.classList.toggle('words', density.words);
  container.classList.toggle('captions', density.captions);
}

/**
 * Sizes the tiles so that the whole map fits the height left under its top on this screen (a wall
 * shows all 2,000 grids at once); where even the smallest do not fit (a phone), the page scrolls.
 * Each trial lays out every tile, which costs tens of milliseconds for 2,000 of them, so the size
 * is first estimated from one layout (the map's area grows with the square of the tile) and then
 * stepped down until it fits: two or three layouts, not one per size.
 */
export function fitTiles(container: HTMLElement): void {
  const top = container.getBoundingClientRect().top + window.scrollY;
  const room = Math.max(window.innerHeight - top - 16, window.innerHeight * 0.6);
  const fits = () => container.scrollHeight <= room && container.scrollWidth <= container.clientWidth + 1;
  const probe = densities[5];
  apply(container, probe);
  const estimate = probe.tile * Math.sqrt(room / Math.max(container.scrollHeight, 1));
  let at = densities.findIndex((d) => d.tile <= estimate);
  if (at < 0) at = densities.length - 1;
  apply(container, densities[at]!);
  while (at < densities.length - 1 && !fits()) apply(container, densities[++at]!);
}
