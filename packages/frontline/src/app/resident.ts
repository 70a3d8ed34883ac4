/// <reference lib="dom" />
import { NetworkError, request, scopedKey, serverNow } from './api.ts';
import type { CodeColor } from './code-verify.ts';
import type { DeliveryKind, DeliveryStatus, Priority } from './delivery-keys.ts';
import { kindKeys, statusKeys } from './delivery-keys.ts';
import { h, setText } from './dom.ts';
import { helpKinds } from './help-keys.ts';
import { residentContact } from './resident-contact.ts';
import type { TestSlot } from './resident-self-test.ts';
import { residentSelfTest } from './resident-self-test.ts';
import { colorKeys } from './verdict.ts';
import type { ViewFactory } from './view.ts';
import { listen, newId, signOutOnRefusal } from './view.ts';

interface ResidentCode {
  readonly code: string;
  readonly codeColor: CodeColor;
  readonly expiresAt: string;
}

/** `GET /v1/residents/{personId}/household` (the front-line contract). */
interface Household {
  readonly householdId: string;
  readonly buildingId: string;
  readonly outings: { readonly perHousehold: number; readonly everyDays: number; readonly left: number } | null;
  readonly deliveries: readonly {
    readonly deliveryId: string;
    readonly kind: DeliveryKind;
    readonly status: DeliveryStatus;
    readonly callNumber?: number;
    readonly priority: Priority;
    readonly requestedAt: string;
    readonly items: readonly { readonly name: string; readonly quantity: number }[];
  }[];
  readonly testSlots: readonly TestSlot[];
}

/** A new code is fetched this long before the shown one expires, so the gate never reads a stale one. */
export const refreshBeforeExpiryMs = 60_000;
const householdEveryMs = 60_000;

/** Draws the code as black modules on white (what every scanner reads best), whole pixels per module. */
async function drawCode(canvas: HTMLCanvasElement, text: string): Promise<void> {
  const { default: encodeQR } = await import('qr');
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: 4 });
  const size = modules.length;
  const scale = Math.max(2, Math.floor(canvas.width / size));
  const context = canvas.getContext('2d')!;
  canvas.width = canvas.height = size * scale;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  modules.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) context.fillRect(x * scale, y * scale, scale, scale);
  }));
}

/**
 * 我的通行码: the resident's rotating code (renewed before it expires), its colour, the
 * household's outings left and deliveries with their call numbers, a request for groceries
 * or medicine, and an antigen self-test reported.
 */
