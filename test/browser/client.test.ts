// The SDK client in Chromium against the real reference service (behind a proxy the test can cut).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { PeerQueuedError, createPeerlinkClient, memoryStore } from '@peerlink/sdk';
import type { Dispatch, EmbedSession, Role } from '@peerlink/sdk';

interface Setup {
  apiUrl: string;
  /** The way in that `network(false)` cuts. */
  cuttableUrl: string;
  people: { agency: string; primary: string; backup: string; supervisor: string };
}

const setup = await executeServerCommand<Setup, { origin: string }>('peerlink:setup', { origin: location.origin });
const session = (role: Role, subjectId?: string) =>
  executeServerCommand<EmbedSession, { role: Role; subjectId?: string }>('peerlink:token', {
    role,
    ...(subjectId ? { subjectId } : {}),
  });
/** A client without the offline outbox, speaking as `role` with embed tokens from the test service. */
const onlineClient = (role: Role, subjectId?: string) =>
  createPeerlinkClient({
    baseUrl: setup.apiUrl,
    offline: false,
    getToken: async () => (await session(role, subjectId)).token,
  });
const network = (up: boolean) => executeServerCommand('peerlink:network', { up });
const counts = (prefix: string) =>
  executeServerCommand<Record<string, number>, { prefix: string }>('peerlink:count', { prefix });

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Loads the little host page in an iframe and talks to it by postMessage. */
async function openApp(frame: HTMLIFrameElement, token: string) {
  const messages: { type: string; [key: string]: unknown }[] = [];
  const listener = (event: MessageEvent<{ type: string }>) => {
    if (event.source === frame.contentWindow) messages.push(event.data);
  };
  window.addEventListener('message', listener);
  const next = async (type: string, timeoutMs = 30_000) => {
    await until(() => Promise.resolve(messages.some((m) => m.type === type)), timeoutMs);
    const index = messages.findIndex((m) => m.type === type);
    const [message] = messages.splice(index, 1);
    return message as { type: string; [key: string]: unknown };
  };
  frame.src = `/test/browser/fixtures/outbox-app.html?load=${String(Date.now())}#api=${encodeURIComponent(setup.cuttableUrl)}&token=${encodeURIComponent(token)}`;
  await next('ready');
  return {
    post: (message: unknown) => frame.contentWindow?.postMessage(message, location.origin),
    next,
    close: () => {
      window.removeEventListener('message', listener);
    },
  };
}

