import type { PeerEvent } from '@peerlink/sdk';

export interface EventReader {
  /** Resolves with the next event that matches, or rejects after `timeoutMs`. */
  next(match?: (event: PeerEvent) => boolean, timeoutMs?: number): Promise<PeerEvent>;
  /** Every event received so far. */
  received: PeerEvent[];
  /** Resolves when the service ends the stream: `expired` when it said its token had. */
  ended: Promise<{ expired: boolean }>;
  close(): void;
}

/** Reads `GET /v1/events` as a browser would, with the token in the Authorization header. */
export async function readEvents(
  url: string,
  token: string,
  options: { lastEventId?: string; recordId?: string } = {},
): Promise<EventReader> {
  const controller = new AbortController();
  const query = options.recordId ? `?recordId=${options.recordId}` : '';
  const response = await fetch(`${url}/v1/events${query}`, {
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'text/event-stream',
      ...(options.lastEventId ? { 'Last-Event-ID': options.lastEventId } : {}),
    },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`event stream answered ${String(response.status)}`);
  const received: PeerEvent[] = [];
  const waiters = new Set<() => void>();
  let expired = false;
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          const type = /^event: ?(.*)$/m.exec(block)?.[1];
          if (type === 'expired') expired = true;
          if (!data || type === 'ready' || type === 'expired') continue;
          received.push(JSON.parse(data) as PeerEvent);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted
    }
    return { expired };
  })();
  let cursor = 0;
  return {
    received,
    ended,
    async next(match = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (cursor < received.length) {
          const event = received[cursor++];
          if (event && match(event)) return event;
        }
        if (Date.now() > deadline)
          throw new Error(
            `no matching event within ${String(timeoutMs)} ms (got ${received.map((e) => e.type).join(', ')})`,
          );
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 100);
        });
      }
    },
    close: () => {
      controller.abort();
    },
  };
}
