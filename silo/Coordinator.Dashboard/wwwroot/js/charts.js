// Small inline SVG line charts: Green's value at each hold evaluation against Blue's baseline and the threshold.

import { num, s } from './dom.js';

const W = 260;
const H = 120;
const LEFT = 60;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 86;

/**
 * points: [{ t: ms, v: number }] for Green; blue: Blue's baseline value or null; threshold: { value, label } or null.
 * Returns an <svg> with a <title> and an aria-label saying the latest numbers, for people who cannot see it.
 */
export function lineChart({ label, unit, points, blue, threshold }) {
  const values = [...points.map((p) => p.v), blue, threshold?.value].filter((v) => typeof v === 'number' && Number.isFinite(v));
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!values.length) { lo = 0; hi = 1; }
  if (hi === lo) { const pad = Math.abs(hi) * 0.1 || 1; lo -= pad; hi += pad; }
  const pad = (hi - lo) * 0.1;
  lo = unit === 'milliseconds' || unit === 'ratio' || unit === 'score' ? Math.max(0, lo - pad) : lo - pad;
  hi += pad;

  const t0 = points.length ? points[0].t : 0;
  const t1 = points.length ? points[points.length - 1].t : 1;
  const x = (t) => (t1 === t0 ? (LEFT + W - RIGHT) / 2 : LEFT + ((t - t0) / (t1 - t0)) * (W - RIGHT - LEFT));
  const y = (v) => BOTTOM - ((v - lo) / (hi - lo)) * (BOTTOM - TOP);

  const latest = points.length ? points[points.length - 1].v : null;
  const summary = `${label}: Green ${num(latest, unit)} (${points.length} evaluation${points.length === 1 ? '' : 's'}), Blue ${num(blue, unit)}, ${threshold ? `${threshold.label} ${num(threshold.value, unit)}` : 'no threshold'}`;
  return s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': summary, 'data-metric': label },
    s('title', {}, summary),
    s('line', { class: 'axis', x1: LEFT, x2: W - RIGHT, y1: BOTTOM, y2: BOTTOM }),
    s('text', { class: 'tick', x: LEFT - 4, y: TOP + 4, 'text-anchor': 'end' }, num(hi, unit)),
    s('text', { class: 'tick', x: LEFT - 4, y: BOTTOM, 'text-anchor': 'end' }, num(lo, unit)),
    threshold && Number.isFinite(threshold.value)
      ? s('line', { class: 'threshold', x1: LEFT, x2: W - RIGHT, y1: y(threshold.value), y2: y(threshold.value) }) : null,
    typeof blue === 'number' ? s('line', { class: 'blue', x1: LEFT, x2: W - RIGHT, y1: y(blue), y2: y(blue) }) : null,
    points.length > 1 ? s('polyline', { class: 'green', points: points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ') }) : null,
    points.map((p) => s('circle', { class: 'green-dot', cx: x(p.t).toFixed(1), cy: y(p.v).toFixed(1), r: 2.5 })),
    s('text', { class: 'legend green-text', x: LEFT, y: H - 18 }, `Green ${num(latest, unit)}`),
    s('text', { class: 'legend blue-text', x: LEFT + 95, y: H - 18 }, `Blue ${num(blue, unit)}`),
    s('text', { class: 'legend threshold-text', x: LEFT, y: H - 4 }, threshold ? `${threshold.label} ${num(threshold.value, unit)}` : 'no threshold'),
    points.length === 0 ? s('text', { class: 'tick', x: (LEFT + W) / 2, y: (TOP + BOTTOM) / 2, 'text-anchor': 'middle' }, 'no evaluation yet') : null);
}
