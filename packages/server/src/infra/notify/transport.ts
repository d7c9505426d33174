import type { NotificationSettings } from '@peerlink/sdk';
import { createConsoleTransport } from './console.js';
import type { ConsoleTransportOptions } from './console.js';
import { createSmtpTransport } from './smtp.js';
import type { SmtpTransportOptions } from './smtp.js';
import { createTwilioTransport } from './twilio.js';
import type { TwilioTransportOptions } from './twilio.js';
import type { Transport } from './types.js';
import { createWebhookTransport } from './webhook.js';
import type { WebhookTransportOptions } from './webhook.js';

export type TransportOptions = ConsoleTransportOptions &
  SmtpTransportOptions &
  WebhookTransportOptions &
  TwilioTransportOptions;

/**
 * The transport an agency's settings name. Throws when the named transport has no settings, so a
 * misconfiguration is found when the service starts, not at the first overdose call-out.
 */
export function createTransport(settings: NotificationSettings, options: TransportOptions = {}): Transport {
  switch (settings.transport) {
    case 'console':
      return createConsoleTransport(options);
    case 'smtp':
      if (settings.smtp === undefined) throw new TypeError('Notification transport "smtp" needs smtp settings');
      return createSmtpTransport(settings.smtp, options);
    case 'webhook':
      if (settings.webhook === undefined)
        throw new TypeError('Notification transport "webhook" needs webhook settings');
      return createWebhookTransport(settings.webhook, options);
    case 'twilio':
      if (settings.twilio === undefined) throw new TypeError('Notification transport "twilio" needs twilio settings');
      return createTwilioTransport(settings.twilio, options);
    case 'by-channel': {
      // Texts go through Twilio when the agency has an account there, else through its own gateway.
      const email = createTransport({ ...settings, transport: 'smtp' }, options);
      const text = createTransport({ ...settings, transport: settings.twilio ? 'twilio' : 'webhook' }, options);
      return {
        name: 'by-channel',
        send: (deliveryId, recipient, n, signal) =>
          (recipient.kind === 'email' ? email : text).send(deliveryId, recipient, n, signal),
        close: async () => {
          await Promise.all([email.close(), text.close()]);
        },
      };
    }
  }
}
