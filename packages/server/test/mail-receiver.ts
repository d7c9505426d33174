// A plain SMTP receiver for the delivery tests: no TLS, no login, every message handed over whole.
import { SMTPServer } from 'smtp-server';

/** Calls `onMail` with each message as sent (headers and body) and its recipients, once it has all arrived. */
export function mailReceiver(onMail: (raw: string, to: string[]) => void): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        onMail(
          raw,
          session.envelope.rcptTo.map((rcpt) => rcpt.address),
        );
        callback();
      });
    },
  });
}
