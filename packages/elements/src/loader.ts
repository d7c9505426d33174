// The script-tag loader (dist/cdn/loader.js): a host adds this one small module and writes
// `peer-*` tags; each element's file (`./<tag>.js`, built beside the loader as its ESM entry is
// bundled, with its own copy of Lit and the SDK) loads the first time its tag is seen, so a page
// pays only for the elements it shows. Only the CDN folder is built from this file: it loads files
// from beside itself.
import { warnIfAnotherVersion } from './base/define.js';
import { VERSION } from './version.js';

const PREFIX = 'peer-';

/** Tags already seen, so each element file is asked for (or a foreign definition reported) once. */
const seen = new Set<string>();
/** Documents and shadow roots under observation. */
const watched = new WeakSet<Document | ShadowRoot>();

const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) scan(node);
  }
});

function load(tag: string): void {
  if (seen.has(tag)) return;
  seen.add(tag);
  const existing = customElements.get(tag);
  // Defined already (the single file, an ESM import, another copy): its file's define() would
  // change nothing, so it is not loaded; another version is reported as define() reports it.
  if (existing) {
    warnIfAnotherVersion(tag, existing, VERSION);
    return;
  }
  const url = new URL(`./${tag}.js`, import.meta.url).href;
  import(url).catch((error: unknown) => {
    console.warn(`<${tag}> could not be loaded from ${url}: is it a Peerlink ${VERSION} element?`, error);
  });
}

/** Looks at one element: a Peerlink tag to load, or a host element whose shadow root may hold some. */
function visit(element: Element): void {
  const tag = element.localName;
  // A Peerlink element defines what it renders in its own shadow root; nothing to watch there.
  if (tag.startsWith(PREFIX)) {
    load(tag);
    return;
  }
  if (element.shadowRoot) {
    discover(element.shadowRoot);
  } else if (tag.includes('-') && !customElements.get(tag)) {
    // A host element not defined yet gets its shadow root when it is.
    void customElements.whenDefined(tag).then(() => {
      if (element.shadowRoot) discover(element.shadowRoot);
    });
  }
}

function scan(root: Element | Document | ShadowRoot): void {
  if (root instanceof Element) visit(root);
  for (const element of root.querySelectorAll('*')) visit(element);
}

/**
 * Loads the Peerlink elements in `root` and watches it for more. The loader does this for the
 * document and for every open shadow root it finds; a host calls it for a closed shadow root of its own.
 */
export function discover(root: Document | ShadowRoot): void {
  if (watched.has(root)) return;
  watched.add(root);
  observer.observe(root, { childList: true, subtree: true });
  scan(root);
}

discover(document);
