// Small DOM helpers: elements are built, never parsed from strings, so API text is always text.

const SVG = 'http://www.w3.org/2000/svg';

function fill(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('td', { class: 'x' }, 'text', otherNode). */
export const h = (tag, attrs, ...children) => fill(document.createElement(tag), attrs, children);

/** An SVG element, same shape as h. */
export const s = (tag, attrs, ...children) => fill(document.createElementNS(SVG, tag), attrs, children);

/** Replaces everything inside el. */
export function mount(el, ...children) {
  el.replaceChildren();
  return fill(el, {}, children);
}

/** "2026-11-30 14:02:07 UTC" from an ISO time; '–' for none. */
export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** "12 s ago", "3 min ago", from an ISO time and now. */
export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 129600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** A .NET TimeSpan as the API writes it ("00:00:00.1053687", "1.02:03:04") for people: "105 ms", "2 min 5 s". */
export function duration(text) {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(String(text ?? ''));
  if (!match) return String(text ?? '–');
  const seconds = Number(match[1] ?? 0) * 86400 + Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${round(seconds, 1)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** snake_case wire names as words: "waiting_for_approval" -> "waiting for approval". */
export const words = (name) => String(name ?? '').replaceAll('_', ' ');

/** A number for people: up to 3 significant decimals, '–' for none. */
export function num(value, unit) {
  if (value === undefined || value === null || Number.isNaN(value)) return '–';
  switch (unit) {
    case 'milliseconds': return `${round(value, 1)} ms`;
    case 'ratio': return value !== 0 && Math.abs(value) < 0.1 ? `${round(value * 100, 2)} %` : round(value, 3);
    case 'count': return String(Math.round(value));
    default: return round(value, 3);
  }
}

function round(value, digits) {
  const factor = 10 ** digits;
  return String(Math.round(value * factor) / factor);
}

/** Hash-route link. */
export const route = (...parts) => '#/' + parts.map((p) => encodeURIComponent(p)).join('/');

/** A "loading" line, replaced when the view renders. */
export const loading = (what) => h('p', { class: 'muted', role: 'status' }, `Loading ${what}…`);
