// The peer's phone view, opened from the call-out notification's link
// (`?dispatch=…&specialist=…#ack=…`). The host signs the peer in and asks its server for a
// specialist token; here the example host plays that part. The single-use token in the fragment
// also works on its own, without this page, at the service's plain acknowledgement page.
import { createPeerlinkClient } from '/peerlink/peerlink.min.js';
import { h, hostConfig, tokenFor } from '../shared/host.js';

const main = document.getElementById('main');
const params = new URLSearchParams(location.search);
const dispatchId = params.get('dispatch');
const specialistId = params.get('specialist');
if (window.matchMedia('(prefers-color-scheme: dark)').matches) document.body.dataset.peerTheme = 'dark';

if (!dispatchId || !specialistId) {
  main.replaceChildren(h('p', {}, 'Open this page from a call-out notification.'));
} else {
  const { apiUrl } = await hostConfig();
  const client = createPeerlinkClient({ baseUrl: apiUrl, getToken: tokenFor('specialist', specialistId) });
  const card = h('peer-dispatch-card', { client, 'dispatch-id': dispatchId, 'specialist-id': specialistId });
  main.replaceChildren(card);
  // Clearing is the moment for the after-action log, when this page has the form.
  card.addEventListener('peer-dispatch-cleared', () => {
    if (!customElements.get('peer-callout-log-form') || main.querySelector('peer-callout-log-form')) return;
    const form = h('peer-callout-log-form', { client, 'dispatch-id': dispatchId });
    main.append(form);
    form.scrollIntoView({ behavior: 'smooth', block: 'start' });
  });
}
