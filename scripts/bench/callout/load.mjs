// The load generator of the call-out bench, in its own process: autocannon against the service,
// each POST a new incident with its own Idempotency-Key. Prints one JSON line with the result.
// Usage: node load.mjs '{"url":…,"token":…,"connections":32,"seconds":10,"rate":0,"mix":0}'
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

const { url, token, connections, seconds, rate, mix } = JSON.parse(process.argv[2] ?? '{}');
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
// The mixed load: for every call-out, `mix` reads a CAD console makes (its list and the resources).
const reads = [
  { method: 'GET', path: '/v1/dispatches?limit=20' },
  { method: 'GET', path: '/v1/resources/search?q=detox&limit=10' },
];
const requests = [post];
for (let n = 0; n < mix; n++) requests.push(reads[n % reads.length]);

const result = await autocannon({
  url,
  connections,
  duration: seconds,
  ...(rate > 0 ? { overallRate: rate } : {}),
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  requests,
});
const statuses = {};
for (const [key, value] of Object.entries(result)) if (/^\dxx$/.test(key)) statuses[key] = value;
console.log(
  JSON.stringify({
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
  }),
);
