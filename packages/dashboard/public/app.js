// The command center: signs in with a command token, drills city → district → street → community →
// grid, and shows exactly what the reports APIs answer (no figure is computed here). `/config.json`
// says where each API is mounted (the city at /v1/city, each district under /districts/<id>);
// without it, the page talks to the one district it is served with.
const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem('firstline-token') ?? '', config: { city: null, districts: [] }, trail: [], date: '' };

function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function addDays(day, delta) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

/** Where a unit's reports live: the city's routes, or the district's API that holds the unit. */
function routes(unit) {
  const query = `level=${unit.level}&id=${encodeURIComponent(unit.id)}`;
  if (unit.level === 'city') {
    return { daily: (date) => `/v1/city/reports/daily?date=${date}`, series: (from, to) => `/v1/city/reports/series?from=${from}&to=${to}` };
  }
  const base = state.config.districts.find((d) => d.id === unit.district)?.api ?? '';
  return {
    daily: (date) => `${base}/v1/reports/daily?${query}&date=${date}`,
    series: (from, to) => `${base}/v1/reports/series?${query}&from=${from}&to=${to}`,
  };
}

async function api(path, accept = 'application/json') {
  const res = await fetch(path, { headers: { authorization: `Bearer ${state.token}`, accept } });
  if (!res.ok) throw new Error(`${res.status} ${(await res.text()).slice(0, 200)}`);
  return accept === 'application/json' ? res.json() : res.text();
}

