import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { defineElement } from '../../src/base/define.js';
import { define } from '../../src/status/define.js';
import { PeerStatus } from '../../src/status/status.js';
import { part, textOf } from '../helpers.js';

/** Replaces console.warn with a recorder until `restore()`. */
function spyOnWarn(): { calls: unknown[][]; restore: () => void } {
  const original = console.warn;
  const calls: unknown[][] = [];
  console.warn = (...args: unknown[]): void => {
    calls.push(args);
  };
  return {
    calls,
    restore: () => {
      console.warn = original;
    },
  };
}

describe('define()', () => {
  let warn: ReturnType<typeof spyOnWarn>;
  beforeEach(() => {
    warn = spyOnWarn();
  });
  afterEach(() => {
    warn.restore();
  });

  it('defines <peer-status> on import, as version 0.1.0', () => {
    expect(customElements.get('peer-status')).to.equal(PeerStatus);
    expect(PeerStatus.version).to.equal('0.1.0');
  });

  it('does nothing when the same version is defined again', () => {
    expect(define()).to.equal('peer-status');
    // Another copy of the same release: a different class with the same version.
    expect(defineElement('peer-status', class extends PeerStatus {})).to.equal('peer-status');
    expect(customElements.get('peer-status')).to.equal(PeerStatus);
    expect(warn.calls).to.have.length(0);
  });

  it('warns, naming both versions, and does not throw when another version holds the tag', () => {
    class NewerStatus extends PeerStatus {
      static override version = '9.9.9';
    }
    expect(() => defineElement('peer-status', NewerStatus)).not.to.throw();
    expect(customElements.get('peer-status')).to.equal(PeerStatus);
    expect(warn.calls).to.have.length(1);
    const message = String(warn.calls[0]?.[0]);
    expect(message).to.contain('<peer-status>');
    expect(message).to.contain('Peerlink 0.1.0');
    expect(message).to.contain('Peerlink 9.9.9');
  });

  it('warns when another library holds the tag', () => {
    customElements.define('peer-foreign', class extends HTMLElement {});
    expect(() => defineElement('peer-foreign', PeerStatus)).not.to.throw();
    expect(String(warn.calls[0]?.[0])).to.contain('another library');
  });

  it('registers a custom prefix as a separate, working tag', async () => {
    expect(define({ prefix: 'acme' })).to.equal('acme-status');
    const AcmeStatus = customElements.get('acme-status');
    expect(AcmeStatus?.prototype).to.be.instanceOf(PeerStatus);
    expect(AcmeStatus).not.to.equal(PeerStatus);
    expect(define({ prefix: 'acme' })).to.equal('acme-status');
    expect(warn.calls).to.have.length(0);

    const el = await fixture<PeerStatus>(html`<acme-status tone="success" label="Cleared"></acme-status>`);
    expect(el).to.be.instanceOf(PeerStatus);
    expect(textOf(part(el, 'label'))).to.equal('Success: Cleared');
  });

  it('defines into a given registry without touching the global one', function () {
    let registry: CustomElementRegistry;
    try {
      registry = new CustomElementRegistry();
    } catch {
      this.skip();
    }
    expect(define({ registry })).to.equal('peer-status');
    expect(registry.get('peer-status')).to.equal(PeerStatus);
    expect(define({ registry, prefix: 'scoped' })).to.equal('scoped-status');
    expect(registry.get('scoped-status')?.prototype).to.be.instanceOf(PeerStatus);
    expect(customElements.get('scoped-status')).to.equal(undefined);
    expect(warn.calls).to.have.length(0);
  });
});
