// Audit: one chain (a region's pointer, a writer's lease, a consumer group's pointer, or the service's
// campaign commands) with the API's verification of it (?verify=true: checked on the grain and again by the API).

import { api, p } from '../api.js';
import { h, loading, mount, route, time } from '../dom.js';
import { badge } from '../widgets.js';
import { pickRegion } from './pick.js';

/** The campaign command chain's place in the route: not a valid region name, so it cannot collide with one. */
const CAMPAIGNS = '~campaigns';

export async function auditPage(main, [service, region, kind, name], signal) {
  if (!service || !region) {
    await pickRegion(main, 'audit', 'Audit chains', signal, (s) => [' · ', h('a', { href: route('audit', s, CAMPAIGNS) }, 'campaign commands')]);
    return;
  }

  mount(main, loading('the audit chain'));
  const campaigns = region === CAMPAIGNS;
  const query = kind === 'writer' ? `&writer=${encodeURIComponent(name)}` : kind === 'consumer_group' ? `&consumer_group=${encodeURIComponent(name)}` : '';
  const path = campaigns ? p`/services/${service}/campaigns/audit` : p`/services/${service}/regions/${region}/audit`;
  const [audit, leases, consumers] = await Promise.all([
    api(`${path}?verify=true${query}`, { signal }),
    campaigns ? [] : api(p`/services/${service}/regions/${region}/leases`, { signal }),
    campaigns ? [] : api(p`/services/${service}/regions/${region}/consumers`, { signal }),
  ]);

  const chains = campaigns ? [] : [
    { label: 'pointer', href: route('audit', service, region), on: !kind },
    ...leases.map((l) => ({ label: `writer ${l.writer}`, href: route('audit', service, region, 'writer', l.writer), on: kind === 'writer' && name === l.writer })),
    ...consumers.map((c) => ({ label: `consumer group ${c.group}`, href: route('audit', service, region, 'consumer_group', c.group), on: kind === 'consumer_group' && name === c.group })),
  ];
  mount(main,
    h('h1', {}, `Audit: ${audit.label}`),
    h('p', { class: 'muted' }, h('a', { href: route('audit') }, 'all chains'),
      campaigns ? null : [' · ', h('a', { href: route('fences', service, region) }, `fences of ${region}`)]),
    chains.length ? h('nav', { class: 'chips', 'aria-label': 'Chains of this region' },
      chains.map((c) => h('a', { href: c.href, 'aria-current': c.on ? 'page' : null }, c.label))) : null,
    verification(audit.verification),
    entries(audit.entries));
}

function verification(v) {
  if (!v) return h('p', { class: 'muted' }, 'not verified');
  return h('section', { class: `verification ${v.is_valid ? 'valid' : 'invalid'}`, 'data-valid': String(v.is_valid), role: 'status' },
    h('h2', {}, v.is_valid ? 'Chain verified' : 'Chain broken', ' ', badge(v.is_valid ? 'pass' : 'fail')),
    h('p', {}, `${v.entry_count} entries checked; ${v.keyed_entry_count ?? 0} keyed (HMAC-SHA256)`,
      v.key_checked ? ', keyed hashes checked with the silo\'s audit key' : ', keyed hashes not checked with the key (links and sequence only)',
      v.adoption_needed ? '; written before the audit key: it verifies once the key is adopted' : ''),
    h('p', { class: 'small' }, 'head ', h('code', {}, v.head_hash)),
    v.problems?.length ? h('ul', { class: 'errors' }, v.problems.map((problem) => h('li', {}, problem))) : null);
}

function entries(list) {
  if (!list.length) return h('p', { class: 'empty-note' }, 'The chain is empty.');
  return h('div', { class: 'scroll' }, h('table', { class: 'list audit' },
    h('thead', {}, h('tr', {}, ['#', 'At', 'Operator', 'Command', 'Detail', 'Before → after', 'Hash'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, [...list].reverse().map((e) => h('tr', { 'data-sequence': String(e.sequence) },
      h('td', { class: 'n' }, String(e.sequence)),
      h('td', {}, time(e.at)),
      h('td', {}, e.operator),
      h('td', {}, h('code', {}, e.command)),
      h('td', { class: 'wrap' }, e.detail),
      h('td', { class: 'wrap small' }, h('details', {}, h('summary', {}, 'state'), h('div', {}, 'before: ', h('code', {}, e.before)), h('div', {}, 'after: ', h('code', {}, e.after)))),
      h('td', { class: 'small' }, h('code', { title: `hash ${e.hash}\nprevious ${e.previous_hash}\nversion ${e.version ?? 0}` }, e.hash.slice(0, 12))))))));
}
