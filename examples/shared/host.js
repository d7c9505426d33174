// What every example page needs from its host: the service's address and embed tokens. The host's
// own server (here the example host) keeps the secret API key and exchanges it for short-lived,
// role-scoped tokens; the page never sees the key. The script-tag pages load this file as it is;
// the Vite pages (court portal, hospital discharge) import it too, typed by host.d.ts beside it.

const isObject = (value) => typeof value === 'object' && value !== null;

/** `{ apiUrl, agencyId, supervisorId }` of the Peerlink service this host talks to. */
export async function hostConfig() {
  const response = await fetch('/host/config.json');
  if (!response.ok) throw new Error(`host config: HTTP ${response.status}`);
  const config = await response.json();
  if (!isObject(config) || typeof config.apiUrl !== 'string' || typeof config.agencyId !== 'string') {
    throw new Error('host config: expected { apiUrl, agencyId } as strings');
  }
  const supervisorId = typeof config.supervisorId === 'string' ? config.supervisorId : null;
  return { apiUrl: config.apiUrl, agencyId: config.agencyId, supervisorId };
}

/** A `getToken` for the SDK and the elements: an embed token for `role` (and a subject). */
export function tokenFor(role, subjectId) {
  return async () => {
    const response = await fetch('/host/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(subjectId ? { role, subjectId } : { role }),
    });
    if (!response.ok) throw new Error(`embed session: HTTP ${response.status}`);
    // Checked here, so a wrong answer fails at once rather than in the first API call.
    const session = await response.json();
    if (!isObject(session) || typeof session.token !== 'string' || typeof session.expiresAt !== 'string') {
      throw new Error('embed session: expected { token, expiresAt } as strings');
    }
    return { token: session.token, expiresAt: session.expiresAt };
  };
}

/** Builds an element tree without HTML strings (the pages run under Trusted Types). */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    // A custom element the loader has not upgraded yet has no such property: set it all the same
    // (the element takes it over when it upgrades) instead of turning an object into an attribute.
    else if ((key in el || el.localName.includes('-')) && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
  return el;
}

/**
 * The theme and language pickers of a console page (`#theme`, `#lang`), wired to `<body data-peer-theme>`
 * and `<html lang>`, which every Peerlink element on the page follows.
 */
export function pageTools(theme = 'light') {
  document.body.dataset.peerTheme = theme;
  const picker = (label, id, options, selected, onchange) =>
    h(
      'label',
      {},
      `${label} `,
      h(
        'select',
        { id, onchange: (event) => onchange(event.target.value) },
        Object.entries(options).map(([value, name]) => h('option', { value, selected: value === selected }, name)),
      ),
    );
  return [
    picker('Theme', 'theme', { light: 'Light', dark: 'Dark', 'high-contrast': 'High contrast' }, theme, (value) => {
      document.body.dataset.peerTheme = value;
    }),
    picker('Language', 'lang', { en: 'English', es: 'Español' }, document.documentElement.lang || 'en', (value) => {
      document.documentElement.lang = value;
    }),
  ];
}
