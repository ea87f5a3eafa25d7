// Fleet: services x regions with the active arm, epoch, owning campaign and last flip, kept live from
// each service's event stream.

import { api, p } from '../api.js';
import { ago, h, loading, mount, route, time } from '../dom.js';
import { follow, pause } from '../events.js';
import { badge, liveBadge } from '../widgets.js';

// A browser opens about six HTTP/1.1 connections per origin: the first services follow their event
// streams, the rest are re-read on an interval so the page's own calls still get through.
export const LIVE_SERVICES = 4;
const POLL_MS = 5000;

export async function fleetPage(main, _params, signal) {
  mount(main, loading('the fleet'));
  const services = await api('/services', { signal });
  if (services.length === 0) {
    mount(main, h('h1', {}, 'Fleet'),
      h('p', { class: 'empty-note' }, 'No service has a region yet. Register an arm (PUT /api/v1/services/{service}/regions/{region}/arms/{arm}) and it shows here.'));
    return;
  }

  const regions = [...new Set(services.flatMap((s) => s.regions))].sort();
  const details = await Promise.all(services.map(async ({ service }) => {
    const [views, campaigns] = await Promise.all([
      api(p`/services/${service}/regions`, { signal }),
      api(p`/services/${service}/campaigns`, { signal }),
    ]);
    return { service, views, campaigns };
  }));

  const rows = details.map((detail, i) => serviceRow(detail, regions, i < LIVE_SERVICES));
  mount(main,
    h('h1', {}, 'Fleet'),
    h('p', { class: 'muted' }, `${services.length} service${services.length === 1 ? '' : 's'} × ${regions.length} region${regions.length === 1 ? '' : 's'}. `,
      'A flip shows here as soon as the API sees it.',
      services.length > LIVE_SERVICES ? ` The first ${LIVE_SERVICES} services follow their event streams; the rest are re-read every ${POLL_MS / 1000} s.` : ''),
    h('div', { class: 'scroll' },
      h('table', { class: 'fleet' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Campaign'), regions.map((r) => h('th', { scope: 'col' }, r)))),
        h('tbody', {}, rows.map((r) => r.tr)))));

  for (const row of rows) {
    if (row.live) followRow(row, signal);
    else pollRow(row, signal);
  }

  refreshAges(main, signal);
}

function serviceRow({ service, views, campaigns }, regions, live) {
  const status = liveBadge();
  const cells = new Map();
  const campaignCell = h('td', { class: 'campaign-cell', 'data-service': service });
  showCampaign(campaignCell, service, campaigns.find((c) => !['completed', 'rolled_back'].includes(c.state)) ?? campaigns[0]);
  const tds = regions.map((region) => {
    const td = h('td', { class: 'cell', 'data-service': service, 'data-region': region });
    cells.set(region, td);
    const view = views.find((v) => v.region === region);
    if (view) fillCell(td, view);
    else td.append(h('span', { class: 'muted' }, '–'));
    return td;
  });
  if (!live) status.set('polled');
  const tr = h('tr', { 'data-service': service },
    h('th', { scope: 'row' }, h('div', {}, service), status.el, h('div', { class: 'small' }, h('a', { href: route('campaigns', service) }, 'campaigns'))),
    campaignCell,
    tds);
  return { service, tr, cells, campaignCell, status, live };
}

/** Shows a region's state; never goes back to a lower epoch than the cell shows. */
function fillCell(td, view) {
  const shown = Number(td.dataset.epoch ?? -1);
  if (view.epoch < shown) return;
  const changed = shown >= 0 && view.epoch !== shown;
  td.dataset.epoch = String(view.epoch);
  td.dataset.arm = view.arm;
  td.className = `cell arm-${view.arm}${changed ? ' changed' : ''}`;
  mount(td,
    h('div', {}, badge(view.arm, 'arm'), ' ', h('span', { class: 'epoch' }, `epoch ${view.epoch}`)),
    h('div', { class: 'owner small' }, view.owner_campaign
      ? ['campaign ', h('a', { href: route('campaign', view.service, view.owner_campaign) }, view.owner_campaign)]
      : h('span', { class: 'muted' }, 'no campaign')),
    h('div', { class: 'small muted flip' }, view.last_flip_at
      ? ['flipped ', h('span', { class: 'ago', 'data-at': view.last_flip_at, title: time(view.last_flip_at) }, ago(view.last_flip_at))]
      : 'never flipped'),
    h('div', { class: 'small' }, h('a', { href: route('audit', view.service, view.region) }, 'audit'), ' · ', h('a', { href: route('fences', view.service, view.region) }, 'fences')));
}

function showCampaign(td, service, campaign) {
  if (!campaign) {
    mount(td, h('span', { class: 'muted' }, 'none'));
    return;
  }

  mount(td, h('a', { href: route('campaign', service, campaign.campaign_id) }, campaign.campaign_id), ' ', badge(campaign.state, 'state'));
}

function followRow(row, signal) {
  follow(row.service, {
    signal,
    onStatus: (status, error) => row.status.set(status, error),
    onEvent: (name, data) => {
      if (name === 'active') {
        const td = row.cells.get(data.region);
        if (td) fillCell(td, data);
      } else if (name === 'campaign') {
        showCampaign(row.campaignCell, row.service, data);
      }
    },
  });
}

async function pollRow(row, signal) {
  while (!signal.aborted) {
    await pause(POLL_MS, signal);
    if (signal.aborted) return;
    try {
      for (const view of await api(p`/services/${row.service}/regions`, { signal })) {
        const td = row.cells.get(view.region);
        if (td) fillCell(td, view);
      }

      row.status.set('polled');
    } catch (error) {
      if (!signal.aborted) row.status.set('reconnecting', error);
    }
  }
}

/** Keeps "flipped 12 s ago" current while the page is open. */
async function refreshAges(main, signal) {
  while (!signal.aborted) {
    await pause(1000, signal);
    for (const el of main.querySelectorAll('.ago[data-at]')) el.textContent = ago(el.dataset.at);
  }
}
