// Pieces the pages share: the problem box, state badges, the live-connection badge, the reason dialog.

import { ProblemError } from './api.js';
import { h, words } from './dom.js';

/** The API's problem document as sent: title and status, detail, every field error, its code. */
export function problemBox(error, doing) {
  if (!(error instanceof ProblemError)) {
    return h('div', { class: 'problem', role: 'alert' },
      h('strong', {}, doing ? `${doing}: no answer` : 'No answer'),
      h('p', {}, `The silo did not answer (${error?.message ?? error}). Nothing is known to have changed; reload to re-read.`));
  }

  const p = error.problem;
  return h('div', { class: 'problem', role: 'alert', dataset: { status: String(error.status), code: p.code ?? '' } },
    h('strong', {}, `${doing ? doing + ' refused: ' : ''}${p.title ?? 'Refused'} (${error.status})`),
    p.detail ? h('p', { class: 'detail' }, p.detail) : null,
    p.errors?.length ? h('ul', { class: 'errors' }, p.errors.map((e) => h('li', {}, h('code', {}, e.path), ': ', e.reason))) : null,
    p.code ? h('p', { class: 'muted small' }, `code ${p.code}${p.type ? ' · ' + p.type : ''}`) : null);
}

/** A coloured word for a state, verdict, mode or arm. */
export const badge = (value, extra) => h('span', { class: `badge b-${String(value ?? 'none').replaceAll('_', '-')}${extra ? ' ' + extra : ''}` }, words(value ?? '–'));

/** Shows whether a page's event stream is connected; returns { set(status, error) }. */
export function liveBadge() {
  const el = h('span', { class: 'live', role: 'status', 'aria-live': 'polite' }, 'connecting…');
  return {
    el,
    set(status, error) {
      el.className = `live live-${status}`;
      el.textContent = status === 'live' ? 'live' : status === 'stopped' ? `not following: ${error?.message ?? 'refused'}` : status;
    },
  };
}

/** Asks for a reason in the page's dialog; resolves to the text, or null when cancelled. */
export function askReason(what) {
  const dialog = document.getElementById('reason-dialog');
  const form = document.getElementById('reason-form');
  const text = document.getElementById('reason-text');
  document.getElementById('reason-what').textContent = what;
  text.value = '';
  return new Promise((resolve) => {
    const done = (value) => {
      form.removeEventListener('submit', submit);
      cancel.removeEventListener('click', cancelled);
      dialog.removeEventListener('cancel', cancelled);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const submit = (event) => {
      event.preventDefault();
      const reason = text.value.trim();
      if (reason) done(reason);
    };
    const cancelled = (event) => { event?.preventDefault(); done(null); };
    const cancel = document.getElementById('reason-cancel');
    form.addEventListener('submit', submit);
    cancel.addEventListener('click', cancelled);
    dialog.addEventListener('cancel', cancelled);
    dialog.showModal();
    text.focus();
  });
}
