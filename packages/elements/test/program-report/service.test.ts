// <peer-program-report> against the real reference service (test/browser/support/server-plugin.ts):
// call-outs walked to cleared through the API, then the report a supervisor's token reads, its CSV,
// and the refusal a dispatcher's token gets.
import { expect, fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { html } from 'lit';
import { createProgramClient, smallCellMarker, type ProgramReport } from '@peerlink/sdk';
import '../../src/program-report/define.js';
import type { PeerProgramReport } from '../../src/program-report/program-report.js';
import type { PeerErrorInfo } from '../../src/index.js';
import { session, setup, until, type Setup } from '../request-button/server.js';
import { settle, textOf } from '../helpers.js';
import { downloadedBlobs } from './support.js';

const day = (date: Date) => date.toISOString().slice(0, 10);

describe('<peer-program-report> on the service', function () {
  this.timeout(60_000);
  let service: Setup;
  const errors: PeerErrorInfo[] = [];
  // A range around today in any time zone: the call-outs made here fall inside it.
  const from = day(new Date(Date.now() - 8 * 86_400_000));
  const to = day(new Date(Date.now() + 2 * 86_400_000));

  before(async () => {
    service = await setup();
    for (let i = 0; i < 2; i += 1) await executeServerCommand('peerlink:cleared-dispatch');
  });

  async function report(role: 'supervisor' | 'dispatcher') {
    const el = await fixture<PeerProgramReport>(
      html`<peer-program-report
        base-url=${service.apiUrl}
        .getToken=${() => session(role, role === 'supervisor' ? service.people.supervisor : undefined)}
        from=${from}
        to=${to}
        @peer-error=${(e: CustomEvent<{ error: PeerErrorInfo }>) => errors.push(e.detail.error)}
      ></peer-program-report>`,
    );
    await until(() => el.phase === 'ready' || el.phase === 'failed');
    await settle(el);
    return el;
  }

  it('shows the measures the service computes, small counts as "<11" exactly where the service suppressed them', async () => {
    const el = await report('supervisor');
    expect(el.phase).to.equal('ready');
    // The same query through the SDK, as the host's own code would make it.
    const client = createProgramClient({
      baseUrl: service.apiUrl,
      getToken: () => session('supervisor', service.people.supervisor),
    });
    const answer: ProgramReport = await client.reports.program(el.query);
    const root = el.shadowRoot;
    const rows = [...(root?.querySelectorAll('[data-section="volume"] tbody tr') ?? [])];
    expect(rows).to.have.length(answer.periods.length);
    let seen = 0;
    answer.periods.forEach((period, i) => {
      const cell = period.cells.find((c) => c.measure === 'callouts.requested');
      const shown = textOf(rows[i]?.children[1]);
      if (cell?.suppressed) expect(shown).to.equal(smallCellMarker);
      else expect(shown).to.equal(cell?.value === null ? '–no data' : String(cell?.value ?? ''));
      if (cell?.suppressed || (cell?.value ?? 0) > 0) seen += 1;
    });
    // The call-outs made above are in the range, and never read as zero.
    expect(seen).to.be.greaterThan(0);
    const requested = answer.total.find((c) => c.measure === 'callouts.requested');
    const sentence = textOf(root?.querySelector('[data-section="volume"] [part~="summary"]'));
    expect(
      sentence.startsWith(`${requested?.suppressed ?? String(requested?.value)} call-outs were requested`),
    ).to.equal(true, sentence);
    // The funnel's stages and the peers' workload are the service's figures, never a missing cell.
    const shownAs = (cell?: { value: number | null; suppressed?: string }) =>
      cell?.suppressed ?? (cell?.value === null || cell === undefined ? '–no data' : cell.value.toLocaleString('en'));
    const funnel = [...(root?.querySelectorAll('[data-section="referrals"] tbody tr') ?? [])];
    expect(funnel.map((row) => textOf(row.children[1]))).to.deep.equal(
      ['referrals.made', 'referrals.accepted', 'referrals.closed-loop', 'referrals.consent-revoked'].map((measure) =>
        shownAs(answer.total.find((c) => c.measure === measure)),
      ),
    );
    const workload = [...(root?.querySelectorAll('[data-section="workload"] tbody tr') ?? [])];
    expect(workload.map((row) => [textOf(row.children[0]), textOf(row.children[1])])).to.deep.equal(
      answer.workload.map((row) => [`Peer ${String(row.rank)}`, shownAs(row.callouts)]),
    );
    expect(answer.workload.length).to.be.greaterThan(0);
  });

  it('downloads the service’s CSV for the query shown', async () => {
    const el = await report('supervisor');
    const blobs = await downloadedBlobs(() => {
      el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="download"]')?.click();
    });
    const bytes = new Uint8Array(await (blobs[0] ?? new Blob()).arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).to.equal('period_start,period_end,measure,key,value,suppressed,unit');
    expect(text).to.contain('callouts.requested');
  });

  it('shows the refusal a dispatcher’s token gets, and reports it', async () => {
    errors.length = 0;
    const el = await report('dispatcher');
    expect(el.phase).to.equal('failed');
    expect(errors.map((error) => [error.code, error.status])).to.deep.equal([['forbidden', 403]]);
    expect(textOf(el.shadowRoot?.querySelector('[part~="error"]'))).to.contain('Not allowed.');
    expect(el.shadowRoot?.querySelector('[part~="section"]')).to.equal(null);
  });
});