export const residentView: ViewFactory = (session, context) => {
  const personId = session.subject;
  let household: Household | undefined;
  let codeTimer: ReturnType<typeof setTimeout> | undefined;
  let expiresAt = 0;

  const name = h('h2', { class: 'person' });
  const canvas = h('canvas', { label: 'resident.qr.label', attrs: { width: '300', height: '300', role: 'img', 'data-testid': 'resident-qr' } });
  const color = h('p', { class: 'chip big', attrs: { 'data-testid': 'code-color' } });
  const validity = h('p', { class: 'validity', attrs: { role: 'status' } });
  const codeCard = h('section', { class: 'code-card' }, color, h('div', { class: 'qr' }, canvas), validity);
  const outings = h('p', { class: 'big-figure', attrs: { 'data-testid': 'outings' } });
  const deliveries = h('ul', { class: 'cards', attrs: { 'data-testid': 'deliveries' } }, h('li', { i18n: 'common.loading' }));
  const problem = h('p', { class: 'status', attrs: { role: 'alert' } });

  const kind = h('select', { attrs: { id: 'request-kind' } },
    h('option', { i18n: 'kind.groceries', attrs: { value: 'groceries' } }),
    h('option', { i18n: 'kind.medicine', attrs: { value: 'medicine' } }));
  const item = h('input', { attrs: { id: 'request-item', maxlength: '100', autocomplete: 'off' } });
  const quantity = h('input', { attrs: { id: 'request-quantity', type: 'number', min: '1', max: '1000', value: '1', inputmode: 'numeric' } });
  const urgent = h('input', { attrs: { id: 'request-urgent', type: 'checkbox' } });
  const sent = h('p', { class: 'status', attrs: { role: 'status', 'data-testid': 'request-status' } });
  const requestForm = h('form', { class: 'request', on: { submit: (e) => {
    e.preventDefault();
    void requestDelivery();
  } } },
  h('h3', { i18n: 'resident.request.title' }),
  h('label', { i18n: 'resident.request.kind', attrs: { for: 'request-kind' } }), kind,
  h('label', { i18n: 'resident.request.item', attrs: { for: 'request-item' } }), item,
  h('label', { i18n: 'resident.request.quantity', attrs: { for: 'request-quantity' } }), quantity,
  h('label', { class: 'check', attrs: { for: 'request-urgent' } }, urgent, h('span', { i18n: 'resident.request.urgent' })),
  h('button', { class: 'primary', i18n: 'resident.request.submit', attrs: { type: 'submit' } }),
  sent);

  // 紧急就医求助: a need that cannot wait goes to the grid's workers with a clock; 120 is one tap away.
  const helpKind = h('select', { attrs: { id: 'help-kind' } },
    ...Object.entries(helpKinds).map(([k, key]) => h('option', { i18n: key, attrs: { value: k } })));
  const helpStatus = h('p', { class: 'status', attrs: { role: 'status', 'data-testid': 'help-status' } });
  const helpForm = h('form', { class: 'help', on: { submit: (e) => {
    e.preventDefault();
    void askForHelp();
  } } },
  h('h3', { i18n: 'resident.help.title' }),
  h('p', {}, h('a', { class: 'call', i18n: 'help.call', attrs: { href: 'tel:120' } })),
  h('label', { i18n: 'resident.help.kind', attrs: { for: 'help-kind' } }), helpKind,
  h('button', { class: 'primary danger', i18n: 'resident.help.submit', attrs: { type: 'submit' } }),
  helpStatus);

  const failed = signOutOnRefusal(context);
  const contact = residentContact(session, failed);
  // A self-test marks the slot tested; a positive opens a case: the code turns red at once, not at its next renewal.
  const selfTest = residentSelfTest(session, failed, (result) => {
    void loadHousehold();
    if (result === 'positive') void loadCode();
  });

  const root = h('section', { class: 'resident' },
    name, codeCard, problem, helpForm, selfTest.slots, selfTest.root,
    h('section', { class: 'panel' }, h('h3', { i18n: 'resident.outings' }), outings),
    h('section', { class: 'panel' }, h('h3', { i18n: 'resident.deliveries' }), deliveries),
    contact.root,
    requestForm);

  async function loadCode() {
    clearTimeout(codeTimer);
    try {
      const fresh = await request<ResidentCode>('GET', `v1/residents/${encodeURIComponent(personId)}/code`, { token: session.token, timeoutMs: 10_000 });
      // Kept so a phone that loses the network still shows the code while it is valid.
      localStorage.setItem(scopedKey(`fl-code:${personId}`), JSON.stringify(fresh));
      await showCode(fresh, false);
      codeTimer = setTimeout(() => void loadCode(), Math.max(5_000, Date.parse(fresh.expiresAt) - Date.now() - refreshBeforeExpiryMs));
    } catch (error) {
      if (failed(error)) return;
      const kept = localStorage.getItem(scopedKey(`fl-code:${personId}`));
      if (kept) await showCode(JSON.parse(kept) as ResidentCode, true);
      codeTimer = setTimeout(() => void loadCode(), 10_000);
    }
  }

  async function showCode(code: ResidentCode, offline: boolean) {
    expiresAt = Date.parse(code.expiresAt);
    canvas.dataset['expires'] = code.expiresAt;
    setText(color, colorKeys[code.codeColor]);
    color.className = `chip big ${code.codeColor}`;
    codeCard.className = `code-card ${code.codeColor}`;
    const expired = expiresAt <= Date.now();
    canvas.hidden = expired;
    if (!expired) await drawCode(canvas, code.code);
    if (expired) setText(validity, 'resident.expired');
    else if (offline) setText(validity, 'resident.offline');
    else setText(validity, 'resident.valid', { time: { time: code.expiresAt } });
  }

  async function loadHousehold() {
    try {
      household = await request<Household>('GET', `v1/residents/${encodeURIComponent(personId)}/household`, { token: session.token, timeoutMs: 10_000 });
      problem.replaceChildren();
      renderHousehold(household);
      await contact.refresh();
    } catch (error) {
      if (!failed(error)) setText(problem, 'common.network');
    }
  }

  function renderHousehold(data: Household) {
    selfTest.showSlots(data.testSlots ?? []);
    if (data.outings) setText(outings, 'resident.outings.value', { left: data.outings.left, per: data.outings.perHousehold, days: data.outings.everyDays });
    else setText(outings, 'resident.outings.none');
    if (data.deliveries.length === 0) {
      deliveries.replaceChildren(h('li', { i18n: 'resident.deliveries.empty' }));
      return;
    }
    deliveries.replaceChildren(...data.deliveries.map((d) => h('li', { class: `card ${d.priority}`, attrs: { 'data-delivery': d.deliveryId, 'data-status': d.status } },
      h('p', { class: 'card-title' },
        h('span', { i18n: kindKeys[d.kind] }),
        h('span', { class: `state ${d.status}`, i18n: statusKeys[d.status] })),
      d.callNumber === undefined ? '' : h('p', { class: 'call-number', i18n: 'resident.callNumber', args: { number: d.callNumber } }),
      h('p', { i18n: 'resident.items', args: { items: { items: d.items } } }),
      h('p', { class: 'muted', i18n: 'resident.requestedAt', args: { time: { dateTime: d.requestedAt } } }),
    )));
  }

  async function requestDelivery() {
    const itemName = item.value.trim();
    if (!itemName) {
      setText(sent, 'resident.request.itemRequired');
      item.focus();
      return;
    }
    if (!household) return;
    const medicine = kind.value === 'medicine';
    try {
      await request('POST', 'v1/deliveries', {
        token: session.token,
        timeoutMs: 15_000,
        body: {
          deliveryId: `r-${newId()}`, householdId: household.householdId, buildingId: household.buildingId,
          kind: medicine ? 'medicine' : 'groceries', priority: medicine && urgent.checked ? 'medical' : 'normal',
          items: [{ name: itemName, quantity: Math.max(1, Math.min(1000, Math.round(Number(quantity.value) || 1))) }],
          requestedAt: serverNow().toISOString(),
        },
      });
      setText(sent, 'resident.request.sent');
      item.value = '';
      quantity.value = '1';
      urgent.checked = false;
      await loadHousehold();
    } catch (error) {
      if (failed(error)) return;
      if (error instanceof NetworkError) setText(sent, 'common.network');
      else setText(sent, 'common.error', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  async function askForHelp() {
    if (!household) {
      setText(helpStatus, 'help.offline');
      return;
    }
    try {
      const opened = await request<{ status: { dueAt?: string } }>('POST', 'v1/urgent-requests', {
        token: session.token,
        timeoutMs: 15_000,
        body: { requestId: `r-help-${newId()}`, householdId: household.householdId, buildingId: household.buildingId, kind: helpKind.value, neededAt: serverNow().toISOString() },
      });
      setText(helpStatus, 'help.sent', { time: { time: opened.status.dueAt ?? serverNow().toISOString() } });
    } catch (error) {
      if (failed(error)) return;
      if (error instanceof NetworkError) setText(helpStatus, 'help.offline');
      else setText(helpStatus, 'common.error', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  async function loadName() {
    try {
      const resident = await request<{ nameMasked: string }>('GET', `v1/residents/${encodeURIComponent(personId)}`, { token: session.token, timeoutMs: 10_000 });
      setText(name, 'resident.name', { name: resident.nameMasked });
      localStorage.setItem(scopedKey(`fl-name:${personId}`), resident.nameMasked);
    } catch (error) {
      if (failed(error)) return;
      const kept = localStorage.getItem(scopedKey(`fl-name:${personId}`));
      if (kept) setText(name, 'resident.name', { name: kept });
    }
  }

  // A phone woken after the code expired fetches a new one at once, not when the timer gets round to it.
  const wake = () => {
    if (document.visibilityState === 'visible' && Date.now() > expiresAt - refreshBeforeExpiryMs) void loadCode();
  };
  const stopListening = listen([[document, 'visibilitychange', wake], [window, 'online', wake]]);
  const householdTimer = setInterval(() => void loadHousehold(), householdEveryMs);
  void loadName();
  void loadCode();
  void loadHousehold();

  return {
    root,
    unmount() {
      clearTimeout(codeTimer);
      clearInterval(householdTimer);
      stopListening();
    },
  };
};
