// Campaigns: the list, and one campaign's waves, regions, checklist steps, gates, hold charts, event
// log and the operator's buttons (each asks for a reason; a refusal shows the API's problem document).

import { api, p, session } from '../api.js';
import { lineChart } from '../charts.js';
import { duration, h, loading, mount, num, route, time, words } from '../dom.js';
import { follow } from '../events.js';
import { askReason, badge, liveBadge, problemBox } from '../widgets.js';

const STEPS = ['freeze', 'verify_invariants', 'warm_green', 'flip', 'hold_and_watch', 'unfreeze'];

// What the campaign machine accepts in each state, and the role the API asks for.
const ACTIONS = [
  { verb: 'approve', role: 'approver', states: ['waiting_for_approval'] },
  { verb: 'pause', role: 'operator', states: ['running'] },
  { verb: 'resume', role: 'operator', states: ['paused'] },
  { verb: 'abort', role: 'operator', states: ['running', 'waiting_for_approval', 'paused'] },
  { verb: 'rollback', role: 'operator', states: ['completed', 'running', 'waiting_for_approval', 'paused', 'rollback_blocked'] },
];

// Green against Blue over the hold: the hold metric, how to read it, the hold metric that says whether
// the window had anything to measure, and Blue's number from the baseline window (null when it had nothing).
const CHARTS = [
  { metric: 'latency_p95_ms', label: 'latency p95', unit: 'milliseconds', needs: 'requests', blue: (b) => (b.request_count ? b.latency?.p95_ms : null) },
  { metric: 'delta_s_p95', label: 'ΔS p95', unit: 'score', needs: 'quality_samples', blue: (b) => (b.delta_s_samples ? b.delta_sp95 ?? b.delta_s_p95 : null) },
  { metric: 'coverage_mean', label: 'coverage', unit: 'ratio', needs: 'quality_samples', blue: (b) => (b.coverage_samples ? b.coverage_mean : null) },
  { metric: 'http_5xx_rate', label: '5xx rate', unit: 'ratio', needs: 'requests', blue: (b) => (b.request_count ? (b.http5xx_count ?? b.http_5xx_count ?? 0) / b.request_count : null) },
];

const MAX_LOG = 500;

export async function campaignsPage(main, [service], signal) {
  mount(main, loading('campaigns'));
  const services = service ? [service] : (await api('/services', { signal })).map((s) => s.service);
  const lists = await Promise.all(services.map((name) => api(p`/services/${name}/campaigns`, { signal })));
  const rows = lists.flat();
  mount(main,
    h('h1', {}, service ? `Campaigns of ${service}` : 'Campaigns'),
    rows.length === 0
      ? h('p', { class: 'empty-note' }, 'No campaign yet. Start one with POST /api/v1/services/{service}/campaigns or `coord campaign start`.')
      : h('div', { class: 'scroll' }, h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, ['Service', 'Campaign', 'State', 'Wave', 'Started by', 'Started', 'Finished'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows.map((c) => h('tr', {},
          h('td', {}, c.service),
          h('td', {}, h('a', { href: route('campaign', c.service, c.campaign_id) }, c.campaign_id)),
          h('td', {}, badge(c.state)),
          h('td', {}, `${c.current_wave + 1} of ${c.wave_count}`),
          h('td', {}, c.started_by),
          h('td', {}, time(c.started_at)),
          h('td', {}, time(c.finished_at))))))));
}

