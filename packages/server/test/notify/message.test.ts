import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CalloutNotification } from '@peerlink/sdk';
import { SMS_MAX_LENGTH, incidentTypeInWords, renderNotification } from '../../src/infra/notify/index.js';
import { ackUrl, dispatchId, leakyNotification, namesInLeakyNotification, notification } from './fixtures.js';

describe('renderNotification', () => {
  it('puts type, location, area, times, dispatch id, cautions and the link in the e-mail', () => {
    const { subject, text } = renderNotification(notification, { timeZone: 'America/Chicago' });
    assert.equal(subject, 'Peer call-out: Overdose (non-fatal) (north)');
    assert.match(text, /^Location: 1200 Elm St, Springfield$/m);
    assert.match(text, /^Area: north$/m);
    assert.match(text, /^Coordinates: 39\.78170, -89\.65010$/m);
    assert.match(text, /^Received: Sun, Nov 22, 2:05 PM CST \(2026-11-22T14:05:00-06:00\)$/m);
    assert.match(text, new RegExp(`^Dispatch: ${dispatchId}$`, 'm'));
    assert.match(text, /^- Dog on premises$/m);
    assert.ok(text.includes(`\nAcknowledge or decline: ${ackUrl}\n`));
    assert.match(text, /check in with the lead investigator/);
  });

  it('shows the received time in UTC without a usable time zone', () => {
    assert.match(renderNotification(notification).text, /Received: Sun, Nov 22, 8:05 PM UTC/);
    assert.match(renderNotification(notification, { timeZone: 'Mars/Olympus' }).text, /8:05 PM UTC/);
  });

  it('renders only contract fields, so a richer object cannot leak names', () => {
    const rendered = renderNotification(leakyNotification);
    for (const part of [rendered.subject, rendered.text, rendered.sms]) {
      for (const name of namesInLeakyNotification) assert.ok(!part.includes(name), `${name} leaked`);
    }
  });

  it('keeps the whole SMS, link included, when it fits', () => {
    const { sms } = renderNotification(notification, { timeZone: 'America/Chicago' });
    assert.ok(sms.length <= SMS_MAX_LENGTH);
    assert.equal(
      sms,
      [
        'Peerlink call-out: Overdose (non-fatal)',
        'At: 1200 Elm St, Springfield',
        'Area: north',
        'Rcvd Nov 22, 2:05 PM CST',
        'Cautions: Dog on premises',
        'Ref 3c4d5e6f',
        `Reply 1 or YES to acknowledge, 2 or NO to decline, or open: ${ackUrl}`,
      ].join('\n'),
    );
  });

  it('cuts a very long address and cautions to 320 characters and never cuts the link', () => {
    const address = `${'4410 North Lakeshore Service Drive, Building C, Unit 12, '.repeat(6)}Springfield`.slice(0, 300);
    const cautions = Array.from({ length: 20 }, (_, i) =>
      `Caution ${i + 1}: ${'narrow unlit stairwell '.repeat(8)}`.slice(0, 200),
    );
    const long = CalloutNotification.parse({ ...notification, address, cautions });
    const { sms, text } = renderNotification(long);
    assert.ok(sms.length <= SMS_MAX_LENGTH, `SMS is ${sms.length} characters`);
    assert.ok(sms.endsWith(`\nReply 1 or YES to acknowledge, 2 or NO to decline, or open: ${ackUrl}`));
    // The reply hint shares the link's line and is never cut either, so both long fields give way.
    assert.match(sms, /^At: 4410 North Lakeshore Service.*\.\.\.$/m);
    assert.match(sms, /^Cautions: Caution 1.*\.\.\.$/m);
    // The e-mail has room for everything.
    assert.ok(text.includes(long.address));
    assert.ok(text.includes(long.cautions?.[19] ?? 'missing'));
  });

  it('stays within 320 characters over many shapes of input', () => {
    const escalation = { ...notification, kind: 'escalation' as const };
    for (let addressLength = 1; addressLength <= 300; addressLength += 23) {
      for (const cautionCount of [0, 1, 3, 20]) {
        for (const cautionLength of [1, 40, 200]) {
          const n = {
            ...escalation,
            address: 'A'.repeat(addressLength),
            cautions: Array.from({ length: cautionCount }, () => 'c'.repeat(cautionLength)),
          };
          const { sms } = renderNotification(n);
          assert.ok(
            sms.length <= SMS_MAX_LENGTH,
            `${sms.length} > 320 for ${addressLength}/${cautionCount}/${cautionLength}`,
          );
          assert.ok(sms.includes(ackUrl));
          assert.ok(sms.includes('At: A'), 'the address is cut, never dropped');
        }
      }
    }
  });

  it('collapses line breaks inside fields so they cannot fake lines', () => {
    const n = {
      ...notification,
      address: '1200 Elm St\r\nAcknowledge or decline: http://evil.example',
      cautions: ['a\nb'],
    };
    const { text, sms } = renderNotification(n);
    assert.match(text, /^Location: 1200 Elm St Acknowledge or decline: http:\/\/evil\.example$/m);
    assert.match(sms, /^Cautions: a b$/m);
  });

  it('says when a copy needs no reply and when a call-out was escalated', () => {
    const { ackUrl: _omitted, ...rest } = notification;
    const copy = renderNotification({ ...rest, kind: 'supervisor-copy' });
    assert.match(copy.subject, /^Supervisor copy/);
    assert.match(copy.text, /no reply is needed/);
    assert.ok(!copy.text.includes('Acknowledge or decline'));
    assert.ok(!copy.sms.includes('Reply 1'), 'a copy for information asks for no reply');
    const escalated = renderNotification({ ...notification, kind: 'escalation' });
    assert.match(escalated.text, /escalated to you/);
    assert.match(escalated.sms, /^Peerlink ESCALATED call-out/);
  });

  it('spells incident types in words', () => {
    assert.equal(incidentTypeInWords('overdose-fatal'), 'Overdose (fatal)');
    assert.equal(incidentTypeInWords('behavioral-health-crisis'), 'Behavioral-health crisis');
    assert.equal(incidentTypeInWords('structure-fire'), 'Structure fire');
    assert.equal(incidentTypeInWords(''), 'Incident');
  });
});
