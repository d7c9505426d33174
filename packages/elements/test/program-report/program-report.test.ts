// <peer-program-report> through its public surface: the query it asks for, the sections, charts,
// tables and summaries it shows, suppressed cells, filters, failures, CSV, print, keyboard and axe.
// Canned reports stand in for the service here (stories/program-report-fixtures.ts) for the states it
// cannot be made to show on demand; service.test.ts runs the element against the real service.
import { expect, fixture } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { ProgramReport, ProgramReportQuery } from '@peerlink/sdk';
import '../../src/program-report/define.js';
import type { PeerProgramReport } from '../../src/program-report/program-report.js';
import { cannedReportClient, failure, offline, sampleReport } from '../../../../stories/program-report-fixtures.js';
import { adoptThemeCss, query, settle, textOf } from '../helpers.js';
import { downloadedBlobs } from './support.js';

const RANGE = { from: '2025-12-01', to: '2026-11-29' };
type Answer = Parameters<typeof cannedReportClient>[0];

async function shown(answer: Answer, lang = 'en', theme?: string) {
  const client = cannedReportClient(answer);
  const el = await fixture<PeerProgramReport>(
    html`<peer-program-report
      lang=${lang}
      theme=${theme ?? 'light'}
      .client=${client}
      from=${RANGE.from}
      to=${RANGE.to}
      .areas=${['north', 'south']}
      .agencies=${[{ id: '0d6f3e52-8c1a-4f7b-9e2d-5a4b3c2d1e01', name: 'Example County Sheriff' }]}
    ></peer-program-report>`,
  );
  await loaded(el);
  return { el, client };
}

/** Waits until the report is no longer loading. */
async function loaded(el: PeerProgramReport): Promise<void> {
  for (let i = 0; i < 100 && el.phase === 'loading'; i += 1) await new Promise((r) => setTimeout(r, 10));
  await settle(el);
}

const root = (el: PeerProgramReport): ShadowRoot => {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
};
const section = (el: PeerProgramReport, name: string): HTMLElement => {
  const found = root(el).querySelector<HTMLElement>(`[data-section="${name}"]`);
  if (!found) throw new Error(`no ${name} section`);
  return found;
};
const summary = (el: PeerProgramReport, name: string) => textOf(section(el, name).querySelector('[part~="summary"]'));
const rows = (table: Element | null) =>
  [...(table?.querySelectorAll('tbody tr') ?? [])].map((row) => [...row.children].map((cell) => textOf(cell)));
const control = (el: PeerProgramReport, name: string) => query(root(el), `[name="${name}"]`, HTMLSelectElement);
const total = (report: ProgramReport, measure: string, key?: string) =>
  report.total.find((cell) => cell.measure === measure && cell.key === key);

