export interface ServerConfig {
  /** Base URL the service is reached at, for acknowledgement links (default: its own address). */
  publicUrl: string;
  /** How long a notified peer has to acknowledge before escalation (default 5 min). */
  ackTimeoutMs: number;
  /**
   * The host's responder view. When set, a notification's link opens it with the dispatch, the
   * peer and the single-use acknowledgement token (`?dispatch=…&specialist=…#ack=…`; the token
   * rides in the fragment, which browsers never send to a server). Otherwise the link opens the
   * service's own page, plain HTML with two buttons, that works on any phone.
   */
  responderUrl?: string;
  ackLinkTtlSeconds: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Token bucket per key, token or (anonymous callers) client address. */
  rateLimit: { capacity: number; perSecond: number };
  /** Token bucket of refused API keys per client address: guessing keys is slowed to a crawl. */
  authFailureLimit: { capacity: number; perSecond: number };
  /**
   * Whether the service runs behind a proxy it trusts (a load balancer of the program's own): the
   * client address is then the last one in `X-Forwarded-For`, the address that proxy saw. Off, the
   * header is ignored (any client can write it) and the socket's address is the client's.
   */
  trustProxy: boolean;
  /** Event streams one principal (an embed token's subject, or the token) may hold open at once. */
  streamsPerPrincipal: number;
  /** How often timers (escalation) and notification deliveries are checked. */
  tickMs: number;
  /**
   * How long an idle kept-alive connection stays open (Node's own default is 5 s). Longer than the
   * 60 s idle timeout of common proxies and load balancers: a service that closes a connection first
   * races the proxy's next request on it, which then fails (a 502 from the proxy, `ECONNRESET` in a
   * client that does not retry).
   */
  keepAliveTimeoutMs: number;
}

export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    publicUrl: 'http://127.0.0.1:4173',
    ackTimeoutMs: 5 * 60 * 1000,
    ackLinkTtlSeconds: 2 * 60 * 60,
    bodyLimit: 64 * 1024,
    rateLimit: { capacity: 120, perSecond: 20 },
    authFailureLimit: { capacity: 10, perSecond: 0.1 },
    trustProxy: false,
    streamsPerPrincipal: 5,
    tickMs: 1000,
    keepAliveTimeoutMs: 72_000,
    ...overrides,
  };
}
