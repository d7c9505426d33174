import { expect, fixture } from '@open-wc/testing';
import { LitElement, html, type TemplateResult } from 'lit';
import type { GetToken, OutboxEvent, OutboxItem, PeerError, Watch } from '@peerlink/sdk';
import { PeerError as PeerErrorClass, PeerValidationError } from '@peerlink/sdk';
import { ClientController } from '../../src/base/client-controller.js';
import { LiveRecordController } from '../../src/base/live-record-controller.js';
import { OutboxController, type OutboxSource } from '../../src/base/outbox-controller.js';
import { LatestRun } from '../../src/base/latest-run.js';
import { keepFocus } from '../../src/base/focus.js';
import { errorMessageKey, fieldErrorsOf } from '../../src/base/errors.js';
import { statusSince } from '../../src/base/tones.js';
import { ENDED_STATUSES } from '../../src/base/dispatch-client.js';

interface Thing {
  id: string;
  version: number;
}

/** A watch the test drives: `push` delivers a state; `closed` tells whether the element closed it. */
class FakeWatch implements Watch<Thing> {
  closed = false;
  mode: Watch<Thing>['mode'] = 'stream';
  private readonly listeners = new Set<(value: Thing) => void>();
  constructor(readonly id: string) {}
  subscribe(listener: (value: Thing) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(value: Thing): void {
    for (const listener of this.listeners) listener(value);
  }
  close(): void {
    this.closed = true;
  }
  // Not used by the controller, which subscribes.
  [Symbol.asyncIterator](): AsyncIterator<Thing> {
    return { next: () => Promise.resolve({ done: true, value: undefined }) };
  }
}

/** An outbox the test drives. */
class FakeOutbox implements OutboxSource {
  readonly listeners = new Set<(event: OutboxEvent) => void>();
  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: OutboxEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

const item = (key: string): OutboxItem => ({
  key,
  seq: 1,
  operationId: 'createThing',
  method: 'POST',
  path: '/things',
  body: {},
  queuedAt: '2026-01-01T00:00:00Z',
  attempts: 1,
});

class TestHost extends LitElement {
  client?: { name: string };
  baseUrl?: string;
  getToken?: GetToken;
  view: TemplateResult = html``;
  watches: FakeWatch[] = [];
  seen: Thing[] = [];
  outboxSource = new FakeOutbox();
  readonly sdk = new ClientController<{ name: string }>(this, (baseUrl) => ({ name: `built for ${baseUrl}` }));
  readonly live = new LiveRecordController<Thing>(this, {
    watch: (id) => {
      const watch = new FakeWatch(id);
      this.watches.push(watch);
      return watch;
    },
    changed: (next) => this.seen.push(next),
  });
  readonly outbox = new OutboxController(this, () => this.outboxSource);
  override render(): TemplateResult {
    return this.view;
  }
}
customElements.define('test-base-host', TestHost);

describe('base/ controllers', () => {
  it('ClientController: the host’s client first, else one built once per base URL and token source', async () => {
    const host = await fixture<TestHost>(html`<test-base-host></test-base-host>`);
    expect(host.sdk.value).to.equal(undefined);
    const getToken: GetToken = () => Promise.resolve('token');
    host.baseUrl = 'https://a.example';
    host.getToken = getToken;
    const built = host.sdk.value;
    expect(built?.name).to.equal('built for https://a.example');
    expect(host.sdk.value).to.equal(built);
    host.baseUrl = 'https://b.example';
    expect(host.sdk.value?.name).to.equal('built for https://b.example');
    const given = { name: 'given' };
    host.client = given;
    expect(host.sdk.value).to.equal(given);
    expect(host.sdk.changed(new Map([['getToken', undefined]]))).to.equal(true);
    expect(host.sdk.changed(new Map([['other', undefined]]))).to.equal(false);
  });

  it('LiveRecordController: follows one record, closes the watch off the page and opens it again on return', async () => {
    const host = await fixture<TestHost>(html`<test-base-host></test-base-host>`);
    host.live.follow('a');
    const [first] = host.watches;
    first?.push({ id: 'a', version: 1 });
    expect(host.seen).to.deep.equal([{ id: 'a', version: 1 }]);
    host.live.follow('b');
    expect(first?.closed).to.equal(true);
    first?.push({ id: 'a', version: 2 });
    expect(host.seen).to.have.length(1);
    const parent = host.parentElement;
    host.remove();
    expect(host.watches[1]?.closed).to.equal(true);
    expect(host.live.open).to.equal(false);
    parent?.append(host);
    expect(host.watches).to.have.length(3);
    expect(host.watches[2]?.id).to.equal('b');
    host.live.stop();
    expect(host.watches[2]?.closed).to.equal(true);
    expect(host.live.following).to.equal(undefined);
  });

  it('OutboxController: reports once when the change waited for is sent or refused, and ignores others', async () => {
    const host = await fixture<TestHost>(html`<test-base-host></test-base-host>`);
    const outcomes: string[] = [];
    host.outbox.wait('k1', {
      sent: (result) => outcomes.push(`sent ${String(result)}`),
      failed: () => outcomes.push('failed'),
    });
    host.outboxSource.emit({ type: 'queued', item: item('k1') });
    host.outboxSource.emit({ type: 'sent', item: item('other'), result: 'x' });
    host.outboxSource.emit({ type: 'sent', item: item('k1'), result: 'ok' });
    host.outboxSource.emit({ type: 'sent', item: item('k1'), result: 'again' });
    expect(outcomes).to.deep.equal(['sent ok']);
    expect(host.outboxSource.listeners.size).to.equal(0);

    const error: PeerError = new PeerErrorClass('refused', { code: 'conflict', status: 409 });
    host.outbox.wait('k2', { sent: () => outcomes.push('sent'), failed: (failure) => outcomes.push(failure.code) });
    const parent = host.parentElement;
    host.remove();
    expect(host.outboxSource.listeners.size).to.equal(0);
    parent?.append(host);
    expect(host.outbox.key).to.equal('k2');
    host.outboxSource.emit({ type: 'failed', item: item('k2'), error });
    expect(outcomes).to.deep.equal(['sent ok', 'conflict']);
  });

  it('LatestRun: a newer run makes the older stale and aborts its signal', () => {
    const runs = new LatestRun();
    const first = runs.start();
    expect(first.stale).to.equal(false);
    expect(runs.current).to.equal(first);
    const second = runs.start();
    expect(first.stale).to.equal(true);
    expect(first.signal.aborted).to.equal(true);
    expect(second.stale).to.equal(false);
  });

  it('keepFocus: moves a keyboard user to the first target only when focus was inside and is lost', async () => {
    const host = await fixture<TestHost>(html`<test-base-host></test-base-host>`);
    host.view = html`<button class="pressed">Press</button>`;
    host.requestUpdate();
    await host.updateComplete;
    host.shadowRoot?.querySelector<HTMLElement>('.pressed')?.focus();
    host.view = html`<span class="status" tabindex="-1">Done</span><button class="retry">Retry</button>`;
    host.requestUpdate();
    keepFocus(host, ['.missing', '.retry', '.status']);
    await host.updateComplete;
    expect(host.shadowRoot?.activeElement?.className).to.equal('retry');

    // Still on a usable control: stays, unless told to move always.
    host.requestUpdate();
    keepFocus(host, ['.status']);
    await host.updateComplete;
    expect(host.shadowRoot?.activeElement?.className).to.equal('retry');
    host.requestUpdate();
    keepFocus(host, ['.status'], { always: true });
    await host.updateComplete;
    expect(host.shadowRoot?.activeElement?.className).to.equal('status');

    // Focus elsewhere on the page: never pulled back.
    (document.activeElement as HTMLElement | null)?.blur();
    host.requestUpdate();
    keepFocus(host, ['.retry'], { always: true });
    await host.updateComplete;
    expect(host.matches(':focus-within')).to.equal(false);
  });

  it('errors, tones and endings: the service’s field errors as one list; statusSince; endings from the SDK', () => {
    const invalid = new PeerValidationError('bad', [{ path: 'checkIn.name', message: 'Required', code: 'too_small' }], {
      code: 'validation',
      status: 400,
    });
    expect(fieldErrorsOf(invalid)).to.deep.equal([{ path: 'checkIn.name', message: 'Required', code: 'too_small' }]);
    const problem = new PeerErrorClass('pii', {
      code: 'pii_unresolved',
      status: 422,
      problem: {
        type: 'about:blank',
        title: 'PII',
        status: 422,
        errors: [{ path: 'content.narrative', message: 'Names', code: 'pii' }],
      },
    });
    expect(fieldErrorsOf(problem)).to.deep.equal([{ path: 'content.narrative', message: 'Names', code: 'pii' }]);
    expect(fieldErrorsOf(new Error('x'))).to.deep.equal([]);
    expect(errorMessageKey(invalid)).to.equal('common.error.validation');
    expect(errorMessageKey(new Error('x'))).to.equal('common.error.unknown');
    const record = {
      status: 'sent' as const,
      updatedAt: '2026-01-03T00:00:00Z',
      timeline: [
        { status: 'proposed' as const, at: '2026-01-01T00:00:00Z' },
        { status: 'sent' as const, at: '2026-01-02T00:00:00Z' },
      ],
    };
    expect(statusSince(record)).to.equal('2026-01-02T00:00:00Z');
    expect(statusSince({ ...record, timeline: [] })).to.equal('2026-01-03T00:00:00Z');
    expect([...ENDED_STATUSES]).to.deep.equal(['cleared', 'cancelled']);
  });
});
