import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Languages Peerlink ships messages for. */
export const PEER_LOCALES = ['en', 'es'] as const;
export type PeerLocale = (typeof PEER_LOCALES)[number];

/** Values for `{name}` placeholders in a message. */
export type TermParams = Readonly<Record<string, string | number>>;

/** Messages of one language, by key. `{name}` marks a parameter. */
export type Messages<K extends string> = Readonly<Record<K, string>>;

/**
 * An element's messages in every language Peerlink ships. Each element carries only its own
 * (and the shared ones it uses), so a page that loads one element pays for its text alone.
 */
export type Catalogs<K extends string> = Readonly<Record<PeerLocale, Messages<K>>>;

/** Declares an element's catalogs: the keys come from `en`, and `es` must have exactly those. */
export function defineMessages<K extends string>(catalogs: {
  readonly en: Messages<K>;
  readonly es: Messages<NoInfer<K>>;
}): Catalogs<K> {
  return catalogs;
}

type KeysOf<C> = C extends Catalogs<infer K> ? K : never;

function join<K extends string>(parts: readonly Catalogs<string>[]): Catalogs<K> {
  const joined = (locale: PeerLocale) => Object.assign({}, ...parts.map((part) => part[locale])) as Messages<K>;
  return { en: joined('en'), es: joined('es') };
}

/** Joins catalogs (shared ones and an element's own) into one; later keys win. */
export function mergeMessages<const T extends readonly Catalogs<string>[]>(...parts: T): Catalogs<KeysOf<T[number]>> {
  return join(parts);
}

/**
 * Declares an element's catalogs, as `defineMessages` does, joined after the shared catalogs it
 * uses (its own keys win): everything the element says, keyed by exactly the keys it may ask for.
 */
export function elementMessages<const S extends readonly Catalogs<string>[], K extends string>(
  shared: S,
  own: { readonly en: Messages<K>; readonly es: Messages<NoInfer<K>> },
): Catalogs<K | KeysOf<S[number]>> {
  return join([...shared, own]);
}

const FALLBACK: PeerLocale = 'en';

function isPeerLocale(value: string): value is PeerLocale {
  return (PEER_LOCALES as readonly string[]).includes(value);
}

/** The first of the browser's (the phone's) languages Peerlink speaks, region and all; '' if none. */
function browserLang(): string {
  return navigator.languages.find((tag) => isPeerLocale(tag.split('-')[0]?.toLowerCase() ?? '')) ?? '';
}

/** The nearest non-empty `lang`: the element, its ancestors across shadow roots, `<html>`, else the browser's. */
function declaredLang(element: Element): string {
  let node: Element | null = element;
  while (node) {
    // lang="" means "unknown"; keep looking rather than format in an unknown language.
    const holder = node.closest('[lang]:not([lang=""])');
    if (holder) return holder.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  // A page that declares no language gets the reader's own rather than English.
  return document.documentElement.lang || browserLang();
}

export interface Resolved {
  readonly locale: PeerLocale;
  /** Full tag for Intl, so regional formats (es-MX) survive. */
  readonly tag: string;
}

/**
 * The catalog and the Intl tag for a declared language: `es-MX` → `es` and `es-MX`; a language
 * Peerlink has no messages in → `en` (formatting in it would mix languages on one line).
 */
export function resolveLang(declared: string): Resolved {
  let found = resolvedLangs.get(declared);
  if (!found) {
    found = canonicalLang(declared);
    // A page declares a handful of languages; bounded all the same.
    if (resolvedLangs.size >= 64) resolvedLangs.clear();
    resolvedLangs.set(declared, found);
  }
  return found;
}

// Every message and date a render shows asks for the language again: the answer is kept by what was declared.
const resolvedLangs = new Map<string, Resolved>();

function canonicalLang(declared: string): Resolved {
  let tag: string;
  try {
    [tag = FALLBACK] = Intl.getCanonicalLocales(declared.trim().replaceAll('_', '-'));
  } catch {
    return { locale: FALLBACK, tag: FALLBACK };
  }
  const base = tag.split('-')[0]?.toLowerCase() ?? '';
  // Formatting in a language the messages are not in would mix languages on one line.
  return isPeerLocale(base) ? { locale: base, tag } : { locale: FALLBACK, tag: FALLBACK };
}

// Intl formatters are costly to build and elements re-render on a timer, so reuse them.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function cached<T>(cache: Map<string, T>, tag: string, options: object | undefined, create: () => T): T {
  const key = `${tag}|${JSON.stringify(options ?? {})}`;
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = create();
    cache.set(key, formatter);
  }
  return formatter;
}

