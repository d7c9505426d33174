import { fixture } from '@open-wc/testing';
import { html, render, type TemplateResult } from 'lit';
import { themeCss } from '../src/base/tokens.js';

/** Text as a reader gets it: whitespace collapsed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element exposing `part` inside `host`'s shadow root; throws when absent. */
export function part(host: Element, name: string): HTMLElement {
  const found = host.shadowRoot?.querySelector<HTMLElement>(`[part~='${name}']`);
  if (!found) throw new Error(`<${host.localName}> has no part "${name}"`);
  return found;
}

/** The first element matching `selector` below `root`, checked to be a `type`; throws otherwise. */
export function query<E extends Element>(root: ParentNode, selector: string, type: abstract new () => E): E {
  const found = root.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`no ${type.name} matches ${selector}`);
  return found;
}

/**
 * Renders `content` inside the shadow root of a new `<div>` appended to `parent`, so tests
 * can check behaviour across a shadow boundary. Returns the shadow root.
 */
export function renderInShadow(parent: Element, content: TemplateResult): ShadowRoot {
  const host = document.createElement('div');
  parent.append(host);
  const root = host.attachShadow({ mode: 'open' });
  render(content, root);
  return root;
}

const themeSheet = new CSSStyleSheet();
themeSheet.replaceSync(themeCss());

/** Adds the page-level theme stylesheet to the document; returns a function removing it. */
export function adoptThemeCss(): () => void {
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, themeSheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== themeSheet);
  };
}

/** `<html lang>` as the test found it, to put back afterwards. */
export function keepDocumentLang(): () => void {
  const original = document.documentElement.getAttribute('lang');
  return () => {
    if (original === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', original);
  };
}

/**
 * Runs `work` with the page-level theme stylesheet adopted and `<html lang>` set to `lang`; puts both back
 * after.
 */
export async function inThemedPage(lang: string, work: () => Promise<void>): Promise<void> {
  const removeTheme = adoptThemeCss();
  const restoreLang = keepDocumentLang();
  document.documentElement.lang = lang;
  try {
    await work();
  } finally {
    restoreLang();
    removeTheme();
  }
}

/** A container in `theme`, on the theme's surface colour, holding `content`. */
export function themedFixture(theme: string, content: TemplateResult): Promise<HTMLDivElement> {
  return fixture<HTMLDivElement>(html`<div data-peer-theme=${theme} style="background: var(--peer-color-surface)">
    ${content}
  </div>`);
}

/** In the `describe` that calls it: every test starts on an English page, and `<html lang>` is put back after each. */
export function onEnglishPage(): void {
  let restoreLang: () => void;
  beforeEach(() => {
    restoreLang = keepDocumentLang();
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    restoreLang();
  });
}

/** Lets MutationObserver callbacks run, then waits for the element to finish rendering. */
export async function settle(element: { updateComplete: Promise<boolean> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await element.updateComplete;
}
