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

// The elements speak the page's language: the peer's choice, else the phone's.
const LANGUAGES = { en: 'English', es: 'Español' };
const TEXT = {
  en: { title: 'Peer call-out', language: 'Language', openFromLink: 'Open this page from a call-out notification.' },
  es: { title: 'Intervención de par', language: 'Idioma', openFromLink: 'Abre esta página desde el aviso de una intervención.' },
};
const stored = localStorage.getItem('peerlink-responder-lang');
const phone = navigator.languages.map((tag) => tag.split('-')[0]).find((base) => base in LANGUAGES);
let lang = stored in LANGUAGES ? stored : (phone ?? 'en');

const heading = document.querySelector('header h1');
const picker = h(
  'select',
  { id: 'language', onchange: (event) => setLanguage(event.target.value, true) },
  Object.entries(LANGUAGES).map(([value, name]) => h('option', { value, lang: value }, name)),
);
const pickerLabel = h('label', { for: 'language' });
document.querySelector('header').append(h('div', { class: 'language' }, pickerLabel, picker));

function setLanguage(next, chosen) {
  lang = next;
  if (chosen) localStorage.setItem('peerlink-responder-lang', next);
  document.documentElement.lang = next;
  heading.textContent = TEXT[next].title;
  document.title = `${TEXT[next].title} — Peerlink`;
  pickerLabel.textContent = TEXT[next].language;
  picker.value = next;
  const hint = main.querySelector('[data-text]');
  if (hint) hint.textContent = TEXT[next][hint.dataset.text];
}
setLanguage(lang, false);

if (!dispatchId || !specialistId) {
  main.replaceChildren(h('p', { dataset: { text: 'openFromLink' } }, TEXT[lang].openFromLink));
} else {
  const { apiUrl } = await hostConfig();
  const client = createPeerlinkClient({ baseUrl: apiUrl, getToken: tokenFor('specialist', specialistId) });
  const card = h('peer-dispatch-card', { client, 'dispatch-id': dispatchId, 'specialist-id': specialistId });
  main.replaceChildren(card);
  let clearedHere = false;
  card.addEventListener('peer-dispatch-status', (event) => {
    clearedHere = event.detail.status !== 'cleared' || clearedHere;
  });
  // The card says so on clearing and whenever it opens a call-out this peer cleared: the log is
  // often written later, and the form brings back the draft kept on this phone.
  card.addEventListener('peer-dispatch-cleared', () => {
    if (!customElements.get('peer-callout-log-form') || main.querySelector('peer-callout-log-form')) return;
    const form = h('peer-callout-log-form', { client, 'dispatch-id': dispatchId });
    main.append(form);
    // Just cleared on this page: the log is where the peer goes next.
    if (clearedHere) form.scrollIntoView({ behavior: 'smooth', block: 'start' });
  });
}
