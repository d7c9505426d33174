// Every story of <peer-referral-picker> reaches the state it is named for (the stories' canned
// client stands in for the service here; test/browser/stories.test.ts checks them with axe).
import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import type { ReferralStatus } from '@peerlink/sdk';
import meta, * as stories from '../../../../stories/referral-picker.stories.js';
import type { PeerReferralPicker } from '../../src/index.js';
import { textOf } from '../helpers.js';
import { names, pickerSuite, shadow, until } from './support.js';

type Args = Parameters<typeof meta.render>[0];
interface Story {
  args?: Partial<Args>;
  play?: (context: { canvasElement: HTMLElement; args: Args }) => Promise<void>;
}
const render = meta.render as (args: Args) => TemplateResult;
const all = Object.entries(stories).filter(
  (entry): entry is [string, Story] => entry[0] !== 'default' && /^[A-Z]/.test(entry[0]),
);

const count = (el: PeerReferralPicker) => textOf(shadow(el).querySelector('[part~="count"]'));
const part = (el: PeerReferralPicker, name: string) => shadow(el).querySelector(`[part~="${name}"]`);

/** What each story shows once its play function has run. */
const expectations: Record<string, (el: PeerReferralPicker) => boolean> = {
  Empty: (el) => count(el) === 'No resources match.',
  Browse: (el) => count(el) === '400 resources' && names(el).length > 0,
  Typing: (el) => /^\d+ resources?$/.test(count(el)) && names(el).some((name) => name.includes('Methadone')),
  FromTheService: (el) => /^\d+ resources$/.test(count(el)) && names(el).length > 0,
  FiltersActive: (el) => shadow(el).querySelectorAll('[part~="chip"][aria-pressed="true"]').length === 4,
  NoResults: (el) => count(el) === 'No resources match.',
  Detail: (el) => part(el, 'detail') !== null,
  Consent: (el) => el.phase === 'consent' && part(el, 'notice') !== null,
  ConsentErrors: (el) =>
    part(el, 'error-summary') !== null && textOf(shadow(el).getElementById('f-personRef-error')).includes('not a name'),
  RevokeConsent: (el) => part(el, 'revoke-confirm') !== null && el.referral?.consent.revokedAt === null,
  ConsentRevoked: (el) =>
    el.referral?.status === 'cancelled' && el.referral.consent.revokedAt !== null && part(el, 'consent-state') !== null,
  OfflineQueued: (el) => el.phase === 'queued',
  Failed: (el) => el.phase === 'consent' && part(el, 'error') !== null,
  SearchError: (el) => part(el, 'error') !== null,
  SearchOnly: (el) => part(el, 'refer')?.getAttribute('aria-disabled') === 'true',
};
const reached: Record<string, ReferralStatus> = {
  Sent: 'sent',
  Accepted: 'accepted',
  Scheduled: 'scheduled',
  Completed: 'completed',
  Declined: 'declined',
  NoShow: 'no-show',
};

describe('<peer-referral-picker> stories', function () {
  pickerSuite(this, 2400);

  it('has the states the picker documents', () => {
    expect(all.map(([name]) => name)).to.have.members([...Object.keys(expectations), ...Object.keys(reached)]);
  });

  for (const [name, story] of all) {
    it(`${name} shows what it is named for`, async () => {
      const args = { ...meta.args, ...story.args } as Args;
      const container = await fixture<HTMLDivElement>(html`<div>${render(args)}</div>`);
      const el = container.querySelector<PeerReferralPicker>('peer-referral-picker');
      if (!el) throw new Error(`${name}: not rendered`);
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await story.play?.({ canvasElement: container, args });
      const status = reached[name];
      const check =
        expectations[name] ??
        ((picker: PeerReferralPicker) => picker.referral?.status === status && picker.phase === 'referred');
      await until(() => check(el), 5000, `${name} to show its state`);
      if (status)
        expect(
          textOf(shadow(el).querySelector('peer-status')?.shadowRoot?.querySelector('[part~="label"]')),
        ).to.include(status === 'no-show' ? 'No-show' : status.charAt(0).toUpperCase() + status.slice(1));
    });
  }
});
