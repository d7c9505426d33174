// Types of host.js, for the examples written in TypeScript.
import type { GetToken, Role } from '@peerlink/sdk';

export interface HostConfig {
  /** The Peerlink service. */
  apiUrl: string;
  /** The peer program this host works with. */
  agencyId: string;
  /** The peer the program console signs in as its supervisor; null in a program without peers. */
  supervisorId: string | null;
}

/** `{ apiUrl, agencyId, supervisorId }` of the Peerlink service this host talks to. */
export function hostConfig(): Promise<HostConfig>;

/** A `getToken` for the SDK and the elements: an embed token for `role` (and a subject), from the host's server. */
export function tokenFor(role: Role, subjectId?: string): GetToken;

/** Builds an element tree without HTML strings (the pages run under Trusted Types). */
export function h(tag: string, props?: Record<string, unknown>, ...children: unknown[]): HTMLElement;

/** The theme and language pickers of a console page (`#theme`, `#lang`), wired to the page's theme and `<html lang>`. */
export function pageTools(theme?: 'light' | 'dark' | 'high-contrast'): HTMLElement[];
