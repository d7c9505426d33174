// A program that has nothing yet sets itself up and takes its first real call-out, through the CLI
// and the API only, without the demo seed: the agency and its first key, the roster from a CSV,
// the directory from HSDS, then — with the service running — the notification settings, the
// on-call rotation, the escalation policy, a dispatcher's call-out texted to the peer on call
// (through a signed SMS webhook received here) and the peer's text reply acknowledging it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Dispatch, SpecialistSummary } from '@peerlink/sdk';
import { createPeerlinkAdmin } from '@peerlink/sdk';
import { signWebhook, verifyWebhookSignature } from '../../packages/server/src/index.js';
import { cli, createAgency, printedApiUrl, root, runOk } from '../../packages/server/test/cli-run.js';
import { hsdsService } from '../../packages/server/test/hsds-services.js';
import { Teardown, closeServer } from './support/teardown.js';

const webhookSecret = 'whsec_program_setup_0123456789abcdef0123';
const inboundSecret = 'inbound_program_setup_0123456789abcdef01';

const roster = `name,phone,email,languages,roles,supervisor,area
Dana Rivers,(217) 555-0140,dana.rivers@example.org,en,crisis-interventionist;supervisor,,county
Luis Ortega,217-555-0141,luis.ortega@example.org,en;es,crisis-interventionist,Dana Rivers,county
Sam Whitfield,+1 217 555 0142,sam.whitfield@example.org,en,recovery-coach,Dana Rivers,county
`;

interface Text {
  to: string;
  dispatchId: string;
  kind: string;
  body: string;
}

