import type { ContactChannel } from '@peerlink/sdk';
import { incidentTypeInWords } from './message.js';
import type { Transport } from './types.js';

export interface ConsoleTransportOptions {
  /** Where lines go; `console.log` (stdout) by default. */
  log?: (line: string) => void;
  /**
   * Print the acknowledgement link, so a developer can click through a call-out. Off by default:
   * the link is a bearer credential for one dispatch, and logs must not carry credentials.
   */
  showAckUrl?: boolean;
}

/**
 * Development transport: one line per delivery on stdout and nothing sent. The line leaves out the
 * recipient's address (masked) and the incident address, because logs are kept and shipped
 * where neither belongs.
 */
export function createConsoleTransport(options: ConsoleTransportOptions = {}): Transport {
  const log =
    options.log ??
    ((line: string) => {
      console.log(line);
    });
  return {
    name: 'console',
    send(deliveryId, recipient, n) {
      const parts = [
        '[peerlink notify]',
        `delivery=${deliveryId}`,
        `to=${maskRecipient(recipient)}`,
        `kind=${n.kind}`,
        `dispatch=${n.dispatchId}`,
        `type="${incidentTypeInWords(n.incidentType)}"`,
      ];
      if (n.area !== undefined) parts.push(`area=${n.area}`);
      if (options.showAckUrl === true && n.ackUrl !== undefined) parts.push(`ack=${n.ackUrl}`);
      log(parts.join(' '));
      return Promise.resolve({ ok: true, detail: 'printed to the console' });
    },
    close() {
      return Promise.resolve();
    },
  };
}

/** `sms ***0123`, `email ***@example.org`: enough to tell recipients apart, not to reach them. */
export function maskRecipient(recipient: ContactChannel): string {
  if (recipient.kind === 'email') {
    const at = recipient.address.lastIndexOf('@');
    return `email ***${at >= 0 ? recipient.address.slice(at) : ''}`;
  }
  const digits = recipient.address.replace(/\D/g, '');
  return `sms ***${digits.length > 4 ? digits.slice(-4) : ''}`;
}
