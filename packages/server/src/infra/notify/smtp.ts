import type { NotificationSettings } from '@peerlink/sdk';
import nodemailer from 'nodemailer';
import type { NodemailerError } from 'nodemailer';
import { renderNotification } from './message.js';
import type { DeliveryOutcome, RenderOptions, Transport } from './types.js';

export type SmtpSettings = NonNullable<NotificationSettings['smtp']>;

export interface SmtpTransportOptions extends RenderOptions {
  /** Keep a few connections open between call-outs instead of one connection per message. */
  pool?: boolean;
  /** Connect, greeting and socket inactivity limit per attempt; 15 s by default. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Errors about our own configuration or the message: sending the same thing again cannot help. */
const permanentCodes = new Set([
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'ECONFIG',
  'EENVELOPE',
  'EMAXRECIPIENTS',
  'EREQUIRETLS',
]);

/**
 * E-mail transport. SMS recipients are not its job (an SMS gateway is reached through the webhook
 * transport), so they fail permanently here rather than being guessed into e-mail addresses.
 */
export function createSmtpTransport(settings: SmtpSettings, options: SmtpTransportOptions = {}): Transport {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const auth = settings.user === undefined ? undefined : { user: settings.user, pass: settings.password ?? '' };
  const common = {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth,
    // Credentials never cross a network in clear text; a relay on this host may skip TLS.
    requireTLS: auth !== undefined && !settings.secure && !isLoopback(settings.host),
    // nodemailer's defaults (up to 10 minutes idle) suit bulk mail, not a call-out waiting on a peer.
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
  const mailer =
    options.pool === true ? nodemailer.createTransport({ ...common, pool: true }) : nodemailer.createTransport(common);

  return {
    name: 'smtp',
    async send(deliveryId, recipient, n, signal) {
      if (recipient.kind !== 'email') {
        return { ok: false, retryable: false, detail: `the SMTP transport sends e-mail only, not ${recipient.kind}` };
      }
      const message = renderNotification(n, options);
      try {
        const info = await mailer.sendMail({
          from: settings.from,
          to: recipient.address,
          subject: message.subject,
          text: message.text,
          priority: n.kind === 'supervisor-copy' ? 'normal' : 'high',
          headers: {
            'X-Peerlink-Delivery': deliveryId,
            // RFC 3834: tells vacation responders not to answer a call-out.
            'Auto-Submitted': 'auto-generated',
          },
          // The timeouts above limit inactivity only: a server answering each command just in time holds a
          // message for minutes. The worker's cap on the whole attempt closes the connection.
          ...(signal ? { signal } : {}),
        });
        if (info.rejected.length > 0)
          return { ok: false, retryable: false, detail: 'recipient rejected by the server' };
        return { ok: true, detail: `accepted as ${info.messageId}` };
      } catch (error) {
        return failureOf(error);
      }
    },
    close() {
      mailer.close();
      return Promise.resolve();
    },
  };
}

function failureOf(error: unknown): DeliveryOutcome {
  const { code, responseCode, permanent } = error instanceof Error ? (error as NodemailerError) : {};
  // Server replies and error messages can quote the recipient; report codes only.
  const detail = ['SMTP', responseCode === undefined ? '' : String(responseCode), code ?? 'error']
    .filter(Boolean)
    .join(' ');
  if (responseCode !== undefined) {
    // RFC 5321: 5yz is a permanent refusal, 4yz a transient one; 503 means a confused session.
    const refused = permanent ?? (responseCode >= 500 && responseCode !== 503);
    return { ok: false, retryable: !refused, detail };
  }
  return { ok: false, retryable: code === undefined || !permanentCodes.has(code), detail };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
