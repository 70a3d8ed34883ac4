/// <reference lib="dom" />
import type { Report, Unit } from './api.ts';
import { ApiError, postJson, reopenRoute } from './api.ts';
import { h } from './dom.ts';
import { lang, t } from './i18n.ts';

type LogDay = NonNullable<Report['logDay']>;

const time = (at: string) => new Intl.DateTimeFormat(lang(), { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date(at));

/**
 * A grid's day: whether its logs are still taken, the latest reopening with who, when and why, and,
 * for an admin looking at a locked day, the way to reopen it for 24 hours with a reason.
 */
export function showLogDay(container: HTMLElement, unit: Unit, date: string, logDay: LogDay, isAdmin: boolean, reopened: () => void): void {
  const parts: HTMLElement[] = [h('p', { class: logDay.locked ? 'state locked' : 'state', i18n: logDay.locked ? 'logDay.locked' : 'logDay.open' })];
  const { reopening } = logDay;
  if (reopening) parts.push(h('p', { i18n: 'logDay.reopening', args: { by: reopening.by, at: time(reopening.at), until: time(reopening.until), reason: reopening.reason } }));
  if (isAdmin && logDay.locked) {
    const reason = h('input', { attrs: { type: 'text', name: 'reason', required: '', minlength: '3', maxlength: '500' } });
    const button = h('button', { i18n: 'logDay.reopen', attrs: { type: 'submit' } });
    const problem = h('p', { class: 'problem', attrs: { role: 'alert' } });
    const form = h('form', { class: 'reopen' }, h('label', { i18n: 'logDay.reason' }, reason), button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        await postJson(reopenRoute(unit.district), { gridId: unit.id, date, reason: reason.value.trim() });
        reopened();
      } catch (error) {
        problem.textContent = t('logDay.failed', { message: error instanceof ApiError ? error.message : String(error) });
        button.disabled = false;
      }
    });
    parts.push(form, problem);
  }
  container.replaceChildren(...parts);
}
