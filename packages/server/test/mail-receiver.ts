// A plain SMTP receiver for the delivery tests: no TLS, no login, every message handed over whole.
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { SMTPServer } from 'smtp-server';

/** The one login a receiver accepts; without it, a receiver asks for none. */
export interface MailLogin {
  user: string;
  password: string;
}

/**
 * Calls `onMail` with each message as sent (headers and body) and its recipients, once it has all arrived;
 * `answerAfterMs(to)` holds the server's answer to a message that long (a slow mail server).
 */
export function mailReceiver(
  onMail: (raw: string, to: string[]) => void,
  answerAfterMs: (to: string[]) => number = () => 0,
  login?: MailLogin,
): SMTPServer {
  return new SMTPServer({
    ...(login
      ? {
          allowInsecureAuth: true,
          onAuth(auth, _session, callback) {
            if (auth.username === login.user && auth.password === login.password)
              callback(null, { user: auth.username });
            else callback(new Error('Invalid username or password'));
          },
        }
      : { authOptional: true }),
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
  login?: MailLogin,
) {
  const smtp = mailReceiver(onMail, answerAfterMs, login);
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
