// A follower of one region's active arm over the HTTP API's Server-Sent Events, as a Node service
// would keep its in-process cache: it reconnects to the next silo when a connection drops, resumes
// with Last-Event-ID, and must never see a lower epoch than one it already saw.
// Usage: node follow-active.mjs <base-url,...> <service> <region> <until-epoch> <deadline-seconds>
const [urlList, service, region, untilText, deadlineText] = process.argv.slice(2);
const urls = urlList.split(',');
const until = Number(untilText);
let lastEventId = null;
let highest = -1;
let lower = 0;
let attempt = 0;

const say = (line) => process.stdout.write(line + '\n');
setTimeout(() => { say(`timeout: highest epoch ${highest}`); process.exit(2); }, Number(deadlineText) * 1000);

function handle(event) {
  if (event.id !== undefined) lastEventId = event.id;
  if (event.name !== 'active' || event.data === undefined) return;
  const state = JSON.parse(event.data);
  if (state.epoch < highest) {
    lower++;
    say(`LOWER epoch ${state.epoch} after ${highest}`);
  }
  highest = Math.max(highest, state.epoch);
  say(`event ${state.region} epoch=${state.epoch} arm=${state.arm} missed=${state.missed_epochs} id=${event.id}`);
  if (highest >= until) {
    say(`done: epoch ${highest}, ${lower} lower`);
    process.exit(lower === 0 ? 0 : 1);
  }
}

async function follow(url) {
  const headers = { Accept: 'text/event-stream' };
  if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
  say(`connect ${url} last-event-id=${lastEventId ?? '-'}`);
  const response = await fetch(`${url}/api/v1/services/${service}/events?regions=${region}`, { headers });
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  let event = {};
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (line === '') { handle(event); event = {}; }
      else if (line.startsWith('id: ')) event.id = line.slice(4);
      else if (line.startsWith('event: ')) event.name = line.slice(7);
      else if (line.startsWith('data: ')) event.data = line.slice(6);
    }
  }
  throw new Error('stream ended');
}

for (;;) {
  const url = urls[attempt++ % urls.length];
  try {
    await follow(url);
  } catch (error) {
    say(`disconnected from ${url}: ${error.cause?.code ?? error.message}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