describe('<peer-program-report>', () => {
  it('asks for the range by week and shows the four sections, each with a summary, a chart and a table', async () => {
    const report = sampleReport();
    const { el, client } = await shown(() => report);
    expect(client.queries).to.deep.equal([{ ...RANGE, period: 'week' }]);
    expect(el.phase).to.equal('ready');
    const sections = [...root(el).querySelectorAll('[part~="section"]')].map((s) => s.getAttribute('data-section'));
    expect(sections).to.deep.equal(['volume', 'times', 'outcomes', 'referrals']);
    for (const name of sections) {
      const s = section(el, name ?? '');
      expect(s.querySelector('h2')?.textContent).to.not.equal('');
      expect(s.querySelector('[part~="chart"] svg[aria-hidden="true"]'), name ?? '').to.not.equal(null);
      expect(s.querySelector('table caption'), name ?? '').to.not.equal(null);
    }
    // A year by week: one table row and one axis step per week.
    expect(rows(section(el, 'volume').querySelector('table'))).to.have.length(52);
    const requested = total(report, 'callouts.requested')?.value ?? 0;
    expect(summary(el, 'volume')).to.match(new RegExp(`^${requested.toLocaleString('en')} call-outs were requested`));
    expect(summary(el, 'times')).to.match(/acknowledged within 30 minutes \(median \d+(\.\d)? min\)/);
    // The 30-minute line is drawn and named in the legend.
    expect(section(el, 'times').querySelector('line.reference')).to.not.equal(null);
    expect(textOf(section(el, 'times').querySelector('[part~="legend"]'))).to.contain('30 minutes');
    const completed = total(report, 'referrals.by-status', 'completed')?.value ?? 0;
    expect(rows(section(el, 'referrals').querySelector('table'))).to.deep.include(['Completed', String(completed)]);
  });

  it('shows a suppressed small count as "<11" in the table and as a dashed box in the chart, never as zero', async () => {
    const report = sampleReport({ perWeek: 8 });
    const { el } = await shown(() => report);
    const table = rows(section(el, 'volume').querySelector('table'));
    report.periods.forEach((period, i) => {
      const cell = period.cells.find((c) => c.measure === 'callouts.requested');
      expect(table[i]?.[1]).to.equal(cell?.suppressed ? '<11' : String(cell?.value));
    });
    expect(table.some((row) => row[1] === '<11')).to.equal(true);
    expect(section(el, 'volume').querySelectorAll('svg rect.suppressed').length).to.be.greaterThan(0);
    expect(textOf(section(el, 'volume').querySelector('[part~="legend"]'))).to.contain('<11');
    expect(textOf(root(el))).to.contain('Counts from 1 to 10 read "<11"');
  });

  it('says when small counts are shown', async () => {
    const { el } = await shown(() => sampleReport({ suppress: false }));
    expect(textOf(root(el))).to.not.contain('Counts from 1 to 10');
    expect(textOf(root(el))).to.not.contain('<11');
  });

  it('asks again when a filter changes, and drops the answer to the query it replaced', async () => {
    const weekly = sampleReport();
    const monthly = { ...sampleReport({ weeks: 12 }), period: 'month' as const };
    // The first filtered query answers after the second: its answer must not be shown.
    const client = cannedReportClient(
      (query: ProgramReportQuery) => (query.period === 'month' ? monthly : weekly),
      (query) => (query.callType && query.period === 'week' ? 200 : 10),
    );
    const el = await fixture<PeerProgramReport>(
      html`<peer-program-report .client=${client} from=${RANGE.from} to=${RANGE.to}></peer-program-report>`,
    );
    await loaded(el);
    const type = control(el, 'callType');
    type.value = 'overdose-nonfatal';
    type.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    const period = control(el, 'period');
    period.value = 'month';
    period.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    await loaded(el);
    expect(client.queries.slice(1)).to.deep.equal([
      { ...RANGE, period: 'week', callType: 'overdose-nonfatal' },
      { ...RANGE, period: 'month', callType: 'overdose-nonfatal' },
    ]);
    expect(el.getAttribute('period')).to.equal('month');
    expect(rows(section(el, 'volume').querySelector('table'))).to.have.length(12);
  });

  it('filters by area and requesting agency when the host offers them', async () => {
    const { el, client } = await shown(() => sampleReport());
    const area = control(el, 'area');
    area.value = 'south';
    area.dispatchEvent(new Event('change', { bubbles: true }));
    const agency = control(el, 'requestingAgencyId');
    agency.value = '0d6f3e52-8c1a-4f7b-9e2d-5a4b3c2d1e01';
    agency.dispatchEvent(new Event('change', { bubbles: true }));
    await loaded(el);
    expect(client.queries.at(-1)).to.deep.equal({
      ...RANGE,
      period: 'week',
      area: 'south',
      requestingAgencyId: '0d6f3e52-8c1a-4f7b-9e2d-5a4b3c2d1e01',
    });
  });

  it('says when the range holds nothing', async () => {
    const { el } = await shown(() => sampleReport({ perWeek: 0 }));
    expect(textOf(root(el).querySelector('[part~="status"]'))).to.equal('No call-outs or referrals in this range.');
    expect(root(el).querySelector('[part~="section"]')).to.equal(null);
  });

  it('shows a failure with Retry, reports it as peer-error, and loads again on Retry', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const client = cannedReportClient(() => (fail ? failure() : sampleReport()));
    const el = await fixture<PeerProgramReport>(
      html`<peer-program-report
        .client=${client}
        from=${RANGE.from}
        to=${RANGE.to}
        @peer-error=${(e: CustomEvent) => errors.push(e.detail)}
      ></peer-program-report>`,
    );
    await loaded(el);
    expect(el.phase).to.equal('failed');
    const error = root(el).querySelector('[part~="error"]');
    expect(error?.getAttribute('role')).to.equal('alert');
    expect(textOf(error)).to.contain('Something went wrong.');
    expect(errors).to.deep.equal([{ error: { code: 'server_error', message: 'Service failed', status: 500 } }]);
    fail = false;
    error?.querySelector('button')?.click();
    await loaded(el);
    expect(el.phase).to.equal('ready');
    expect(root(el).querySelector('[part~="error"]')).to.equal(null);
  });

  it('says when Peerlink cannot be reached', async () => {
    const { el } = await shown(() => offline());
    expect(textOf(root(el).querySelector('[part~="error"]'))).to.contain('Peerlink could not be reached.');
  });

  it('downloads the CSV the service answers, byte order mark and all', async () => {
    const { el, client } = await shown(() => sampleReport());
    const blobs = await downloadedBlobs(() => {
      root(el).querySelector<HTMLButtonElement>('[part~="download"]')?.click();
    });
    expect(client.queries.at(-1)).to.deep.equal({ ...RANGE, period: 'week' });
    expect(blobs).to.have.length(1);
    const bytes = new Uint8Array((await blobs[0]?.arrayBuffer()) ?? new ArrayBuffer(0));
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(blobs[0]?.type).to.equal('text/csv;charset=utf-8');
  });

  it('speaks Spanish', async () => {
    const { el } = await shown(() => sampleReport(), 'es');
    expect(textOf(section(el, 'volume').querySelector('h2'))).to.equal('Salidas a lo largo del tiempo');
    expect(summary(el, 'volume')).to.match(/^Se solicitaron [\d.]+ salidas/);
    expect(textOf(root(el).querySelector('[part~="download"]'))).to.equal('Descargar CSV');
  });

  it('is reached by keyboard: every control, the download and each table in order', async () => {
    const { el } = await shown(() => sampleReport());
    const button = document.createElement('button');
    el.before(button);
    button.focus();
    const reached: string[] = [];
    // A date input takes a Tab per month, day and year: each control is counted once.
    for (let i = 0; i < 20; i += 1) {
      await sendKeys({ press: 'Tab' });
      const active = root(el).activeElement;
      const name = active?.getAttribute('name') ?? active?.getAttribute('part') ?? active?.localName ?? '';
      if (name !== reached.at(-1) || name === 'div') reached.push(name);
    }
    button.remove();
    expect(reached.slice(0, 7)).to.deep.equal([
      'from',
      'to',
      'period',
      'area',
      'callType',
      'requestingAgencyId',
      'download',
    ]);
    // Then each table's scrolling region (volume, times, share within, outcomes, referrals).
    expect(reached.slice(7, 12)).to.deep.equal(['div', 'div', 'div', 'div', 'div']);
  });

  it('prints black on white without the controls, a section a page', async () => {
    const { el } = await shown(() => sampleReport());
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle(root(el).querySelector('[part~="controls"]') as Element).display).to.equal('none');
      const times = section(el, 'times');
      expect(getComputedStyle(times).breakBefore).to.equal('page');
      expect(getComputedStyle(times.querySelector('polyline') as Element).stroke).to.equal('rgb(0, 0, 0)');
      expect(getComputedStyle(el).color).to.equal('rgb(0, 0, 0)');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`is accessible in the ${theme} theme: loaded, suppressed, empty, loading and failed`, async function () {
      this.timeout(60_000);
      const removeTheme = adoptThemeCss();
      try {
        const answers: Answer[] = [
          () => sampleReport(),
          () => sampleReport({ perWeek: 8 }),
          () => sampleReport({ perWeek: 0 }),
          () => 'never',
          () => failure(),
        ];
        for (const answer of answers) {
          const { el } = await shown(answer, 'en', theme);
          await expect(el).to.be.accessible();
        }
      } finally {
        removeTheme();
      }
    });
  }
});
