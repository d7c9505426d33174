// Every story of <peer-callout-log-form>, rendered from its arguments alone in every theme and
// language, is accessible (the stories' canned client stands in for the service here).
import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import meta, * as stories from '../../../../stories/callout-log-form.stories.js';
import { PEER_THEMES, type PeerCalloutLogForm } from '../../src/index.js';
import { adoptThemeCss, settle } from '../helpers.js';
import { until } from '../request-button/server.js';

type Args = Parameters<typeof meta.render>[0];
const render = meta.render as (args: Args) => TemplateResult;
const named = Object.entries(stories).filter(
  (entry): entry is [string, { args?: Partial<Args> }] => entry[0] !== 'default' && /^[A-Z]/.test(entry[0]),
);

describe('<peer-callout-log-form> stories', function () {
  this.timeout(120_000);

  it('has the states the form documents', () => {
    expect(named.map(([name]) => name)).to.include.members([
      'Empty',
      'PrefilledFromDispatch',
      'DraftRestored',
      'Submitted',
      'WithPiiFindings',
      'WithErrors',
      'QueuedOffline',
      'ReturnedWithComments',
      'ReviewMode',
      'Approved',
    ]);
  });

  for (const theme of PEER_THEMES) {
    for (const lang of ['en', 'es']) {
      it(`renders every story accessibly in the ${theme} theme, ${lang}`, async () => {
        const removeTheme = adoptThemeCss();
        try {
          for (const [name, story] of named) {
            const container = await fixture<HTMLDivElement>(
              html`<div data-peer-theme=${theme} lang=${lang} style="background: var(--peer-color-surface); color: var(--peer-color-text)">
                ${render({ ...meta.args, ...story.args })}
              </div>`,
            );
            const el = container.querySelector<PeerCalloutLogForm>('peer-callout-log-form');
            if (!el) throw new Error(`${name}: not rendered`);
            await until(() => el.phase !== 'loading');
            await settle(el);
            await settle(el);
            expect(el.shadowRoot?.querySelector('[part~="error"]'), `${name}: no error`).to.equal(null);
            if (name === 'WithErrors')
              expect(el.shadowRoot?.querySelector('[part~="error-summary"]'), name).not.to.equal(null);
            if (name === 'WithPiiFindings')
              expect(el.shadowRoot?.querySelectorAll('[part~="pii"] li').length, name).to.equal(2);
            if (name === 'QueuedOffline') expect(el.phase, name).to.equal('queued');
            if (name === 'ReturnedWithComments')
              expect(el.shadowRoot?.querySelector('[part~="returned"]'), name).not.to.equal(null);
            if (name === 'DraftRestored')
              expect(el.shadowRoot?.querySelector('[part~="restored"]'), name).not.to.equal(null);
            if (name === 'Submitted')
              expect(el.shadowRoot?.querySelector('dl.read')?.textContent, name).not.to.match(/opcional|optional/);
            if (name === 'ReviewMode')
              expect(el.shadowRoot?.querySelector('[part~="approve"]'), name).not.to.equal(null);
            await expect(container, name).to.be.accessible();
          }
        } finally {
          removeTheme();
        }
      });
    }
  }
});