function claims(token) {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

const esc = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US'));
const caseTotal = (c) => c.confirmed + c.suspected + c.feverUnexcluded + c.closeContact;

function chart(svg, values, dates) {
  const max = Math.max(1, ...values);
  const step = 280 / Math.max(1, values.length - 1);
  const points = values.map((v, i) => `${10 + i * step},${70 - (v / max) * 60}`).join(' ');
  svg.innerHTML = `<polyline points="${points}"></polyline>`
    + `<text x="10" y="79">${dates[0] ?? ''}</text><text x="250" y="79">${dates.at(-1) ?? ''}</text><text x="2" y="10">${max}</text>`;
  svg.dataset.values = values.join(',');
}

function crumbs() {
  const nav = $('crumbs');
  nav.innerHTML = '';
  state.trail.forEach((unit, i) => {
    if (i > 0) nav.insertAdjacentHTML('beforeend', '<span class="sep">›</span>');
    const el = document.createElement(i === state.trail.length - 1 ? 'strong' : 'a');
    el.textContent = `${unit.name ?? unit.id}`;
    el.dataset.level = unit.level;
    if (i < state.trail.length - 1) el.onclick = () => { state.trail = state.trail.slice(0, i + 1); render(); };
    nav.append(el);
  });
}

async function render() {
  const unit = state.trail.at(-1);
  $('status').textContent = 'Loading…';
  try {
    const [report, series] = await Promise.all([
      api(routes(unit).daily(state.date)),
      api(routes(unit).series(addDays(state.date, -13), state.date)),
    ]);
    unit.name = report.name;
    crumbs();
    $('free-percent').textContent = `${report.epidemicFree.percent}%`;
    $('free-detail').textContent = `${fmt(report.epidemicFree.free)} of ${fmt(report.epidemicFree.grids)} grids`;
    $('cases-total').textContent = fmt(caseTotal(report.cases));
    $('cases-detail').textContent = `confirmed ${report.cases.confirmed} · suspected ${report.cases.suspected} · fever ${report.cases.feverUnexcluded} · close contact ${report.cases.closeContact}`;
    $('scans-total').textContent = fmt(report.scans.in + report.scans.out);
    $('scans-detail').textContent = `in ${fmt(report.scans.in)} · out ${fmt(report.scans.out)} · denied ${fmt(report.scans.denied)} · fever ${fmt(report.scans.fever)}`;
    $('deliveries-total').textContent = fmt(report.deliveries.open);
    $('deliveries-detail').textContent = `open · requested ${fmt(report.deliveries.requested)} · delivered ${fmt(report.deliveries.delivered)} · median ${fmt(report.deliveries.medianMinutesToDeliver)} min`;
    $('reporting').textContent = `${fmt(report.reporting.reported)} / ${fmt(report.reporting.grids)}`;
    const missing = (report.missingDistricts ?? []).map((id) => state.config.districts.find((d) => d.id === id)?.name ?? id);
    const late = [...report.children.filter((c) => c.reporting.reported < c.reporting.grids).map((c) => c.name), ...missing];
    $('late').innerHTML = late.length ? `<span class="late">Late or missing: ${late.map(esc).join(', ')}</span>` : 'All reported';
    const dates = series.days.map((d) => d.date);
    chart($('chart-cases'), series.days.map((d) => caseTotal(d.cases)), dates);
    chart($('chart-scans'), series.days.map((d) => d.scans.in + d.scans.out), dates);
    chart($('chart-deliveries'), series.days.map((d) => d.deliveries.delivered), dates);
    $('children-title').textContent = report.children.length ? `${report.children[0].level[0].toUpperCase()}${report.children[0].level.slice(1)}s` : 'Grid';
    const rows = report.children.length ? report.children : [report];
    $('children').innerHTML = '';
    for (const child of rows) {
      const tr = document.createElement('tr');
      tr.dataset.id = child.id;
      const free = child.epidemicFree.free === child.epidemicFree.grids && child.epidemicFree.grids > 0;
      tr.innerHTML = `<td>${esc(child.name)}</td><td class="${free ? 'free' : 'notfree'}">${child.epidemicFree.percent}%</td>`
        + `<td>${fmt(caseTotal(child.cases))}</td><td>${fmt(child.scans.in)}</td><td>${fmt(child.scans.denied)}</td><td>${fmt(child.scans.fever)}</td>`
        + `<td class="${child.reporting.reported < child.reporting.grids ? 'late' : ''}">${child.reporting.reported}/${child.reporting.grids}</td><td>${fmt(child.deliveries.open)}</td>`;
      if (child !== report) {
        tr.className = 'drill';
        const district = child.level === 'district' ? child.id : unit.district;
        tr.onclick = () => { state.trail.push({ level: child.level, id: child.id, name: child.name, district }); render(); };
      }
      $('children').append(tr);
    }
    $('status').textContent = report.final ? `${state.date}: final` : `${state.date}: live, not yet closed`;
  } catch (error) {
    $('status').textContent = `Could not load the report: ${error.message}`;
  }
}

async function start() {
  const c = claims(state.token);
  if (!c.district) return;
  sessionStorage.setItem('firstline-token', state.token);
  const city = state.config.city;
  // A city token starts at the city; a district token at its district.
  state.trail = city && c.district === city.id
    ? [{ level: 'city', id: city.id, name: city.name }]
    : [{ level: 'district', id: c.district, name: c.district, district: c.district }];
  $('app').hidden = false;
  await render();
}

$('signin').onsubmit = (e) => {
  e.preventDefault();
  state.token = $('token').value.trim();
  void start();
};
// Yesterday: the last day every district has closed, which is what the command center reads first.
$('date').value = state.date = new URLSearchParams(location.search).get('date') ?? addDays(today(), -1);
$('date').onchange = () => { state.date = $('date').value; void render(); };
$('csv').onclick = async () => {
  const unit = state.trail.at(-1);
  const csv = await api(routes(unit).daily(state.date), 'text/csv');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  link.download = `firstline-${unit.level}-${unit.id}-${state.date}.csv`;
  link.click();
};

// The local stack mints tokens (the city's, if it runs one); a cloud stack has no /local routes and
// the button stays hidden.
async function offerLocalSignIn() {
  const res = await fetch('/local/status').catch(() => undefined);
  if (!res?.ok) return;
  const district = state.config.city?.id ?? (await res.json()).district;
  const button = $('local-signin');
  button.hidden = false;
  button.onclick = async () => {
    const minted = await fetch('/local/tokens', { method: 'POST', body: JSON.stringify({ role: 'command', district, scopes: ['*'] }) });
    state.token = (await minted.json()).token;
    void start();
  };
}

const config = await fetch('/config.json').then((res) => (res.ok ? res.json() : undefined)).catch(() => undefined);
if (config) state.config = config;
await offerLocalSignIn();
if (state.token) void start();
