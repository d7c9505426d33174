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
if (window.matchMedia('(prefers-contrast: more)').matches) document.body.dataset.peerTheme = 'high-contrast';
else if (window.matchMedia('(prefers-color-scheme: dark)').matches) document.body.dataset.peerTheme = 'dark';

// The elements speak the page's language: the peer's choice, else the phone's.
const LANGUAGES = { en: 'English', es: 'Español' };
const TEXT = {
  en: { title: 'Peer call-out', language: 'Language', openFromLink: 'Open this page from a call-out notification.' },
  es: {
    title: 'Intervención de par',
    language: 'Idioma',
    openFromLink: 'Abre esta página desde el aviso de una intervención.',
  },
};
const baseOf = (tag) => tag.split('-')[0].toLowerCase();
const stored = localStorage.getItem('peerlink-responder-lang');
// The phone's whole tag (es-MX), so dates keep its regional formats.
const phone = navigator.languages.find((tag) => baseOf(tag) in LANGUAGES);

const heading = document.querySelector('header h1');
const picker = h(
  'select',
  // Picking the phone's language keeps its region.
  {
    id: 'language',
    onchange: (event) => setLanguage(phone && baseOf(phone) === event.target.value ? phone : event.target.value, true),
  },
  Object.entries(LANGUAGES).map(([value, name]) => h('option', { value, lang: value }, name)),
);
const pickerLabel = h('label', { for: 'language' });
document.querySelector('header').append(h('div', { class: 'language' }, pickerLabel, picker));

function setLanguage(tag, chosen) {
  const base = baseOf(tag);
  if (chosen) localStorage.setItem('peerlink-responder-lang', tag);
  document.documentElement.lang = tag;
  heading.textContent = TEXT[base].title;
  document.title = `${TEXT[base].title} — Peerlink`;
  pickerLabel.textContent = TEXT[base].language;
  picker.value = base;
  const hint = main.querySelector('[data-text]');
  if (hint) hint.textContent = TEXT[base][hint.dataset.text];
}
setLanguage(stored && baseOf(stored) in LANGUAGES ? stored : (phone ?? 'en'), false);

if (!dispatchId || !specialistId) {
  main.replaceChildren(
    h('p', { dataset: { text: 'openFromLink' } }, TEXT[baseOf(document.documentElement.lang)].openFromLink),
  );
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
