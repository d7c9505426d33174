// A test-runner plugin that runs the real reference service for browser tests (PGlite in a
// temporary folder) behind a TCP proxy the tests can cut, and answers the tests' server commands.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource, ResourceInput, Role } from '@peerlink/sdk';
import { createApiKey, startServer } from '../../../packages/server/src/index.js';
import type { RunningServer } from '../../../packages/server/src/index.js';
import { insertResource } from '../../../packages/server/src/domain/store.js';
import { insertOnCallProgram } from '../../support/on-call-program.js';

export const people = {
  agency: randomUUID(),
  primary: randomUUID(),
  backup: randomUUID(),
  supervisor: randomUUID(),
};

interface CommandContext {
  command: string;
  payload?: unknown;
}

/**
 * A proxy in front of the service: `up = false` drops every open connection and refuses new ones.
 * New connections wait while the service restarts (as behind a load balancer), so test files
 * running beside the restart test are not cut off.
 */
function cuttableProxy(target: () => number, restarting: () => Promise<void> | undefined) {
  let up = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const held = restarting();
    if (held) {
      client.pause();
      void held.then(() => {
        client.resume();
        pipe(client);
      });
      return;
    }
    pipe(client);
  });
  const pipe = (client: Socket) => {
    const upstream = connect(target(), '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  };
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => {
          resolve((server.address() as AddressInfo).port);
        }),
      ),
    set(state: boolean) {
      up = state;
      if (!up) for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

export function peerlinkServerPlugin() {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerlink-browser-'));
  let service: RunningServer | undefined;
  let servicePort = 0;
  let apiKey = '';
  let restarting: Promise<void> | undefined;
  const proxy = cuttableProxy(
    () => servicePort,
    () => restarting,
  );
  let proxyUrl = '';
  // A second way in, the only one `peerlink:network` cuts: test files running beside a test
  // that drops the network keep theirs.
  const cutProxy = cuttableProxy(
    () => servicePort,
    () => restarting,
  );
  let cuttableUrl = '';

  const start = async () => {
    service = await startServer({ dataDir, port: servicePort, config: { tickMs: 200 } });
    servicePort = service.port;
  };

  const token = async (role: Role, subjectId?: string, ttlSeconds?: number) => {
    await restarting;
    if (!service) throw new Error('service not started');
    const response = await fetch(`${service.url}/v1/embed-sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role, ...(subjectId ? { subjectId } : {}), ...(ttlSeconds ? { ttlSeconds } : {}) }),
    });
    return response.json() as Promise<unknown>;
  };

  /** A call to the service as `role`, for commands that set up records the way the API makes them. */
  const call = async (role: Role, subjectId: string | undefined, method: string, path: string, body?: unknown) => {
    if (!service) throw new Error('service not started');
    const session = (await token(role, subjectId)) as { token: string };
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${session.token}`,
        'Content-Type': 'application/json',
        ...(method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${String(response.status)}`);
    return response.json() as Promise<{ id: string }>;
  };

  return {
    name: 'peerlink-server',
    async serverStart() {
      await start();
      const db = service?.db;
      if (!db) return;
      await insertOnCallProgram(
        db,
        { id: people.agency, name: 'Browser test program' },
        (['primary', 'backup', 'supervisor'] as const).map((position) => ({
          id: people[position],
          position,
          displayName: position,
        })),
      );
      apiKey = (await createApiKey(db, people.agency)).key;
      proxyUrl = `http://127.0.0.1:${String(await proxy.listen())}`;
      cuttableUrl = `http://127.0.0.1:${String(await cutProxy.listen())}`;
    },
    async serverStop() {
      await proxy.close();
      await cutProxy.close();
      await service?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload }: CommandContext) {
      const input = (payload ?? {}) as Record<string, unknown>;
      if (command !== 'peerlink:restart') await restarting;
      switch (command) {
        case 'peerlink:setup': {
          // The test page's origin becomes an allowed host of the agency (CORS).
          await service?.db.query('update agencies set allowed_origins = $2::text::text[] where id = $1', [
            people.agency,
            `{"${String(input.origin)}"}`,
          ]);
          return { apiUrl: proxyUrl, cuttableUrl, people };
        }
        case 'peerlink:token':
          return token(
            input.role as Role,
            input.subjectId as string | undefined,
            input.ttlSeconds as number | undefined,
          );
        case 'peerlink:network':
          cutProxy.set(Boolean(input.up));
          return true;
        case 'peerlink:count': {
          const rows =
            (await service?.db.query<{ external_id: string; n: string }>(
              "select external_id, count(*)::text as n from dispatches where external_id like $1 || '%' group by external_id order by external_id",
              [String(input.prefix)],
            )) ?? [];
          return Object.fromEntries(rows.map((row) => [row.external_id, Number(row.n)]));
        }
        case 'peerlink:cleared-dispatch': {
          // A call-out the primary peer has walked to cleared, checked in with a lead investigator.
          const externalId = `LOG-${String(Date.now())}-${randomUUID().slice(0, 8)}`;
          const dispatch = await call('dispatcher', undefined, 'POST', '/v1/dispatches', {
            callForService: {
              externalId,
              type: 'overdose-nonfatal',
              location: { address: '200 Main St, Springfield', area: 'county' },
              receivedAt: new Date().toISOString(),
            },
          });
          const checkIn = { name: 'Det. A. Rivera', role: 'law-enforcement', agencyName: 'County Sheriff' };
          let latest: unknown = dispatch;
          for (const to of ['acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged', 'cleared']) {
            latest = await call('specialist', people.primary, 'POST', `/v1/dispatches/${dispatch.id}/transitions`, {
              to,
              ...(to === 'checked-in' ? { checkIn } : {}),
            });
          }
          return latest;
        }
        case 'peerlink:callout-logs': {
          // What storage holds for a call-out, whatever any role may read.
          const rows =
            (await service?.db.query<{ id: string; status: string; version: number }>(
              'select id, status, version from callout_logs where dispatch_id = $1 order by created_at',
              [String(input.dispatchId)],
            )) ?? [];
          return rows.map((row) => ({ id: row.id, status: row.status, version: row.version }));
        }
        case 'peerlink:add-area': {
          // A new area the test program lists in its settings, as `PATCH /v1/agency` would add it.
          await service?.db.query(
            'update agencies set areas = array_append(areas, $2) where id = $1 and not ($2 = any (areas))',
            [people.agency, String(input.area)],
          );
          return true;
        }
        case 'peerlink:insert-resources': {
          // Directory entries as an import would store them; answered as the service returns them.
          const inputs = (input.resources ?? []) as ResourceInput[];
          const db = service?.db;
          if (!db) return [];
          const ids: string[] = [];
          for (const resource of inputs) ids.push(await insertResource(db, people.agency, resource));
          const rows = await db.query<{ id: string; doc: Resource }>(
            'select id, doc from resources where id = any($1::text::uuid[])',
            [`{${ids.join(',')}}`],
          );
          return ids.map((id) => rows.find((row) => row.id === id)?.doc);
        }
        case 'peerlink:referrals': {
          // What storage holds for a person reference, whatever any role may read.
          const rows =
            (await service?.db.query<{ id: string; status: string }>(
              'select id, status from referrals where agency_id = $1 and person_ref = $2 order by created_at',
              [people.agency, String(input.personRef)],
            )) ?? [];
          return rows.map((row) => ({ id: row.id, status: row.status }));
        }
        case 'peerlink:referral-transition':
          // The receiving service's answer, recorded by the program's supervisor as it comes in.
          return call('supervisor', people.supervisor, 'POST', `/v1/referrals/${String(input.id)}/transitions`, {
            to: input.to,
            ...(input.scheduledAt ? { scheduledAt: input.scheduledAt } : {}),
          });
        case 'peerlink:restart':
          restarting = (async () => {
            await service?.close();
            await start();
          })();
          await restarting;
          restarting = undefined;
          return true;
        default:
          return undefined;
      }
    },
  };
}
