// Fences of one region: writer leases (holder, fencing token, frozen by) and consumer groups (version,
// mode, offsets, moves). Lease changes arrive on the event stream; consumer pointers are re-read.

import { api, p } from '../api.js';
import { ago, h, loading, mount, route, time } from '../dom.js';
import { follow, pause } from '../events.js';
import { badge, liveBadge, problemBox } from '../widgets.js';
import { pickRegion } from './pick.js';

const POLL_MS = 5000;

export async function fencesPage(main, [service, region], signal) {
  if (!service || !region) {
    await pickRegion(main, 'fences', 'Fences', signal);
    return;
  }

  mount(main, loading('fences'));
  const live = liveBadge();
  const leasesEl = h('section', { class: 'leases' });
  const consumersEl = h('section', { class: 'consumers' });
  const problem = h('div', {});
  const read = async () => {
    const [leases, consumers] = await Promise.all([
      api(p`/services/${service}/regions/${region}/leases`, { signal }),
      api(p`/services/${service}/regions/${region}/consumers`, { signal }),
    ]);
    mount(leasesEl, h('h2', {}, 'Writer leases'), leaseTable(service, region, leases));
    mount(consumersEl, h('h2', {}, 'Consumer groups'), consumerTable(service, region, consumers));
    mount(problem);
  };

  await read();
  mount(main,
    h('h1', {}, `Fences of ${service} in ${region} `, live.el),
    h('p', { class: 'muted' }, h('a', { href: route('audit', service, region) }, 'audit chains of this region'), ` · consumer groups are re-read every ${POLL_MS / 1000} s`),
    problem, leasesEl, consumersEl);

  const reread = () => read().catch((error) => { if (!signal.aborted) mount(problem, problemBox(error, 'Re-reading')); });
  follow(service, { regions: [region], signal, onStatus: (s, e) => live.set(s, e), onEvent: (name) => { if (name === 'lease') reread(); } });
  while (!signal.aborted) {
    await pause(POLL_MS, signal);
    if (!signal.aborted) await reread();
  }
}

function leaseTable(service, region, leases) {
  if (!leases.length) return h('p', { class: 'empty-note' }, 'No writer has taken a lease in this region.');
  return h('div', { class: 'scroll' }, h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, ['Writer', 'Holder', 'Fencing token', 'Epoch', 'INDEX_HASH', 'Expires', 'Frozen by', 'Pinned', 'Grants', 'Rejections', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, leases.map((l) => h('tr', { 'data-writer': l.writer },
      h('td', {}, l.writer),
      h('td', {}, l.holder ? l.holder.holder_id : h('span', { class: 'muted' }, 'nobody')),
      h('td', { class: 'n' }, l.holder ? String(l.holder.fencing_token) : '–', h('span', { class: 'muted small' }, ` (latest ${l.latest_fencing_token})`)),
      h('td', { class: 'n' }, l.holder ? String(l.holder.epoch) : '–'),
      h('td', {}, l.holder ? h('code', {}, l.holder.index_hash) : '–'),
      h('td', {}, l.holder ? [time(l.holder.expires_at), Date.parse(l.holder.expires_at) < Date.now() ? ' (expired)' : ''] : '–'),
      h('td', {}, l.frozen_by ? badge('frozen') : '', l.frozen_by ? ` ${l.frozen_by}` : h('span', { class: 'muted' }, 'not frozen')),
      h('td', {}, l.pinned_index_hash ? h('code', {}, l.pinned_index_hash) : '–'),
      h('td', { class: 'n' }, String(l.grants)),
      h('td', { class: 'n' }, String(l.rejections)),
      h('td', {}, h('a', { href: route('audit', service, region, 'writer', l.writer) }, 'audit')))))));
}

function consumerTable(service, region, groups) {
  if (!groups.length) return h('p', { class: 'empty-note' }, 'No consumer group is configured in this region.');
  return h('div', { class: 'scroll' }, h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, ['Group', 'Version', 'Mode', 'Token', 'Offsets', 'Instances', 'Move', 'Commits', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, groups.map((g) => h('tr', { 'data-group': g.group },
      h('td', {}, g.group),
      h('td', {}, g.active_consumer_ver ? h('code', {}, g.active_consumer_ver) : '–'),
      h('td', {}, badge(g.mode), g.paused_by ? h('div', { class: 'small' }, `paused by ${g.paused_by}`) : null, g.ledger_full_reason ? h('div', { class: 'small problem-text' }, g.ledger_full_reason) : null),
      h('td', { class: 'n' }, String(g.token)),
      h('td', { class: 'small' }, Object.entries(g.offsets ?? {}).map(([partition, offset]) => h('div', {}, `p${partition}: ${offset}`))),
      h('td', { class: 'small' }, (g.instances ?? []).map((i) => h('div', {}, `${i.instance_id} (${i.consumer_ver}${i.paused ? ', paused' : ''}, ${ago(i.last_heartbeat)})`))),
      h('td', { class: 'small' }, g.current_move ? move(g.current_move) : h('span', { class: 'muted' }, 'none')),
      h('td', { class: 'small' }, `${g.counters.side_effects_accepted} accepted, ${g.counters.dedupe_hits} duplicates, ${g.counters.fenced_attempts} fenced, ${g.counters.conflicts} conflicts, ${g.counters.ledger_keys} ledger keys`),
      h('td', {}, h('a', { href: route('audit', service, region, 'consumer_group', g.group) }, 'audit')))))));
}

function move(m) {
  return [
    h('div', {}, h('code', {}, m.from_consumer_ver), ' → ', h('code', {}, m.to_consumer_ver), ' ', badge(m.state)),
    h('div', { class: 'muted' }, `started ${time(m.started_at)}${m.finished_at ? `, finished ${time(m.finished_at)}` : ''}`),
    m.pending_instances?.length ? h('div', {}, `waiting for ${m.pending_instances.join(', ')}`) : null,
    m.reason ? h('div', {}, m.reason) : null,
  ];
}
