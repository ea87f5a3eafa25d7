// For pages about one region: every service's regions as links, when none is chosen yet.

import { api } from '../api.js';
import { h, loading, mount, route } from '../dom.js';

export async function pickRegion(main, page, title, signal, extra = () => null) {
  mount(main, loading('services'));
  const services = await api('/services', { signal });
  mount(main,
    h('h1', {}, title),
    services.length === 0 ? h('p', { class: 'empty-note' }, 'No service has a region yet.') : null,
    h('ul', { class: 'pick' }, services.map(({ service, regions }) => h('li', {},
      h('strong', {}, service), ': ',
      regions.map((region, i) => [i ? ', ' : '', h('a', { href: route(page, service, region) }, region)]),
      extra(service)))));
}
