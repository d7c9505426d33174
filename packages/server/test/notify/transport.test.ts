import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTransport } from '../../src/infra/notify/index.js';

describe('createTransport', () => {
  it('builds the transport the settings name', async () => {
    const lines: string[] = [];
    const console = createTransport({ transport: 'console' }, { log: (line) => lines.push(line) });
    assert.equal(console.name, 'console');
    const smtp = createTransport({
      transport: 'smtp',
      smtp: { host: '127.0.0.1', port: 2525, secure: false, from: 'callouts@example.org' },
    });
    assert.equal(smtp.name, 'smtp');
    const webhook = createTransport({
      transport: 'webhook',
      webhook: { url: 'https://sms-gateway.example.org/peerlink', secret: 's'.repeat(32) },
    });
    assert.equal(webhook.name, 'webhook');
    await Promise.all([console.close(), smtp.close(), webhook.close()]);
  });

  it('fails at start-up when the named transport has no settings', () => {
    assert.throws(() => createTransport({ transport: 'smtp' }), /needs smtp settings/);
    assert.throws(() => createTransport({ transport: 'webhook' }), /needs webhook settings/);
  });
});
