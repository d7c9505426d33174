// <peer-program-report> through its public surface: the query it asks for, the sections, charts,
// tables and summaries it shows, suppressed cells, filters, failures, CSV, print, keyboard and axe.
// Canned reports stand in for the service here (stories/program-report-fixtures.ts) for the states it
// cannot be made to show on demand; service.test.ts runs the element against the real service.
import { expect, fixture } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { hideComplements, type ProgramReport, type ProgramReportQuery } from '@peerlink/sdk';
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
  for (let i = 0; i < 500 && el.phase === 'loading'; i += 1) await new Promise((r) => setTimeout(r, 10));
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
  it('asks for the range by week and shows the six sections, each with a summary, a chart and a table', async () => {
    const report = sampleReport();
    const { el, client } = await shown(() => report);
    expect(client.queries).to.deep.equal([{ ...RANGE, period: 'week' }]);
    expect(el.phase).to.equal('ready');
    const sections = [...root(el).querySelectorAll('[part~="section"]')].map((s) => s.getAttribute('data-section'));
    expect(sections).to.deep.equal(['volume', 'times', 'outcomes', 'referrals', 'workload', 'credentials']);
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
  });

  it('draws the referral funnel: each stage, its count and its share of those made, narrowing, with its table', async () => {
    const report = sampleReport();
    const { el } = await shown(() => report);
    const count = (measure: string) => total(report, measure)?.value ?? 0;
    const made = count('referrals.made');
    const [accepted, closed, revoked] = [
      'referrals.accepted',
      'referrals.closed-loop',
      'referrals.consent-revoked',
    ].map(count);
    const pct = (n = 0) => `${String(Math.round((n / made) * 100))}%`;
    const funnel = section(el, 'referrals');
    expect(textOf(funnel.querySelector('h2'))).to.equal('Referral funnel');
    expect(rows(funnel.querySelector('table'))).to.deep.equal([
      ['Made', made.toLocaleString('en'), '100%'],
      ['Accepted', String(accepted), pct(accepted)],
      ['Closed loop', String(closed), pct(closed)],
      ['Consent revoked (any stage)', String(revoked), pct(revoked)],
    ]);
    expect([...funnel.querySelectorAll('thead th')].map(textOf)).to.deep.equal(['Stage', 'Referrals', 'Share of made']);
    expect(summary(el, 'referrals')).to.equal(
      `${made.toLocaleString('en')} referrals were made; ${pct(accepted)} were accepted and ${pct(closed)} reached a final status (closed loop).`,
    );
    // The chart: a labelled bar per stage, in order, each narrower than the one before.
    const chart = funnel.querySelector('[part~="chart"] svg');
    expect([...(chart?.querySelectorAll('text.category') ?? [])].map(textOf)).to.deep.equal(
      rows(funnel.querySelector('table')).map((row) => row[0]),
    );
    expect([...(chart?.querySelectorAll('text.value') ?? [])].map(textOf)[1]).to.equal(
      `${String(accepted)} · ${pct(accepted)}`,
    );
    const widths = [...(chart?.querySelectorAll('rect.bar') ?? [])].map((bar) => Number(bar.getAttribute('width')));
    expect(widths[0]).to.be.greaterThan(widths[1] ?? Infinity);
    expect(widths[1]).to.be.greaterThan(widths[2] ?? Infinity);
  });

  it('suppresses a small funnel stage and the share that would give it back', async () => {
    const report = sampleReport({ referralRate: 0.0065 });
    const made = total(report, 'referrals.made');
    const accepted = total(report, 'referrals.accepted');
    // The fixture: enough referrals made to show, too few accepted.
    expect(made?.suppressed).to.equal(undefined);
    expect(accepted?.suppressed).to.equal('<11');
    const { el } = await shown(() => report);
    const funnel = section(el, 'referrals');
    const table = rows(funnel.querySelector('table'));
    expect(table[0]).to.deep.equal(['Made', String(made?.value), '100%']);
    expect(table.slice(1)).to.deep.equal([
      ['Accepted', '<11', '<11'],
      ['Closed loop', '<11', '<11'],
      ['Consent revoked (any stage)', '0', '0%'],
    ]);
    expect(funnel.querySelectorAll('svg rect.suppressed')).to.have.length(2);
    expect([...funnel.querySelectorAll('svg text.value')].map(textOf)[1]).to.equal('<11 · <11');
    expect(summary(el, 'referrals')).to.equal(
      `${String(made?.value)} referrals were made; <11 were accepted and <11 reached a final status (closed loop).`,
    );
  });

  it('charts workload per peer by rank, with the after-hours share, and expiring credentials', async () => {
    const report = sampleReport();
    const { el } = await shown(() => report);
    const workload = section(el, 'workload');
    expect(textOf(workload.querySelector('h2'))).to.equal('Workload per peer (call-outs · share after hours)');
    const table = rows(workload.querySelector('table'));
    expect(table).to.have.length(report.workload.length);
    report.workload.forEach((row, i) => {
      expect(table[i]).to.deep.equal([
        `Peer ${String(row.rank)}`,
        String(row.callouts.value),
        `${String(Math.round((row.afterHoursShare.value ?? 0) * 100))}%`,
      ]);
    });
    // A bar per peer, its call-outs and after-hours share written at its end.
    expect(workload.querySelectorAll('svg.chart rect.bar')).to.have.length(report.workload.length);
    expect([...workload.querySelectorAll('svg text.value')].map(textOf)).to.deep.equal(
      table.map((row) => `${row[1] ?? ''} · ${row[2] ?? ''}`),
    );
    expect([...workload.querySelectorAll('thead th')].map(textOf)).to.deep.equal(['Peer', 'Call-outs', 'After hours']);
    expect(summary(el, 'workload')).to.equal(
      `12 peers acknowledged call-outs; the busiest ${table[0]?.[1] ?? ''}, ${table[0]?.[2] ?? ''} after hours.`,
    );
    const credentials = section(el, 'credentials');
    const value = (days: number) => {
      const cell = total(report, `credentials.expiring-${String(days)}`);
      return cell?.suppressed ?? String(cell?.value);
    };
    expect(rows(credentials.querySelector('table'))).to.deep.equal(
      [30, 60, 90].map((days) => [`Within ${String(days)} days`, value(days)]),
    );
    expect(summary(el, 'credentials')).to.equal(
      `${value(30)} credentials expire within 30 days, ${value(60)} within 60 and ${value(90)} within 90.`,
    );
  });

  it('shows a small peer\'s workload as "<11", its after-hours share too', async () => {
    const report = sampleReport({ perWeek: 2 });
    const { el } = await shown(() => report);
    const table = rows(section(el, 'workload').querySelector('table'));
    expect(table.at(-1)).to.deep.equal(['Peer 12', '<11', '<11']);
    expect(section(el, 'workload').querySelectorAll('svg rect.suppressed').length).to.be.greaterThan(0);
    expect([...section(el, 'workload').querySelectorAll('svg text.value')].map(textOf).at(-1)).to.equal('<11 · <11');
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

  it('shows a figure withheld to protect a "<11" as "*", read out in words, drawn as nothing, and says why', async () => {
    // A busy year with one small week: the service withholds a second week, so the year's total cannot give it back.
    const busy = sampleReport({ perWeek: 30 });
    const small = busy.periods[3]?.cells.find((cell) => cell.measure === 'callouts.requested');
    if (small) Object.assign(small, { value: null, suppressed: '<11' });
    const report = hideComplements(busy);
    const withheld = report.periods.findIndex((period) =>
      period.cells.some((cell) => cell.measure === 'callouts.requested' && cell.suppressed === '*'),
    );
    expect(withheld).to.be.greaterThan(-1);
    const { el } = await shown(() => report);
    const cell = section(el, 'volume').querySelectorAll('tbody tr')[withheld]?.children[1];
    expect(textOf(cell?.querySelector('[aria-hidden="true"]'))).to.equal('*');
    expect(textOf(cell?.querySelector('.visually-hidden'))).to.equal('hidden to protect a small count');
    expect(rows(section(el, 'volume').querySelector('table'))[3]?.[1]).to.equal('<11');
    expect(section(el, 'volume').querySelector('svg')?.outerHTML).not.to.contain('NaN');
    expect(textOf(root(el))).to.contain(
      'A figure marked "*" is hidden so that a count read "<11" cannot be worked out',
    );
    await expect(el).to.be.accessible();
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
    const funnel = section(el, 'referrals');
    expect(textOf(funnel.querySelector('h2'))).to.equal('Embudo de derivaciones');
    expect(rows(funnel.querySelector('table')).map((row) => row[0])).to.deep.equal([
      'Hechas',
      'Aceptadas',
      'Ciclo cerrado',
      'Revocadas (cualquier etapa)',
    ]);
    expect(summary(el, 'referrals')).to.match(
      /^Se hicieron [\d.]+ derivaciones; se aceptó el \d+ % y el \d+ % llegó a un estado final \(ciclo cerrado\)\.$/,
    );
    expect(rows(section(el, 'workload').querySelector('table'))[0]?.[0]).to.equal('Par 1');
    expect(textOf(section(el, 'workload').querySelector('h2'))).to.equal(
      'Carga de trabajo por par (salidas · fuera de horario)',
    );
    expect(summary(el, 'credentials')).to.match(/^(\d+|<11) credenciales vencen en 30 días, \d+ en 60 y \d+ en 90\.$/);
  });

  it('is reached by keyboard: every control, the download and each table in order', async () => {
    const { el } = await shown(() => sampleReport());
    const button = document.createElement('button');
    el.before(button);
    button.focus();
    const reached: string[] = [];
    // A date input takes a Tab per month, day and year: each control is counted once.
    for (let i = 0; i < 24; i += 1) {
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
    // Then each table's scrolling region (volume, times, share within, outcomes, referrals, workload, credentials).
    expect(reached.slice(7, 14)).to.deep.equal(['div', 'div', 'div', 'div', 'div', 'div', 'div']);
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
    it(`is accessible in the ${theme} theme: loaded, suppressed, few referrals, quiet peers, empty, loading and failed`, async function () {
      this.timeout(60_000);
      const removeTheme = adoptThemeCss();
      try {
        const answers: Answer[] = [
          () => sampleReport(),
          () => sampleReport({ perWeek: 8 }),
          () => sampleReport({ referralRate: 0.0065 }),
          () => sampleReport({ perWeek: 2 }),
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
