// A dispatch console's incident queue with a peer-support request button per call. The page
// loads Peerlink one of two ways: the single file (every element and the SDK client in one module),
// or, at `index.html?peerlink=loader`, the loader, which loads each element when its tag first
// appears, and the SDK client from beside it. Everything here is the host's own code.
import { h, hostConfig, pageTools, tokenFor } from '../shared/host.js';

const viaLoader = new URLSearchParams(location.search).get('peerlink') === 'loader';
if (viaLoader) await import('/peerlink/cdn/loader.js');
const { createPeerlinkClient } = await import(viaLoader ? '/peerlink/cdn/client.js' : '/peerlink/peerlink.min.js');

const { apiUrl } = await hostConfig();
// One client for the whole console: the buttons share its token cache and its outbox.
const client = createPeerlinkClient({ baseUrl: apiUrl, getToken: tokenFor('dispatcher') });

const TYPES = {
  'overdose-nonfatal': 'OD — non-fatal',
  'overdose-fatal': 'OD — fatal (coroner)',
  'behavioral-health-crisis': 'Behavioral health',
  'substance-use-crisis': 'Substance use crisis',
  'welfare-check': 'Welfare check',
};
const STREETS = [
  'W Jefferson St',
  'N Grand Ave',
  'S 11th St',
  'E Cook St',
  'Lake Shore Rd',
  'Stevenson Dr',
  'Wabash Ave',
];
// The towns of fictional Lakeside County, where the court, the hospital and the directory are too.
const TOWNS = ['Lakeside', 'Millbrook', 'Cedar Falls', 'North Harbor', 'Pine Ridge'];
const AREAS = ['north', 'south', 'county'];

let serial = 0;
/** A fictional call for service, as the CAD would describe it to Peerlink. */
function newCall(minutesAgo = 0) {
  serial += 1;
  const type = Object.keys(TYPES)[serial % 5];
  return {
    externalId: `CAD-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${String(Date.now()).slice(-5)}${serial}`,
    type,
    location: {
      address: `${100 + ((serial * 137) % 1900)} ${STREETS[serial % STREETS.length]}, ${TOWNS[serial % TOWNS.length]}`,
      area: AREAS[serial % AREAS.length],
      lat: 39.78 + ((serial * 7) % 40) / 1000,
      lon: -89.65 - ((serial * 11) % 40) / 1000,
    },
    receivedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    notes: type === 'overdose-fatal' ? 'Coroner investigator requested.' : 'EMS on scene.',
    ...(serial % 3 === 0 ? { cautions: ['Dog on premises'] } : {}),
  };
}

const calls = document.getElementById('calls');
const detail = document.getElementById('detail');
const errors = document.getElementById('errors');

function requestButton(call, compact) {
  return h('peer-request-button', { client, incident: call, compact, dataset: { externalId: call.externalId } });
}

function select(row, call) {
  for (const other of calls.querySelectorAll('tr')) other.setAttribute('aria-selected', String(other === row));

  const when = new Date(call.receivedAt).toLocaleTimeString(document.documentElement.lang);
  detail.replaceChildren(
    h(
      'dl',
      {},
      h('dt', {}, 'CAD #'),
      h('dd', {}, call.externalId),
      h('dt', {}, 'Type'),
      h('dd', {}, TYPES[call.type]),
      h('dt', {}, 'Location'),
      h('dd', {}, call.location.address),
      h('dt', {}, 'Received'),
      h('dd', {}, when),
      h('dt', {}, 'Notes'),
      h('dd', {}, call.notes ?? '—'),
      h('dt', {}, 'Cautions'),
      h('dd', {}, (call.cautions ?? ['—']).join(', ')),
    ),
    requestButton(call, false),
  );
}

function addCall(call, { fresh = false } = {}) {
  const row = h(
    'tr',
    { 'aria-selected': 'false', class: fresh ? 'new' : undefined, dataset: { externalId: call.externalId } },
    h(
      'td',
      {},
      h('button', { type: 'button', class: 'row-select', onclick: () => select(row, call) }, call.externalId),
    ),
    h('td', { class: 'type' }, TYPES[call.type]),
    h('td', {}, call.location.address),
    h('td', {}, call.location.area),
    h('td', {}, h('time', { datetime: call.receivedAt }, new Date(call.receivedAt).toLocaleTimeString())),
    h('td', {}, requestButton(call, true)),
  );
  calls.prepend(row);
  return row;
}

// The host hears every step through the elements' events, e.g. to write them to its own log.
document.addEventListener('peer-dispatch-status', (event) => {
  const { dispatch, status } = event.detail;
  document.title = `${status} · ${dispatch.callForService.externalId} — CAD console`;
});
document.addEventListener('peer-error', (event) => {
  errors.textContent = `Peerlink: ${event.detail.error.message}`;
});

document.getElementById('new-call').addEventListener('click', () => {
  const call = newCall();
  select(addCall(call, { fresh: true }), call);
});
document.getElementById('tools').prepend(...pageTools('dark'));

// A call passed in the address (`?call=<json>`) is shown first: tests and deep links use it.
const given = new URLSearchParams(location.search).get('call');
for (const minutes of [34, 21, 12, 6]) addCall(newCall(minutes));
if (given) {
  const call = JSON.parse(given);
  select(addCall(call, { fresh: true }), call);
}