describe('SDK client in the browser', function () {
  this.timeout(90_000);

  it('loses nothing and duplicates nothing when the network drops mid-submit and the page reloads', async () => {
    const { token } = await session('dispatcher');
    const prefix = `OUT-${String(Date.now())}-`;
    const ids = Array.from({ length: 12 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
    const frame = document.createElement('iframe');
    document.body.append(frame);
    try {
      await network(true);
      const app = await openApp(frame, token);
      app.post({ type: 'submit', ids, delayMs: 60 });
      await until(async () => Object.keys(await counts(prefix)).length >= 3);
      await network(false);
      const submitted = await app.next('submitted');
      expect(Number(submitted.queued)).to.be.greaterThan(0, 'some submissions waited in the outbox');
      app.close();

      // Reload the host page while still offline: the outbox lives on in IndexedDB.
      const reloaded = await openApp(frame, token);
      await network(true);
      await until(async () => {
        reloaded.post({ type: 'flush' });
        return (await reloaded.next('pending')).count === 0;
      });
      reloaded.close();

      const stored = await counts(prefix);
      expect(Object.keys(stored).sort()).to.deep.equal(ids);
      expect(Object.values(stored).every((n) => n === 1)).to.equal(true, JSON.stringify(stored));
    } finally {
      await network(true);
      frame.remove();
    }
  });

  it('sends a store’s outbox while another client is stuck sending another store’s, and waits its turn for its own', async () => {
    const { token } = await session('dispatcher');
    const prefix = `TURN-${String(Date.now())}-`;
    /** A client whose outbox is a store shared by `name` (as IndexedDB's are), on a connection the test controls. */
    const clientOf = (name: string) => {
      const link: { down: boolean; stuck?: Promise<void> } = { down: true };
      const client = createPeerlinkClient({
        baseUrl: setup.apiUrl,
        getToken: () => token,
        offline: { ...memoryStore(), name },
        retries: 0,
        fetch: async (input, init) => {
          if (link.down) throw new TypeError('Failed to fetch');
          await link.stuck;
          return fetch(input, init);
        },
      });
      const queue = async (externalId: string) => {
        const error: unknown = await client.dispatches
          .create({
            callForService: {
              externalId,
              type: 'welfare-check',
              location: { address: '3 Test Way', area: 'county' },
              receivedAt: new Date().toISOString(),
            },
          })
          .catch((failure: unknown) => failure);
        expect(error).to.be.instanceOf(PeerQueuedError);
      };
      return { client, link, queue };
    };
    const stamp = String(Date.now());
    const slow = clientOf(`peerlink-turns-a-${stamp}`);
    const quick = clientOf(`peerlink-turns-b-${stamp}`);
    let unstick: () => void = () => undefined;
    slow.link.stuck = new Promise<void>((resolve) => (unstick = resolve));
    try {
      // One client's replay hangs on a request that does not come back; another store's is not held up by it.
      await slow.queue(`${prefix}slow`);
      await quick.queue(`${prefix}quick`);
      slow.link.down = false;
      const slowFlushed = slow.client.outbox.flush();
      quick.link.down = false;
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const inTime = await Promise.race([quick.client.outbox.flush().then(() => true), wait(3000).then(() => false)]);
      expect(inTime, 'not held up by the other store’s hanging replay').to.equal(true);
      expect(await quick.client.outbox.pending(), 'sent while the other store’s replay hangs').to.deep.equal([]);
      expect(Object.keys(await counts(prefix))).to.deep.equal([`${prefix}quick`]);
      unstick();
      await slowFlushed;
      expect(Object.keys(await counts(prefix)).sort()).to.deep.equal([`${prefix}quick`, `${prefix}slow`]);

      // A tab sending this store's outbox holds its lock: this client waits, then sends.
      quick.link.down = true;
      await quick.queue(`${prefix}later`);
      let releaseOwn: () => void = () => undefined;
      await new Promise<void>((taken) => {
        void navigator.locks.request(`peerlink-outbox:peerlink-turns-b-${stamp}`, () => {
          taken();
          return new Promise<void>((resolve) => (releaseOwn = resolve));
        });
      });
      quick.link.down = false;
      const flushed = quick.client.outbox.flush();
      await wait(300);
      expect(await quick.client.outbox.pending(), 'waits while another tab sends its store').to.have.length(1);
      releaseOwn();
      await flushed;
      expect(await quick.client.outbox.pending()).to.deep.equal([]);
      expect(Object.keys(await counts(prefix)).sort()).to.deep.equal([
        `${prefix}later`,
        `${prefix}quick`,
        `${prefix}slow`,
      ]);
    } finally {
      unstick();
    }
  });

  it('asks for a new token before the old one expires, and after the service refuses one', async () => {
    const issued: string[] = [];
    let refused = false;
    const client = createPeerlinkClient({
      baseUrl: setup.apiUrl,
      offline: false,
      getToken: async () => {
        if (!refused) {
          refused = true;
          issued.push('revoked');
          return 'revoked-token';
        }
        const { token } = await session('dispatcher');
        issued.push('fresh');
        // Within the refresh margin soon: the next request must ask again.
        return { token, expiresAt: new Date(Date.now() + 31_000) };
      },
    });
    await client.dispatches.list();
    expect(issued).to.deep.equal(['revoked', 'fresh']);
    await client.dispatches.list();
    expect(issued.length).to.equal(2, 'still valid: cached');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await client.dispatches.list();
    expect(issued).to.deep.equal(['revoked', 'fresh', 'fresh']);
  });

  it('keeps watching a dispatch across a restart of the service', async () => {
    const dispatcher = onlineClient('dispatcher');
    const peer = onlineClient('specialist', setup.people.primary);
    const dispatch = await dispatcher.dispatches.create({
      callForService: {
        externalId: `WATCH-${String(Date.now())}`,
        type: 'overdose-nonfatal',
        location: { address: '2 Test Way', area: 'county' },
        receivedAt: new Date().toISOString(),
      },
    });
    const watch = dispatcher.dispatches.watch(dispatch.id);
    const seen: Dispatch['status'][] = [];
    watch.subscribe((value) => seen.push(value.status));
    try {
      await until(() => Promise.resolve(seen.includes('notified')));
      await peer.dispatches.transition(dispatch.id, { to: 'acknowledged' });
      await until(() => Promise.resolve(seen.includes('acknowledged')));
      await executeServerCommand('peerlink:restart');
      await peer.dispatches.transition(dispatch.id, { to: 'en-route' });
      await until(() => Promise.resolve(seen.includes('en-route')), 30_000);
      expect(seen).to.deep.equal(['notified', 'acknowledged', 'en-route']);
      expect(watch.mode).to.equal('stream');
    } finally {
      watch.close();
    }
  });

  it('follows many call-outs over one stream, leaving connections for everything else', async () => {
    const dispatcher = onlineClient('dispatcher');
    const peer = onlineClient('specialist', setup.people.primary);
    const create = (n: number) =>
      dispatcher.dispatches.create({
        callForService: {
          externalId: `MANY-${String(Date.now())}-${String(n)}`,
          type: 'welfare-check',
          location: { address: `${String(n)} Test Way`, area: 'county' },
          receivedAt: new Date().toISOString(),
        },
      });
    // More watches than a browser keeps connections to one origin (six over HTTP/1.1).
    const dispatches = await Promise.all(Array.from({ length: 10 }, (_, n) => create(n)));
    const seen = new Map<string, Dispatch['status'][]>();
    const watches = dispatches.map((dispatch) => {
      const watch = dispatcher.dispatches.watch(dispatch.id);
      seen.set(dispatch.id, []);
      watch.subscribe((value) => seen.get(dispatch.id)?.push(value.status));
      return watch;
    });
    try {
      await until(() => Promise.resolve(dispatches.every((d) => seen.get(d.id)?.includes('notified'))));
      // Requests still get through while every watch is open (with a stream per watch, this
      // request would wait behind them forever), and each change reaches its own watch.
      const another = await create(99);
      expect(another.status).to.equal('notified');
      for (const dispatch of dispatches.slice(0, 3))
        await peer.dispatches.transition(dispatch.id, { to: 'acknowledged' });
      await until(() => Promise.resolve(dispatches.slice(0, 3).every((d) => seen.get(d.id)?.includes('acknowledged'))));
      expect(dispatches.slice(3).every((d) => !seen.get(d.id)?.includes('acknowledged'))).to.equal(true);
      expect(watches.every((watch) => watch.mode === 'stream')).to.equal(true);
    } finally {
      for (const watch of watches) watch.close();
    }
  });
});
