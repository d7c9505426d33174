import type { GetToken } from '@peerlink/sdk';

/** The properties by which a host gives an element its SDK client. */
export interface ClientSource<C> {
  /** A client the host built (e.g. `createPeerlinkClient()`); takes precedence over `baseUrl`. */
  client?: C | undefined;
  /** The Peerlink service to build a client for, with `getToken`, when no `client` is given. */
  baseUrl?: string | undefined;
  /** Returns an embed token from the host's server; used with `baseUrl`. */
  getToken?: GetToken | undefined;
}

/** The property names of {@link ClientSource}: a change to any of them may change the client. */
export const CLIENT_SOURCE_PROPERTIES = ['client', 'baseUrl', 'getToken'] as const;

/**
 * The SDK client an element talks to Peerlink through: the host's `client` when it gave one,
 * otherwise one built from `base-url` and `getToken` — built once, and again only when either
 * changes, so watches and the outbox keep one client between renders. It needs no lifecycle of
 * its own: the host's properties are read whenever the client is asked for.
 *
 * @example
 * ```ts
 * class PeerThing extends PeerElement<K> {
 *   @property({ attribute: false }) client?: ThingClient;
 *   @property({ attribute: 'base-url' }) baseUrl?: string;
 *   @property({ attribute: false }) getToken?: GetToken;
 *   private readonly sdk = new ClientController<ThingClient>(this, thingClient);
 *
 *   protected override willUpdate(changed: PropertyValues<this>): void {
 *     if (this.sdk.changed(changed)) void this.load();
 *   }
 *   private async load() {
 *     const api = this.sdk.value;
 *     if (!api) return;
 *     // …
 *   }
 * }
 * ```
 */
export class ClientController<C> {
  private built?: { baseUrl: string; getToken: GetToken; client: C };

  constructor(
    private readonly host: ClientSource<C>,
    private readonly build: (baseUrl: string, getToken: GetToken) => C,
  ) {}

  /** The client to use now, or `undefined` while the host has given neither `client` nor `baseUrl` + `getToken`. */
  get value(): C | undefined {
    const { client, baseUrl, getToken } = this.host;
    if (client) return client;
    if (!baseUrl || !getToken) return undefined;
    if (this.built?.baseUrl !== baseUrl || this.built.getToken !== getToken) {
      this.built = { baseUrl, getToken, client: this.build(baseUrl, getToken) };
    }
    return this.built.client;
  }

  /** Whether an update's changed properties (from `willUpdate`/`updated`) include where the client comes from. */
  changed(changed: ReadonlyMap<PropertyKey, unknown>): boolean {
    return CLIENT_SOURCE_PROPERTIES.some((name) => changed.has(name));
  }
}