describe('a new program, from nothing to its first call-out', { timeout: 900_000 }, () => {
  it('sets itself up with the CLI and the API, and a peer acknowledges by text reply', async () => {
    const teardown = new Teardown();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'peerlink-program-'));
      teardown.add('the data folder', dir, (path) => {
        rmSync(path, { recursive: true, force: true });
      });
      const data = join(dir, 'data');

      // 1. The agency and its first key.
      const { agencyId, apiKey } = createAgency(data, [
        '--name',
        'Riverbend Peer Response',
        '--timezone',
        'America/Chicago',
        '--area',
        'county',
      ]);

      // 2. The roster, checked first, then imported; 3. the directory.
      const rosterFile = join(dir, 'roster.csv');
      writeFileSync(rosterFile, roster);
      assert.match(
        runOk(['import', 'roster', rosterFile, '--agency', agencyId, '--dry-run', '--data', data]),
        /dry run/,
      );
      assert.match(runOk(['import', 'roster', rosterFile, '--agency', agencyId, '--data', data]), /created 3/);
      const directoryFile = join(dir, 'directory.json');
      writeFileSync(directoryFile, JSON.stringify([0, 1, 2].map((n) => hsdsService(n))));
      assert.match(runOk(['import', 'hsds', directoryFile, '--agency', agencyId, '--data', data]), /created 3/);

      // The agency's SMS gateway, standing in for the program's: texts arrive signed.
      const texts: Text[] = [];
      const gateway = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          if (!verifyWebhookSignature(webhookSecret, req.headers, body).ok) {
            res.writeHead(401).end();
            return;
          }
          const payload = JSON.parse(body) as {
            recipient: { address: string };
            notification: { dispatchId: string; kind: string };
          };
          texts.push({
            to: payload.recipient.address,
            dispatchId: payload.notification.dispatchId,
            kind: payload.notification.kind,
            body,
          });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      teardown.add('the SMS gateway', gateway, closeServer);
      const gatewayUrl = `http://127.0.0.1:${String((gateway.address() as AddressInfo).port)}/sms`;

      // 4. The service, as a program runs it.
      const service = spawn(process.execPath, [...cli, 'start', '--port', '0', '--data', data], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      teardown.add('the service', service, (child) => {
        child.kill('SIGTERM');
        return new Promise<void>((resolve) =>
          child.once('exit', () => {
            resolve();
          }),
        );
      });
      const baseUrl = await printedApiUrl(service);

      // 5. How texts go out and come back, set with the program's key.
      const admin = createPeerlinkAdmin({ baseUrl, apiKey });
      const settings = await admin.agency.update({
        notification: { transport: 'webhook', webhook: { url: gatewayUrl, secret: webhookSecret }, inboundSecret },
      });
      assert.equal(JSON.stringify(settings).includes(webhookSecret), false, 'secrets are never returned');

      const call = async <T>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
        const response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        assert.ok(response.ok, `${method} ${path}: ${String(response.status)} ${text}`);
        return JSON.parse(text) as T;
      };
      const session = async (role: string, subjectId?: string) =>
        (await admin.embedSessions.create({ role, ...(subjectId ? { subjectId } : {}) } as never)).token;

      const dispatcher = await session('dispatcher');
      const { items: peers } = await call<{ items: SpecialistSummary[] }>('GET', '/v1/specialists', dispatcher);
      const named = (name: string) => {
        const found = peers.find((peer) => peer.displayName === name);
        assert.ok(found, `${name} is on the roster`);
        return found.id;
      };
      const [dana, luis, sam] = [named('Dana Rivers'), named('Luis Ortega'), named('Sam Whitfield')];

      // 6. The rotation (Luis primary, Sam backup, Dana supervising) and the escalation policy.
      const supervisor = await session('supervisor', dana);
      const startsOn = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
      for (const [position, members] of [
        ['primary', [luis]],
        ['backup', [sam]],
        ['supervisor', [dana]],
      ] as const) {
        await call('POST', '/v1/schedule/rotations', supervisor, {
          area: 'county',
          position,
          members,
          turnDays: 7,
          handoffTime: '08:00',
          startsOn,
        });
      }
      const policy = await call<{ version: number }>('GET', '/v1/escalation-policy', supervisor);
      await call('POST', '/v1/escalation-policy', supervisor, {
        name: 'Primary, backup, supervisor, then everyone',
        levels: [
          { targets: [{ kind: 'position', position: 'primary' }], timeoutSeconds: 180 },
          { targets: [{ kind: 'position', position: 'backup' }], timeoutSeconds: 180 },
          { targets: [{ kind: 'position', position: 'supervisor' }], timeoutSeconds: 180 },
          { targets: [{ kind: 'area-peers' }], timeoutSeconds: 300 },
        ],
        repeat: 0,
        copies: [{ kind: 'position', position: 'supervisor' }],
        expectedVersion: policy.version,
      });
      const schedule = await call<{ gaps: unknown[] }>(
        'GET',
        `/v1/schedule?from=${new Date().toISOString()}&to=${new Date(Date.now() + 86_400_000).toISOString()}&area=county`,
        supervisor,
      );
      assert.deepEqual(schedule.gaps, [], 'the county is covered around the clock');

      // 7. The first call-out reaches the primary peer by text.
      const dispatch = await call<Dispatch>('POST', '/v1/dispatches', dispatcher, {
        callForService: {
          externalId: `RB-${randomUUID().slice(0, 8)}`,
          type: 'overdose-nonfatal',
          location: { address: '400 River Rd, Riverbend', area: 'county' },
          receivedAt: new Date().toISOString(),
        },
      });
      assert.equal(dispatch.escalationPolicy?.version, policy.version + 1, 'it follows the policy just saved');
      const deadline = Date.now() + 60_000;
      // The gateway gets every contact of the peer (this program sends e-mail through it too).
      const toLuis = (text: Text) =>
        text.dispatchId === dispatch.id && text.kind === 'callout' && text.to.startsWith('+');
      while (!texts.some(toLuis)) {
        assert.ok(Date.now() < deadline, `no text reached the gateway: ${JSON.stringify(texts)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const callout = texts.find(toLuis);
      assert.ok(callout);
      assert.equal(callout.to, '+12175550141', "the text goes to Luis's number");
      assert.match(callout.body, /Reply 1 or YES/);

      // 8. Luis answers YES from his phone; the gateway forwards it, signed.
      const reply = JSON.stringify({ from: '+12175550141', body: 'yes', messageId: `SM-${randomUUID()}` });
      const timestamp = Math.floor(Date.now() / 1000);
      const answered = await fetch(`${baseUrl}/v1/sms/inbound/${agencyId}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Peerlink-Timestamp': String(timestamp),
          'X-Peerlink-Signature': signWebhook(inboundSecret, timestamp, reply),
        },
        body: reply,
      });
      assert.equal(answered.status, 200, await answered.clone().text());
      const { outcome } = (await answered.json()) as { outcome: string };
      assert.equal(outcome, 'acknowledged');

      const after = await call<Dispatch>('GET', `/v1/dispatches/${dispatch.id}`, dispatcher);
      assert.equal(after.status, 'acknowledged');
      assert.equal(after.specialistId, luis);
    } finally {
      await teardown.run();
    }
  });
});