export async function campaignPage(main, [service, id], signal) {
  if (!service || !id) {
    await campaignsPage(main, [service], signal);
    return;
  }

  mount(main, loading(`campaign ${id}`));
  let status = await api(p`/services/${service}/campaigns/${id}`, { signal });
  const live = liveBadge();
  const summary = h('section', { class: 'summary' });
  const actions = h('section', { class: 'actions', 'aria-label': 'Operator actions' });
  const outcome = h('div', { id: 'action-result' });
  const waves = h('section', { class: 'waves' });
  const log = h('ol', { class: 'log', reversed: true });
  mount(main,
    h('h1', {}, `Campaign ${id} `, h('span', { class: 'muted' }, `of ${service}`), ' ', live.el),
    summary, actions, outcome, waves,
    h('section', {}, h('h2', {}, 'Event log'), log));

  const draw = () => {
    renderSummary(summary, status);
    renderActions(actions, status, act);
    renderWaves(waves, status);
  };

  // Re-reads coalesce: events that arrive during a read cause one more read, not one each.
  let reading = false;
  let again = false;
  const refresh = async () => {
    if (reading) { again = true; return; }
    reading = true;
    try {
      do {
        again = false;
        status = await api(p`/services/${service}/campaigns/${id}`, { signal });
        draw();
      } while (again && !signal.aborted);
    } catch (error) {
      if (!signal.aborted) mount(outcome, problemBox(error, 'Re-reading the campaign'));
    } finally {
      reading = false;
    }
  };

  async function act(verb) {
    const reason = await askReason(`${words(verb)} campaign ${id} of ${service} as ${session.whoami.principal}`);
    if (reason === null) return;
    mount(outcome, h('p', { class: 'muted', role: 'status' }, `${verb}…`));
    try {
      status = await api(p`/services/${service}/campaigns/${id}/${verb}`, { method: 'POST', body: { reason }, signal });
      mount(outcome, h('p', { class: 'ok', role: 'status', 'data-action': verb }, `${verb}: accepted as ${session.whoami.principal}; the campaign is ${words(status.state)}.`));
      draw();
    } catch (error) {
      if (!signal.aborted) mount(outcome, problemBox(error, verb[0].toUpperCase() + verb.slice(1)));
    }
  }

  for (const entry of history(status)) addLog(log, entry);
  let logged = status.version;
  draw();
  follow(service, {
    signal,
    onStatus: (state, error) => live.set(state, error),
    onEvent: (name, change) => {
      if (name !== 'campaign' || change.campaign_id !== id) return;

      // A new stream first repeats the latest change, which the status read at load already holds.
      if (change.version <= logged) return;
      if (change.previous_version > logged) addLog(log, { at: change.at, kind: 'gap', message: `changes ${logged + 1}–${change.previous_version} not seen; the status is re-read` });
      logged = change.version;
      for (const event of change.events) addLog(log, { at: change.at, kind: event.kind, region: event.region, message: event.message });
      refresh();
    },
  });
}