/*
 * One MutationObserver for every connected controller: it watches `lang` on the whole
 * document (subtree) and on each host, which also covers hosts inside shadow roots.
 */
const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

function watch(host: Element, listener: () => void): void {
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver(() => {
      for (const notify of listeners) notify();
    });
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
  }
  observer.observe(host, { attributes: true, attributeFilter: ['lang'] });
}

function unwatch(listener: () => void): void {
  listeners.delete(listener);
  if (listeners.size === 0 && observer) {
    observer.disconnect();
    observer = undefined;
  }
}

/**
 * Localizes a Lit element: messages from its `en`/`es` catalogs and Intl formatting in the
 * language declared by `lang` on the element, its ancestors (across shadow roots) or `<html>`;
 * on a page that declares none, the first of the browser's languages Peerlink speaks.
 * The host re-renders when that language changes.
 *
 * @since 0.1.0
 */
export class LocalizeController<K extends string> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly catalogs: Catalogs<K>;
  private renderedTag: string | undefined;
  private readonly onLangMutation = (): void => {
    if (this.lang !== this.renderedTag) this.host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost & HTMLElement, catalogs: Catalogs<K>) {
    this.host = host;
    this.catalogs = catalogs;
    host.addController(this);
  }

  hostConnected(): void {
    watch(this.host, this.onLangMutation);
    // Moved under another language while detached.
    if (this.renderedTag !== undefined) this.onLangMutation();
  }

  hostDisconnected(): void {
    unwatch(this.onLangMutation);
  }

  hostUpdate(): void {
    this.renderedTag = this.lang;
  }

  /** BCP 47 tag used for Intl formatting, e.g. `es-MX`; `en` when unsupported. */
  get lang(): string {
    return resolveLang(declaredLang(this.host)).tag;
  }

  /** The message catalog in use. */
  get locale(): PeerLocale {
    return resolveLang(declaredLang(this.host)).locale;
  }

  /** A message, with `{name}` placeholders replaced (numbers formatted for the language). */
  term(key: K, params?: TermParams): string {
    const message = this.catalogs[this.locale][key];
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = params[name];
      if (value === undefined) return placeholder;
      return typeof value === 'number' ? this.number(value) : value;
    });
  }

  /** A localized date/time; an empty string for an invalid date. */
  date(value: Date | string | number, options?: Intl.DateTimeFormatOptions): string {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    const tag = this.lang;
    return cached(dateFormats, tag, options, () => new Intl.DateTimeFormat(tag, options)).format(date);
  }

  /** A localized number. */
  number(value: number, options?: Intl.NumberFormatOptions): string {
    const tag = this.lang;
    return cached(numberFormats, tag, options, () => new Intl.NumberFormat(tag, options)).format(value);
  }

  /** A localized relative time: `relativeTime(-3, 'minute')` → "3 minutes ago". */
  relativeTime(
    value: number,
    unit: Intl.RelativeTimeFormatUnit,
    options: Intl.RelativeTimeFormatOptions = { numeric: 'auto' },
  ): string {
    const tag = this.lang;
    return cached(relativeFormats, tag, options, () => new Intl.RelativeTimeFormat(tag, options)).format(value, unit);
  }
}
