import { defineElement, type DefineOptions } from '../base/define.js';
import { PeerDirectoryImport } from './directory-import.js';

/** Defines `<peer-directory-import>`, or `<prefix-directory-import>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  return defineElement('peer-directory-import', PeerDirectoryImport, options);
}

define();
