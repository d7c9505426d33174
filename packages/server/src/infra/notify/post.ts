/**
 * One signed POST whose answer is read for its status and headers only: how the webhook transport sends.
 *
 * By default it goes over `node:http` / `node:https` on sockets kept alive between deliveries. On the
 * benchmarks' machine the global `fetch` cost some 250 µs more CPU a request than `node:http` (a call-out
 * sends four and more); decision 0006 has the figures. A caller's own `fetch` (a proxy, instrumentation)
 * is still honored, through {@link fetchPoster}.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What a transport reads of an answer. */
export interface PostAnswer {
  readonly status: number;
  /** A response header, or null. */
  header(name: string): string | null;
}

/**
 * Posts `body` to `url` and resolves once the answer's headers arrive. Rejects on network errors (with their
 * `code`), and with an error named `TimeoutError` when no answer comes within `timeoutMs`. Never follows a
 * redirect: a redirected POST could carry a signed call-out somewhere nobody configured.
 */
export type Post = (
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) => Promise<PostAnswer>;

/** An HTTP poster and the sockets it keeps. */
export interface Poster {
  readonly post: Post;
  /** Closes the sockets kept alive. */
  close(): void;
}

/** How much of an answer's body is read (and dropped) to keep its socket; a longer body closes the socket. */
const DRAINED_BYTES = 64 * 1024;
/** A kept socket unused this long is closed, before a receiver's own idle timeout (often 5 s) can close it mid-send. */
const IDLE_SOCKET_MS = 4_000;

const timeoutError = (timeoutMs: number) =>
  Object.assign(new Error(`no answer within ${String(timeoutMs)} ms`), { name: 'TimeoutError' });

/** A kept socket the receiver closed just as it was reused: the request may not have reached it. */
class StaleSocket extends Error {
  constructor(options: ErrorOptions) {
    super('the receiver closed a kept connection as it was reused', options);
  }
}

const isStale = (request: ClientRequest, error: unknown) =>
  request.reusedSocket &&
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  (error.code === 'ECONNRESET' || error.code === 'EPIPE');

/** Reads (and drops) a short answer body so its socket can be reused; closes the socket for a long one. */
function release(response: IncomingMessage): void {
  let read = 0;
  response.on('error', () => undefined);
  response.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > DRAINED_BYTES) response.destroy();
  });
}

/** POSTs over `node:http(s)` with kept-alive sockets (see the module's note). */
export function nodePoster(): Poster {
  const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, maxSockets: 64 };
  const agents = { http: new HttpAgent(options), https: new HttpsAgent(options) };

  /** One attempt: on a kept socket, or on a socket of its own (`fresh`). */
  const attempt = (target: URL, headers: Record<string, string>, body: string, timeoutMs: number, fresh: boolean) =>
    new Promise<PostAnswer>((resolve, reject) => {
      const secure = target.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      const request = send(target, {
        method: 'POST',
        agent: fresh ? false : secure ? agents.https : agents.http,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      });
      const timer = setTimeout(() => request.destroy(timeoutError(timeoutMs)), timeoutMs);
      request.on('response', (response) => {
        clearTimeout(timer);
        release(response);
        resolve({
          status: response.statusCode ?? 0,
          header: (name) => {
            const value = response.headers[name.toLowerCase()];
            return (Array.isArray(value) ? value[0] : value) ?? null;
          },
        });
      });
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(isStale(request, error) ? new StaleSocket({ cause: error }) : error);
      });
      request.end(body);
    });

  return {
    async post(url, headers, body, timeoutMs) {
      const target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw Object.assign(new TypeError('Only http: and https: URLs are posted to'), {
          code: 'ERR_INVALID_PROTOCOL',
        });
      // As `fetch` does: credentials in a URL end up in logs and proxies; a receiver checks the signature instead.
      if (target.username || target.password) throw new TypeError('The URL includes credentials');
      try {
        return await attempt(target, headers, body, timeoutMs, false);
      } catch (error) {
        if (!(error instanceof StaleSocket)) throw error;
        // Sent again once, at once, on a socket of its own. Receivers drop a repeated delivery by its id, as
        // they do any retry's.
        return attempt(target, headers, body, timeoutMs, true);
      }
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** POSTs through a `fetch`-compatible function (a proxy, instrumentation); its sockets are its own. */
export function fetchPoster(fetchImpl: typeof fetch): Poster {
  return {
    async post(url, headers, body, timeoutMs) {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The receiver's body is not needed; release the connection.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, header: (name) => response.headers.get(name) };
    },
    close() {
      // Nothing of ours to close.
    },
  };
}
