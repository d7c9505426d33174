import type { PeerElement } from './peer-element.js';

export interface DefineOptions {
  /** Replaces `peer` in the tag name: `{ prefix: 'acme' }` defines `<acme-status>`. */
  prefix?: string;
  /** Registry to define in, such as a scoped `CustomElementRegistry`; the global one by default. */
  registry?: CustomElementRegistry;
}

function versionOf(ctor: CustomElementConstructor): string | undefined {
  return 'version' in ctor && typeof ctor.version === 'string' ? ctor.version : undefined;
}

/**
 * Warns (never throws) when `name` is held by another version of Peerlink or by another library;
 * the same version holding it is the normal case of a page that loads an element twice.
 */
export function warnIfAnotherVersion(name: string, existing: CustomElementConstructor, version: string): void {
  const existingVersion = versionOf(existing);
  if (existingVersion === version) return;
  const owner = existingVersion ? `Peerlink ${existingVersion}` : 'another library';
  console.warn(
    `<${name}> is already defined by ${owner}; Peerlink ${version} did not redefine it. Load one version of Peerlink per page.`,
  );
}

/**
 * Defines a Peerlink element, safely on a page that may already hold another copy of Peerlink:
 * a tag already defined by the same version is left alone; one defined by another version (or
 * another library) is left alone with a console warning, never an exception.
 *
 * @returns the tag name used.
 */
/** A Peerlink element class the browser can construct (no arguments), with its version. */
export type PeerElementClass = (new () => PeerElement<string>) & { readonly version: string };

export function defineElement(
  tag: `peer-${string}`,
  ctor: PeerElementClass,
  { prefix, registry = customElements }: DefineOptions = {},
): string {
  const name = prefix ? `${prefix}-${tag.slice('peer-'.length)}` : tag;
  const existing = registry.get(name);
  if (existing) {
    warnIfAnotherVersion(name, existing, ctor.version);
    return name;
  }
  // A constructor can be registered once per registry, so a second name gets its own subclass.
  const taken = typeof registry.getName === 'function' && registry.getName(ctor) !== null;
  registry.define(name, taken ? class extends ctor {} : ctor);
  return name;
}
