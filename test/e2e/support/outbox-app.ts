// A host page that submits call-outs through the SDK client with its IndexedDB outbox (bundled
// from the sources when the test starts). The test drives it through `window.outboxTest`; a
// reload starts a fresh page over the same IndexedDB, whose outbox replays on load.
import { PeerQueuedError, createPeerlinkClient } from '@peerlink/sdk';

interface OutboxTest {
  /** `sent`, `queued` (kept in the outbox), or why the SDK refused to take it. */
  submit(externalId: string, idempotencyKey: string, receivedAt: string): Promise<string>;
  pending(): Promise<{ key: string; failure?: string }[]>;
  flush(): Promise<void>;
}

declare global {
  interface Window {
    outboxTest?: OutboxTest;
  }
}

const config = (await (await fetch('/config.json')).json()) as { apiUrl: string };
// The host's own server hands out embed tokens; it is reachable even when the service is not.
const client = createPeerlinkClient({
  baseUrl: config.apiUrl,
  getToken: async () => {
    const response = await fetch('/session', { method: 'POST' });
    if (!response.ok) throw new Error(`embed session: HTTP ${String(response.status)}`);
    return (await response.json()) as { token: string; expiresAt: string };
  },
});

window.outboxTest = {
  async submit(externalId, idempotencyKey, receivedAt) {
    try {
      await client.dispatches.create(
        {
          callForService: {
            externalId,
            type: 'welfare-check',
            location: { address: '1 Test Way', area: 'county' },
            receivedAt,
          },
        },
        // A host that retries a submission it heard nothing back about sends it again as it was, with its key.
        { idempotencyKey },
      );
      return 'sent';
    } catch (error) {
      if (error instanceof PeerQueuedError) return 'queued';
      return `refused: ${error instanceof Error ? `${error.name} ${error.message}` : String(error)}`;
    }
  },
  pending: async () =>
    (await client.outbox.pending()).map((item) => ({
      key: item.key,
      ...(item.failure ? { failure: item.failure.code } : {}),
    })),
  flush: () => client.outbox.flush(),
};
document.body.dataset.ready = 'true';