function renderSummary(el, c) {
  const rows = [
    ['State', badge(c.state, 'state')],
    ['Wave', `${c.current_wave + 1} of ${c.wave_count}`],
    ['Started', `${time(c.started_at)} by ${c.started_by}`],
    c.reason ? ['Reason', c.reason] : null,
    c.approvals?.length ? ['Approvals', h('ul', { class: 'plain' }, c.approvals.map((a) => h('li', {}, a)))] : null,
    c.finished_at ? ['Finished', time(c.finished_at)] : null,
    c.rollback_started_at ? ['Rollback', `started ${time(c.rollback_started_at)}${c.rollback_duration ? `, took ${duration(c.rollback_duration)}` : ''}`] : null,
    ['Version', String(c.version)],
  ].filter(Boolean);
  el.dataset.state = c.state;
  mount(el, h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}

function renderActions(el, c, act) {
  mount(el, ACTIONS.map(({ verb, role, states }) => {
    const hasRole = session.has(role);
    const fits = states.includes(c.state);
    const why = !hasRole ? `needs the ${role} role` : !fits ? `not while ${words(c.state)}` : `${verb} with a reason`;
    return h('button', { type: 'button', class: verb === 'abort' || verb === 'rollback' ? 'danger' : 'primary', 'data-action': verb, disabled: !(hasRole && fits), title: why, onclick: () => act(verb) }, verb);
  }));
}

function renderWaves(el, c) {
  const byWave = Array.from({ length: c.wave_count }, () => []);
  for (const region of c.regions) byWave[region.wave_index]?.push(region);
  mount(el, byWave.map((regions, i) => h('section', { class: 'wave', 'data-wave': String(i) },
    h('h2', {}, `Wave ${i + 1}`, ' ', badge(waveState(c, i))),
    h('div', { class: 'regions' }, regions.map(regionCard)))));
}

function waveState(c, i) {
  if (i > c.current_wave) return 'pending';
  if (i < c.current_wave) return 'done';
  return ['completed', 'rolled_back'].includes(c.state) ? c.state : 'current';
}

function regionCard(r) {
  const latestHold = r.hold?.length ? r.hold[r.hold.length - 1] : null;
  return h('article', { class: 'region', 'data-region': r.region, 'data-outcome': r.outcome, 'data-step': r.step },
    h('header', {}, h('h3', {}, r.region), ' ', badge(r.outcome), r.outcome === 'in_progress' ? h('span', { class: 'muted' }, ` at ${words(r.step)}`) : null),
    stepTrack(r),
    r.note ? h('p', { class: 'note' }, r.note) : null,
    r.rollback_blocked ? h('p', { class: 'problem' }, `rollback blocked: ${r.rollback_blocked}`) : null,
    h('p', { class: 'small muted' },
      r.expected_epoch !== undefined && r.expected_epoch !== null ? `expected epoch ${r.expected_epoch}` : 'epoch not read yet',
      r.flipped_epoch !== undefined && r.flipped_epoch !== null ? ` → flipped to Green at epoch ${r.flipped_epoch}, ${time(r.flipped_at)}` : ''),
    r.warm ? gateTable('Warm gate', r.warm) : null,
    latestHold ? gateTable(`Hold gate (latest of ${r.hold.length})`, latestHold) : null,
    latestHold ? h('div', { class: 'charts', 'aria-label': 'Green against Blue over the hold' }, CHARTS.map((chart) => holdChart(chart, r))) : null);
}

function stepTrack(r) {
  const records = new Map(r.steps.map((record) => [record.step, record]));
  return h('ol', { class: 'steps' }, STEPS.map((step) => {
    const record = records.get(step);
    const state = r.outcome === 'in_progress' && r.step === step ? 'current'
      : record?.finished_at ? 'done'
        : r.outcome === 'done' ? 'done' : 'pending';
    return h('li', { class: `step step-${state}`, 'data-step': step, title: record ? `${time(record.started_at)}: ${record.result || 'running'}` : 'not started' }, words(step));
  }));
}

function gateTable(title, gate) {
  return h('div', { class: 'gate', 'data-gate': gate.kind },
    h('h4', {}, title, ' ', badge(gate.verdict), h('span', { class: 'small muted' }, ` as of ${time(gate.as_of)}`)),
    h('table', { class: 'metrics' },
      h('thead', {}, h('tr', {}, ['Metric', 'Value', 'Target', 'Stop at', 'Verdict'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, gate.metrics.map((m) => h('tr', { 'data-metric': m.metric, title: m.reason },
        h('td', {}, words(m.metric)),
        h('td', { class: 'n' }, num(m.value, m.unit)),
        h('td', { class: 'n' }, m.pass_target === undefined || m.pass_target === null ? '–' : `${m.direction === 'higher_is_better' ? '≥' : '≤'} ${num(m.pass_target, m.unit)}`),
        h('td', { class: 'n' }, m.stop_at === undefined || m.stop_at === null ? '–' : `${num(m.stop_at, m.unit)}`),
        h('td', {}, badge(m.verdict)))))),
    h('p', { class: 'small muted' }, gate.reason));
}

function holdChart({ metric, label, unit, needs, blue }, region) {
  // An evaluation of an empty window reports 0, which is no measurement: it is left out of the line.
  const points = (region.hold ?? [])
    .filter((gate) => gate.metrics.find((m) => m.metric === needs)?.value > 0)
    .map((gate) => ({ t: Date.parse(gate.as_of), v: gate.metrics.find((m) => m.metric === metric)?.value }))
    .filter((point) => typeof point.v === 'number');
  const last = region.hold?.length ? region.hold[region.hold.length - 1].metrics.find((m) => m.metric === metric) : null;
  const threshold = last?.pass_target !== undefined && last?.pass_target !== null ? { value: last.pass_target, label: 'target' }
    : last?.stop_at !== undefined && last?.stop_at !== null ? { value: last.stop_at, label: 'stop at' } : null;
  const baseline = region.baseline ? blue(region.baseline) : null;
  return h('figure', { class: 'chart-box' }, h('figcaption', {}, label), lineChart({ label, unit, points, blue: typeof baseline === 'number' ? baseline : null, threshold }));
}

/** What the status already tells of the past: the start, every finished step, approvals. */
function history(c) {
  const entries = [{ at: c.started_at, kind: 'started', message: `started by ${c.started_by}` }];
  for (const r of c.regions) {
    for (const record of r.steps) {
      if (record.finished_at) entries.push({ at: record.finished_at, kind: 'step_finished', region: r.region, message: `${words(record.step)}: ${record.result}` });
    }
  }

  for (const approval of c.approvals ?? []) entries.push({ at: null, kind: 'approved', message: approval });
  return entries.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}

function addLog(log, { at, kind, region, message }) {
  log.prepend(h('li', { 'data-kind': kind }, h('time', { datetime: at ?? '' }, time(at)), ' ', badge(kind), region ? h('strong', {}, ` ${region}`) : null, ' ', message));
  while (log.children.length > MAX_LOG) log.lastElementChild.remove();
}
