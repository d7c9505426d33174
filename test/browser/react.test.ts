// @peerlink/react in a real React 19 root: props reach the element as properties (objects stay
// objects), `onPeer…` props receive the element's typed events, and the element rendered is the
// real custom element, defined by importing its wrapper. (The root workspace does not depend on
// @peerlink/react, so the wrappers are imported from their sources.)
import { expect } from '@open-wc/testing';
import * as React from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { Resource } from '@peerlink/sdk';
import { exampleIcrcPeerRecovery } from '@peerlink/sdk/credentials';
import {
  PeerCertificationBadge as BadgeElement,
  PeerReferralPicker as PickerElement,
  PeerStatus as StatusElement,
  type BadgeVerificationResult,
} from '@peerlink/elements';
import {
  PeerCertificationBadge,
  PeerReferralPicker,
  PeerStatus,
  type PeerCertificationBadgeProps,
} from '../../packages/react/src/index.js';
import { newIssuer, signCredential } from '../../packages/elements/test/certification-badge/signing.js';
import { exampleCredential } from '../../stories/example-credential.js';

const credential = exampleCredential();

let host: HTMLElement;
let root: Root;

function render(element: React.ReactElement): void {
  flushSync(() => {
    root.render(element);
  });
}

/** Resolves with the first argument `handler` receives, or rejects after `ms`. */
function nextCall<T>(ms = 4000): { handler: (value: T) => void; called: Promise<T> } {
  let handler: (value: T) => void = () => undefined;
  const called = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no call in ${String(ms)} ms`));
    }, ms);
    handler = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
  });
  return { handler, called };
}

describe('@peerlink/react', () => {
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    root.unmount();
    host.remove();
  });

  it('renders the real custom element, defined by importing the wrapper', () => {
    render(React.createElement(PeerStatus, { tone: 'success', label: 'Acknowledged' }));
    const el = host.querySelector('peer-status');
    expect(customElements.get('peer-status')).to.equal(StatusElement);
    expect(el).to.be.instanceOf(StatusElement);
    expect(el?.tone).to.equal('success');
    expect(el?.label).to.equal('Acknowledged');
  });

  it('sets objects as properties, not attributes, and updates them on re-render', async () => {
    const issuer = await newIssuer();
    const props: PeerCertificationBadgeProps = {
      credential,
      ruleSet: exampleIcrcPeerRecovery,
      size: 'full',
      jwks: issuer.jwks,
    };
    render(React.createElement(PeerCertificationBadge, props));
    const el = host.querySelector('peer-certification-badge');
    expect(el).to.be.instanceOf(BadgeElement);
    expect(el?.credential).to.equal(credential);
    expect(el?.jwks).to.equal(issuer.jwks);
    expect(el?.ruleSet).to.equal(exampleIcrcPeerRecovery);
    for (const name of ['credential', 'jwks', 'rule-set', 'ruleset'])
      expect(el?.hasAttribute(name), name).to.equal(false);
    await el?.updateComplete;
    expect(el?.shadowRoot?.querySelector('[part="name"]')?.textContent).to.contain('Peer Recovery Specialist');

    const renewed = { ...credential, number: 'PRS-2001' };
    render(React.createElement(PeerCertificationBadge, { ...props, credential: renewed }));
    expect(host.querySelector('peer-certification-badge')).to.equal(el);
    expect(el?.credential).to.equal(renewed);
  });

  it('hands onPeerCredentialVerified the element’s typed event', async () => {
    const issuer = await newIssuer();
    const signed = await signCredential(issuer, { number: credential.number ?? '' });
    const verified = nextCall<CustomEvent<{ result: BadgeVerificationResult }>>();
    render(
      React.createElement(PeerCertificationBadge, {
        credential,
        jwks: issuer.jwks,
        signed,
        issuer: issuer.id,
        onPeerCredentialVerified: verified.handler,
      }),
    );
    const event = await verified.called;
    const el = host.querySelector('peer-certification-badge');
    expect(event.target).to.equal(el);
    expect(event.detail.result.valid).to.equal(true);
    if (event.detail.result.valid) expect(event.detail.result.credential.number).to.equal('PRS-1042');
    expect(el?.verificationResult?.valid).to.equal(true);
  });

  it('gives the picker an array of resources as a property and hands onPeerResourceSelected the resource', async () => {
    const resources: Resource[] = [
      {
        id: 'c3d1b2a0-5e4f-4a3b-9c2d-1e0f9a8b7c61',
        agencyId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
        updatedAt: '2026-01-05T12:00:00.000Z',
        name: 'Harbor Light Recovery Center',
        organization: { name: 'Harbor Light (fictional)' },
        description: 'Outpatient treatment.',
        categories: ['treatment'],
        location: { lat: 39.7817, lon: -89.6501 },
        languages: ['en'],
        fees: { acceptsMedicaid: true },
        settings: ['community'],
        interceptStages: [0],
      },
    ];
    const selected = nextCall<CustomEvent<{ resource: Resource }>>();
    const ref = React.createRef<PickerElement>();
    render(React.createElement(PeerReferralPicker, { ref, resources, onPeerResourceSelected: selected.handler }));
    const el = host.querySelector('peer-referral-picker');
    expect(el).to.be.instanceOf(PickerElement);
    expect(ref.current).to.equal(el);
    expect(el?.resources).to.equal(resources);
    expect(el?.hasAttribute('resources')).to.equal(false);
    const first = resources[0];
    if (!first) throw new Error('no resource');
    ref.current?.choose(first);
    const event = await selected.called;
    expect(event.detail.resource).to.equal(first);
    expect(el?.resource).to.equal(first);
  });

  it('swaps and removes event handlers with the props', async () => {
    const calls: string[] = [];
    const signed = await signCredential(await newIssuer());
    const first = (): void => {
      calls.push('first');
    };
    const second = (): void => {
      calls.push('second');
    };
    // No key set: the badge reports peer-error, each time `signed` changes.
    render(React.createElement(PeerCertificationBadge, { signed, onPeerError: first }));
    const el = host.querySelector('peer-certification-badge');
    await el?.updateComplete;
    render(React.createElement(PeerCertificationBadge, { signed: `${signed} `, onPeerError: second }));
    await el?.updateComplete;
    render(React.createElement(PeerCertificationBadge, { signed }));
    await el?.updateComplete;
    expect(calls).to.deep.equal(['first', 'second']);
  });
});

// Checked by the type checker only (never called): what the wrappers accept and what they refuse.
export function typedProps(): React.ReactElement[] {
  return [
    React.createElement(PeerCertificationBadge, {
      size: 'compact',
      onPeerCredentialVerified: (event) => {
        const result: BadgeVerificationResult = event.detail.result;
        return result;
      },
      onPeerError: (event) => event.detail.error.message,
    }),
    React.createElement(PeerReferralPicker, {
      onPeerReferralCreated: (event) => event.detail.referral.personRef,
      onPeerReferralStatus: (event) => event.detail.status,
      // A native name keeps the DOM's event type.
      onChange: (event) => {
        const type: 'change' = event.type;
        return type;
      },
    }),
    // @ts-expect-error `size` is 'compact' | 'full'
    React.createElement(PeerCertificationBadge, { size: 'huge' }),
    // @ts-expect-error `jwks` is a key set, not a URL
    React.createElement(PeerCertificationBadge, { jwks: 'https://example.org/jwks.json' }),
    React.createElement(PeerCertificationBadge, {
      // @ts-expect-error the verified event carries `result`, not `dispatch`
      onPeerCredentialVerified: (event: CustomEvent<{ dispatch: string }>) => event.detail.dispatch,
    }),
  ];
}
