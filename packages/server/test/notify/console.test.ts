import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createConsoleTransport, maskRecipient } from '../../src/infra/notify/index.js';
import { ackUrl, dispatchId, email, notification, sms } from './fixtures.js';

/** Replaces console.log while `run` runs and returns what it printed. */
async function captureConsoleLog(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  };
  try {
    await run();
  } finally {
    console.log = original;
  }
  return lines;
}

describe('console transport', () => {
  it('prints one line per delivery with the recipient masked and no incident address', async () => {
    const transport = createConsoleTransport();
    const outcomes: unknown[] = [];
    const lines = await captureConsoleLog(async () => {
      outcomes.push(await transport.send('delivery-1', sms, notification));
      outcomes.push(await transport.send('delivery-2', email, notification));
    });
    assert.deepEqual(outcomes, [
      { ok: true, detail: 'printed to the console' },
      { ok: true, detail: 'printed to the console' },
    ]);
    assert.equal(lines.length, 2);
    const [first = '', second = ''] = lines;
    assert.ok(first.includes('to=sms ***0123'), first);
    assert.ok(first.includes(`dispatch=${dispatchId}`));
    assert.ok(first.includes('type="Overdose (non-fatal)"'));
    assert.ok(second.includes('to=email ***@example.org'), second);
    for (const line of lines) {
      assert.ok(!line.includes('555-0123') && !line.includes('5550123'), line);
      assert.ok(!line.includes('dana.r'), line);
      assert.ok(!line.includes('Elm St'), line);
      assert.ok(!line.includes(ackUrl), 'the ack link is a credential');
    }
    await transport.close();
  });

  it('prints the ack link only when asked, for local development', async () => {
    const lines: string[] = [];
    const transport = createConsoleTransport({ showAckUrl: true, log: (line) => lines.push(line) });
    await transport.send('delivery-3', sms, notification);
    assert.ok(lines[0]?.endsWith(`ack=${ackUrl}`));
  });

  it('masks what it cannot read', () => {
    assert.equal(maskRecipient({ kind: 'sms', address: '911' }), 'sms ***');
    assert.equal(maskRecipient({ kind: 'email', address: 'nobody' }), 'email ***');
  });
});
