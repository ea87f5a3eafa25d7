// The shell: who is signed in, the hash router, and one AbortController per page so leaving a page
// closes its event streams.

import { ProblemError, api, session, setToken } from './api.js';
import { h, mount } from './dom.js';
import { problemBox } from './widgets.js';
import { auditPage } from './views/audit.js';
import { campaignPage, campaignsPage } from './views/campaign.js';
import { fencesPage } from './views/fences.js';
import { fleetPage } from './views/fleet.js';

const main = document.getElementById('main');
const identity = document.getElementById('identity');
let current = null;

const routes = {
  fleet: fleetPage,
  campaigns: campaignsPage,
  campaign: campaignPage,
  audit: auditPage,
  fences: fencesPage,
};

/** The route's name and its decoded parameters: "#/campaign/rag-api/c1" -> ["campaign", "rag-api", "c1"]. */
function parseRoute() {
  const [name = 'fleet', ...params] = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { name: routes[name] ? name : 'fleet', params };
}

async function render() {
  current?.abort();
  current = new AbortController();
  const { name, params } = parseRoute();
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name || (name === 'campaign' && link.dataset.nav === 'campaigns')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  if (!session.whoami) {
    signInPage();
    return;
  }

  const signal = current.signal;
  try {
    await routes[name](main, params, signal);
  } catch (error) {
    if (signal.aborted) return;
    if (error instanceof ProblemError && error.status === 401) {
      setToken('');
      showIdentity();
      signInPage(error);
      return;
    }

    mount(main, problemBox(error, 'Reading'));
  }
}

function signInPage(error) {
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'token-help' });
  const form = h('form', { class: 'sign-in', onsubmit: (event) => { event.preventDefault(); signIn(input.value.trim()); } },
    h('h1', {}, 'Sign in'),
    h('label', { for: 'token' }, 'Bearer token'),
    input,
    h('p', { id: 'token-help', class: 'muted small' },
      'The token the API knows you by (Coordinator:Api:Principals). It stays in this tab (sessionStorage) and goes only to this silo\'s /api/v1.'),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    error ? problemBox(error, 'Sign-in') : null);
  mount(main, form);
  input.focus();
}

async function signIn(token) {
  setToken(token);
  try {
    session.whoami = await api('/whoami');
  } catch (error) {
    setToken('');
    showIdentity();
    signInPage(error);
    return;
  }

  showIdentity();
  render();
}

function showIdentity() {
  const who = session.whoami;
  if (!who) {
    mount(identity, h('span', { class: 'muted' }, 'not signed in'));
    return;
  }

  mount(identity,
    h('span', { class: 'principal', 'data-principal': who.principal }, who.principal),
    ' ',
    h('span', { class: 'roles' }, who.roles.length ? who.roles.join(', ') : 'no role'),
    who.authentication === 'none' ? h('span', { class: 'badge b-warn' }, 'authentication off') : null,
    session.token ? h('button', { type: 'button', class: 'link', onclick: () => { setToken(''); showIdentity(); render(); } }, 'Sign out') : null);
}

async function start() {
  // A token from earlier in this tab, or none: with authentication off the API answers anyway.
  try {
    session.whoami = await api('/whoami');
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status !== 401) {
      showIdentity();
      mount(main, problemBox(error, 'Reading who you are'));
      return;
    }

    setToken('');
  }

  showIdentity();
  window.addEventListener('hashchange', render);
  render();
}

start();
