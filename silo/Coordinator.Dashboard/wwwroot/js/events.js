// A service's Server-Sent Events read with fetch: EventSource cannot send the bearer token, fetch can.

import { PREFIX, ProblemError, headers } from './api.js';

/**
 * Follows /services/{service}/events until signal aborts. After a drop it reconnects with the last
 * event id (Last-Event-ID), so the API resends what changed meanwhile. onEvent(name, data) per event;
 * onStatus('live' | 'reconnecting' | 'stopped', error?) as the connection changes. A refusal that
 * another try cannot fix (401, 403, 404, 400) stops following.
 */
export async function follow(service, { regions, signal, onEvent, onStatus = () => {} }) {
  let lastId = null;
  let delay = 500;
  while (!signal.aborted) {
    let wait = delay;
    try {
      const extra = { Accept: 'text/event-stream' };
      if (lastId) extra['Last-Event-ID'] = lastId;
      const query = regions?.length ? `?regions=${encodeURIComponent(regions.join(','))}` : '';
      const response = await fetch(`${PREFIX}/services/${encodeURIComponent(service)}/events${query}`, { headers: headers(extra), signal, cache: 'no-store' });
      if (!response.ok) {
        const error = new ProblemError(response.status, await response.json().catch(() => null));
        if (response.status !== 429 && response.status < 500) {
          onStatus('stopped', error);
          return;
        }

        wait = Math.max(delay, 1000 * (Number(response.headers.get('Retry-After')) || 0));
        throw error;
      }

      onStatus('live');
      delay = 500;
      for await (const message of messages(response.body)) {
        if (message.id) lastId = message.id;
        if (message.event && message.data !== undefined) onEvent(message.event, JSON.parse(message.data));
      }
    } catch (error) {
      if (signal.aborted) return;
      onStatus('reconnecting', error);
    }

    if (signal.aborted) return;
    onStatus('reconnecting');
    await pause(wait, signal);
    delay = Math.min(delay * 2, 10000);
  }
}

/** Parses an event stream into { id, event, data } messages (comments, e.g. heartbeats, are skipped). */
async function* messages(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let message = {};
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') {
          if (message.data !== undefined || message.event) yield message;
          message = {};
          continue;
        }

        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') message.data = message.data === undefined ? text : `${message.data}\n${text}`;
        else if (field === 'event') message.event = text;
        else if (field === 'id') message.id = text;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Resolves after ms, or at once when signal aborts. */
export function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
