// A plain SMTP receiver for the delivery tests: no TLS, no login, every message handed over whole.
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { SMTPServer } from 'smtp-server';

/**
 * Calls `onMail` with each message as sent (headers and body) and its recipients, once it has all arrived;
 * `answerAfterMs(to)` holds the server's answer to a message that long (a slow mail server).
 */
export function mailReceiver(
  onMail: (raw: string, to: string[]) => void,
  answerAfterMs: (to: string[]) => number = () => 0,
): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        onMail(raw, to);
        const wait = answerAfterMs(to);
        if (wait > 0) setTimeout(callback, wait);
        else callback();
      });
    },
  });
}

/** A receiver listening for the length of test `t`, and the agency's `smtp` settings that send to it. */
export async function listeningMailReceiver(
  t: TestContext,
  onMail: (raw: string, to: string[]) => void,
  answerAfterMs?: (to: string[]) => number,
) {
  const smtp = mailReceiver(onMail, answerAfterMs);
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        smtp.close(resolve);
      }),
  );
  const port = (smtp.server.address() as AddressInfo).port;
  return { host: '127.0.0.1', port, secure: false, from: 'callouts@example.org' };
}
