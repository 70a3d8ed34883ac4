/// <reference lib="dom" />
import type { RouteResponse } from '@firstline/schemas';
import type { Unit } from './api.ts';
import { ApiError, getJson, urgentRoute } from './api.ts';
import { h } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { lang, t } from './i18n.ts';

type Urgent = RouteResponse<'GET /v1/urgent-requests'>;
type Request = Urgent['items'][number];

/** The open urgent medical requests a reader of the district may see (or why they could not be read). */
export type UrgentShown = Urgent | { readonly error: string };

const kindKeys: Readonly<Record<Request['kind'], MessageKey>> = {
  dialysis: 'urgent.kind.dialysis', labour: 'urgent.kind.labour', 'chest-pain-stroke': 'urgent.kind.chest-pain-stroke', 'fever-clinic': 'urgent.kind.fever-clinic', other: 'urgent.kind.other',
};
const stageKeys: Readonly<Record<Request['status']['stage'], MessageKey>> = {
  'waiting-acknowledgement': 'urgent.stage.waiting-acknowledgement', 'waiting-arrangement': 'urgent.stage.waiting-arrangement', arranged: 'urgent.stage.arranged',
};
const escalationKeys: Readonly<Record<Request['status']['escalation'], MessageKey>> = {
  none: 'urgent.escalation.none', community: 'urgent.escalation.community', street: 'urgent.escalation.street',
};

const time = (at: string) => new Intl.DateTimeFormat(lang(), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date(at));

/** The district's open urgent requests (one grid's for a grid's view), the most escalated first. */
export async function loadUrgent(unit: Unit): Promise<UrgentShown> {
  try {
    return await getJson<Urgent>(urgentRoute(unit.district ?? unit.id, unit.level === 'grid' ? unit.id : undefined));
  } catch (error) {
    return { error: error instanceof ApiError ? error.message : String(error) };
  }
}

/** Draws the list first in the work section: an overdue request says how far it has escalated. */
export function showUrgent(container: HTMLElement, shown: UrgentShown, gridName: (id: string) => string): void {
  const title = h('h3', { i18n: 'urgent.title', attrs: { id: 'urgent-title' } });
  const block = h('article', { class: 'work-list urgent', attrs: { 'aria-labelledby': 'urgent-title' } }, h('div', { class: 'section-head' }, title));
  if ('error' in shown) block.append(h('p', { class: 'late', text: t('work.error', { message: shown.error }) }));
  else if (shown.items.length === 0) block.append(h('p', { class: 'muted', i18n: 'work.empty' }));
  else {
    block.append(h('ul', {}, ...shown.items.map((r) => h('li', {
      class: r.status.escalation === 'none' ? '' : 'overdue',
      data: { id: r.requestId, grid: r.gridId, escalation: r.status.escalation },
      text: t('urgent.item', {
        grid: gridName(r.gridId), kind: { msg: kindKeys[r.kind] }, stage: { msg: stageKeys[r.status.stage] }, due: r.status.dueAt ? time(r.status.dueAt) : '–',
        escalation: { msg: escalationKeys[r.status.escalation] },
      }),
    }))));
  }
  container.replaceChildren(block);
}
