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
  rateLimit: { capacity: number; perSecond: number };
  /** How often timers (escalation) and notification deliveries are checked. */
  tickMs: number;
}

export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    publicUrl: 'http://127.0.0.1:4173',
    ackTimeoutMs: 5 * 60 * 1000,
    ackLinkTtlSeconds: 2 * 60 * 60,
    bodyLimit: 64 * 1024,
    rateLimit: { capacity: 120, perSecond: 20 },
    tickMs: 1000,
    ...overrides,
  };
}
