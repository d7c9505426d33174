// The load generator of the call-out bench, in its own process, each POST a new incident with its
// own Idempotency-Key. Prints one JSON line with the result.
// - Closed loop (`rate` 0): autocannon, each connection sending its next request on the last answer.
// - Open loop (`rate` > 0): requests start on a fixed schedule, one every 1/rate s whatever the
//   answers do, over at most `connections` keep-alive sockets; each one's latency runs from the time
//   it was due, so a late start counts against the service too. autocannon's own rate limit is not
//   used: it lets every connection send its share of a second at the start of that second (32
//   connections at 50/s: a burst of 32 at once, then quiet), and corrects its percentiles for an
//   interval of 1 ms whatever the rate.
// Usage: node load.mjs '{"url":…,"token":…,"connections":32,"seconds":10,"rate":0,"mix":0,"reads":[PATH…]}'
// (or "read":PATH)
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import autocannon from 'autocannon';

const { url, token, connections, seconds, rate, mix, reads, read } = JSON.parse(process.argv[2] ?? '{}');
let serial = 0;
const post = {
  method: 'POST',
  path: '/v1/dispatches',
  setupRequest: (request) => {
    serial += 1;
    return {
      ...request,
      headers: { ...request.headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        callForService: {
          externalId: `BENCH-${String(process.pid)}-${String(serial)}`,
          type: 'overdose-nonfatal',
          location: { address: `${String(serial % 9000)} Main St, Springfield`, area: 'county' },
          receivedAt: new Date().toISOString(),
        },
      }),
    };
  },
};
// The mixed load: for every call-out, `mix` of the GET paths `reads` a CAD console makes (its list and the
// resources), in turn. `read` (one path) sends that GET alone, no call-outs.
const get = (path) => ({ method: 'GET', path });
const requests = read ? [get(read)] : [post];
if (!read) for (let n = 0; n < mix; n++) requests.push(get(reads[n % reads.length]));

const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

/** Closed loop: autocannon's figures. */
async function closedLoop() {
  const result = await autocannon({ url, connections, duration: seconds, headers, requests });
  const statuses = {};
  for (const [key, value] of Object.entries(result)) if (/^\dxx$/.test(key)) statuses[key] = value;
  return {
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses,
    seconds: result.duration,
  };
}

/** One request of the mix, as autocannon would send it: the POST builds its body anew. */
function nextRequest(n) {
  const spec = requests[n % requests.length];
  if (spec === post) {
    const built = post.setupRequest({ headers });
    return { method: 'POST', path: post.path, headers: built.headers, body: built.body };
  }
  return { method: spec.method, path: spec.path, headers, body: undefined };
}

/** Open loop: `rate` requests a second on schedule for `seconds`, each timed from when it was due. */
async function openLoop() {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const timeoutMs = 10_000;
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const errorCodes = {};
  const send = (n, due) =>
    new Promise((resolve) => {
      const { method, path, headers: sent, body } = nextRequest(n);
      const req = httpRequest(
        { host: base.hostname, port: base.port, method, path, headers: sent, agent, timeout: timeoutMs },
        (res) => {
          res.resume();
          res.once('end', () => {
            latencies.push(performance.now() - due);
            const key = `${String(Math.floor((res.statusCode ?? 0) / 100))}xx`;
            statuses[key] = (statuses[key] ?? 0) + 1;
            if ((res.statusCode ?? 0) >= 300) non2xx += 1;
            resolve();
          });
        },
      );
      let timedOut = false;
      req.once('timeout', () => {
        timedOut = true;
        timeouts += 1;
        req.destroy(new Error('timed out'));
      });
      req.once('error', (error) => {
        if (!timedOut) {
          errors += 1;
          const code = error.code ?? error.message;
          errorCodes[code] = (errorCodes[code] ?? 0) + 1;
        }
        resolve();
      });
      req.end(body);
    });
  const total = Math.round(rate * seconds);
  const start = performance.now() + 50;
  const pending = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(n, due));
  }
  await Promise.all(pending);
  const took = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return {
    requests: sorted.length,
    perSecond: sorted.length / took,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1) ?? Number.NaN,
    errors,
    errorCodes,
    timeouts,
    non2xx,
    statuses,
    seconds: took,
  };
}

console.log(JSON.stringify(rate > 0 ? await openLoop() : await closedLoop()));
