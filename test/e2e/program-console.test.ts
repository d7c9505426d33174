// The program console (examples/program-console/) as a supervisor works it, in Chromium, against
// the real service and its real storage: a roster CSV with a bad row is refused with its report and
// nothing written, then imported once fixed; a rotation and an override change the schedule, which
// shows its gaps; a peer submits a call-out log on the phone view and it reaches the review queue
// live, where the supervisor returns it with a comment; an HSDS file is imported with its progress.
// The page runs under the example host's strict CSP with Trusted Types, and must cause no violation.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { localTime, type CalloutLog, type Dispatch, type Role } from '@peerlink/sdk';
import { hsdsService } from '../../packages/server/test/hsds-services.js';
import { newCall, shadowText, startStack, until, type Stack } from './support/stack.js';
import { apiCall, embedToken } from './support/host-api.js';
import { choose, clickIn, existsIn, fillIn, watchPage, type WatchedPage } from './support/watched-page.js';

const ROSTER = 'peer-roster';
const SCHEDULE = 'peer-on-call-schedule';
const QUEUE = 'peer-log-review-queue';
const DIRECTORY = 'peer-directory-import';
const FORM = 'peer-callout-log-form';
const REPORT = 'peer-program-report';

const header = 'name,phone,email,languages,roles,supervisor,area';
const goodRows = [
  'Dana Rivers,(217) 555-0140,dana.rivers@example.org,en,crisis-interventionist;supervisor,,county',
  'Luis Ortega,217-555-0141,luis.ortega@example.org,en;es,crisis-interventionist,Dana Rivers,county',
];
const badRow = 'Sam Whitfield,not a phone number,sam.whitfield@example.org,en,recovery-coach,Dana Rivers,county';
const fixedRow = 'Sam Whitfield,+1 217 555 0142,sam.whitfield@example.org,en,recovery-coach,Dana Rivers,county';

/** A call to the real service as `role`, with an embed token from the example host, answered as JSON. */
async function call<T>(
  stack: Stack,
  role: Role,
  subjectId: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return apiCall<T>(stack.server.url, await embedToken(stack.host.url, role, subjectId), method, path, body);
}

const peersNamed = async (stack: Stack, names: readonly string[]): Promise<string[]> =>
  (
    await stack.server.db.query<{ name: string }>(
      "select doc->>'displayName' as name from specialists where agency_id = $1 and doc->>'displayName' = any($2::text::text[]) order by 1",
      [stack.people.agency, `{${names.map((name) => `"${name}"`).join(',')}}`],
    )
  ).map((row) => row.name);

describe('the program console', { timeout: 900_000 }, () => {
  let stack: Stack;
  let desk: WatchedPage;
  let dir: string;

  before(async () => {
    stack = await startStack();
    // The test program's primary and backup report to its supervisor, whom the console signs in as.
    await stack.server.db.query('update specialists set supervisor_id = $1 where id = any($2::text::uuid[])', [
      stack.people.supervisor,
      `{${stack.people.primary},${stack.people.backup}}`,
    ]);
    dir = mkdtempSync(join(tmpdir(), 'peerlink-console-'));
    desk = await watchPage(stack.browser);
    await desk.page.setViewport({ width: 1280, height: 1000 });
    await desk.page.goto(`${stack.host.url}/program-console/`, { waitUntil: 'load' });
    for (const tag of [ROSTER, SCHEDULE, QUEUE, DIRECTORY, REPORT]) {
      await until(() => existsIn(desk.page, [tag, '*']), 30_000, `${tag} to render`);
    }
  });

  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await stack.close();
  });

  it('refuses a roster CSV with a bad row, naming its line and column, writes nothing, and imports it once fixed', async () => {
    const page = desk.page;
    const bad = join(dir, 'roster-bad.csv');
    writeFileSync(bad, [header, ...goodRows, badRow, ''].join('\n'));
    await choose(page, ROSTER, '#roster-file', bad);
    await clickIn(page, [ROSTER, '[part~="check-import"]']);
    await until(() => existsIn(page, [ROSTER, '[part~="import-errors"]']), 30_000, 'the dry run’s report');
    const report = await shadowText(page, [ROSTER, '[part~="import-errors"]']);
    assert.match(report, /4/, `the bad row is line 4: ${report}`);
    assert.match(report, /phone/i, `the column is named: ${report}`);
    assert.deepEqual(await peersNamed(stack, ['Dana Rivers', 'Luis Ortega', 'Sam Whitfield']), [], 'nothing written');

    const fixed = join(dir, 'roster.csv');
    writeFileSync(fixed, [header, ...goodRows, fixedRow, ''].join('\n'));
    await choose(page, ROSTER, '#roster-file', fixed);
    await clickIn(page, [ROSTER, '[part~="check-import"]']);
    await until(
      () => existsIn(page, [ROSTER, '[part~="run-import"]']),
      30_000,
      'the import button after a clean dry run',
    );
    assert.deepEqual(await peersNamed(stack, ['Dana Rivers']), [], 'a dry run writes nothing');
    await clickIn(page, [ROSTER, '[part~="run-import"]']);
    await until(
      async () => (await peersNamed(stack, ['Dana Rivers', 'Luis Ortega', 'Sam Whitfield'])).length === 3,
      30_000,
      'the three peers in storage',
    );
    await until(
      async () => (await shadowText(page, [ROSTER])).includes('Sam Whitfield'),
      30_000,
      'the roster to list the imported peers',
    );
  });

  it('shows a rotation and an override in the schedule as they are made, and the gaps left', async () => {
    const page = desk.page;
    const { primary, backup } = stack.people;
    // A rotation made elsewhere (another supervisor's console) reaches this one live.
    const today = new Date().toISOString().slice(0, 10);
    await call(stack, 'supervisor', stack.people.supervisor, 'POST', '/v1/schedule/rotations', {
      area: 'county',
      position: 'backup',
      name: 'County backup',
      members: [backup, primary],
      turnDays: 7,
      handoffTime: '08:00',
      startsOn: today,
    });
    await until(
      async () => /County backup|Test backup/.test(await shadowText(page, [SCHEDULE, '[part~="rotations"]'])),
      30_000,
      'the new rotation in the schedule',
    );
    // The supervisor changes it here: the first member moves down, so the other takes the first turn.
    await clickIn(page, [SCHEDULE, '[part~="edit-rotation"]']);
    await until(() => existsIn(page, [SCHEDULE, '[part~="rotation-editor"]']), 15_000, 'the rotation editor');
    await clickIn(page, [SCHEDULE, '[part~="rotation-editor"] .members li:first-child button:nth-of-type(2)']);
    await clickIn(page, [SCHEDULE, '[part~="save-rotation"]']);
    await until(
      async () => {
        const [row] = await stack.server.db.query<{ version: number; members: string[] }>(
          "select version, doc->'members' as members from rotations where agency_id = $1",
          [stack.people.agency],
        );
        return row?.version === 2 && row.members[0] === primary;
      },
      30_000,
      'the changed rotation in storage',
    );
    // The supervisor puts the backup peer on as primary for tomorrow afternoon, by the form.
    const local = (offsetHours: number) => {
      const at = new Date(Date.now() + offsetHours * 3_600_000);
      at.setMinutes(0, 0, 0);
      // datetime-local in the agency's zone (America/Chicago in the test program).
      const { date, minutes } = localTime(at, 'America/Chicago');
      const twoDigits = (value: number) => String(value).padStart(2, '0');
      return `${date}T${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}`;
    };
    await fillIn(page, [SCHEDULE, '#override-specialistId'], backup);
    if (await existsIn(page, [SCHEDULE, '#override-area'])) await fillIn(page, [SCHEDULE, '#override-area'], 'county');
    await fillIn(page, [SCHEDULE, '#override-position'], 'primary');
    await fillIn(page, [SCHEDULE, '#override-startsAt'], local(30));
    await fillIn(page, [SCHEDULE, '#override-endsAt'], local(34));
    await clickIn(page, [SCHEDULE, '[part~="save-override"]']);
    await until(
      async () =>
        (
          await stack.server.db.query('select 1 from schedule_overrides where agency_id = $1 and specialist_id = $2', [
            stack.people.agency,
            backup,
          ])
        ).length === 1,
      30_000,
      'the override in storage',
    );
    // The test program's single shifts end tomorrow: after them the supervisor position is empty.
    await until(() => existsIn(page, [SCHEDULE, '[part~="gap"]']), 30_000, 'a gap in the schedule');
    const summary = await shadowText(page, [SCHEDULE, '[part~="summary"]']);
    assert.match(summary, /gap/i, `the gaps are said in words: ${summary}`);
  });

  it('puts a log the peer submits on the phone view in the review queue at once, and returns it with a comment', async () => {
    const page = desk.page;
    const { primary } = stack.people;
    const dispatch = await call<Dispatch>(stack, 'dispatcher', undefined, 'POST', '/v1/dispatches', {
      callForService: newCall('CONSOLE'),
    });
    const checkIn = { name: 'Det. A. Rivera', role: 'law-enforcement', agencyName: 'County Sheriff' };
    for (const to of ['acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged', 'cleared']) {
      await call(stack, 'specialist', primary, 'POST', `/v1/dispatches/${dispatch.id}/transitions`, {
        to,
        ...(to === 'checked-in' ? { checkIn } : {}),
      });
    }
    const itemsBefore = await page.evaluate(
      (tag: string) => document.querySelector(tag)?.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0,
      QUEUE,
    );

    // The peer's phone: the card of the cleared call-out, and its log form.
    const phone = await watchPage(stack.browser);
    await phone.page.setViewport({ width: 390, height: 844, isMobile: true });
    await phone.page.goto(`${stack.host.url}/responder/?dispatch=${dispatch.id}&specialist=${primary}`, {
      waitUntil: 'load',
    });
    await until(() => existsIn(phone.page, [FORM, '[data-path="narrative"]']), 30_000, 'the log form on the phone');
    const fill = (path: string, value: string) => fillIn(phone.page, [FORM, `[data-path="${path}"]`], value);
    await fill('sceneType', 'private-residence');
    await phone.page.evaluate((tag: string) => {
      const add = [...(document.querySelector(tag)?.shadowRoot?.querySelectorAll('button') ?? [])].find(
        (button) => button.textContent.replace(/\s+/g, ' ').trim() === 'Add a group of people',
      );
      add?.click();
    }, FORM);
    await until(() => existsIn(phone.page, [FORM, '[data-path="peopleServed.0.role"]']), 15_000, 'a group of people');
    await fill('peopleServed.0.role', 'family-member');
    await fill('peopleServed.0.ageBand', '26-40');
    await fill('peopleServed.0.count', '2');
    await fill('outcome', 'services-accepted');
    await fill('narrative', 'Offered support and information; they accepted a ride to treatment.');
    await clickIn(phone.page, [FORM, '[part~="submit"]']);

    await until(
      async () =>
        (await page.evaluate(
          (tag: string) => document.querySelector(tag)?.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0,
          QUEUE,
        )) > itemsBefore,
      30_000,
      'the submitted log in the supervisor’s queue',
    );
    const listed = await shadowText(page, [QUEUE, '[part~="list"]']);
    assert.ok(!listed.includes('ride to treatment'), 'no narrative in the queue');
    assert.deepEqual(await phone.violations(), [], 'no CSP violation on the phone');
    await phone.page.close();

    // Oldest first: this test's log is the only one, so the first item.
    await clickIn(page, [QUEUE, '[part~="item"] [part~="open"]']);
    await until(() => existsIn(page, [QUEUE, FORM, '#review-comment']), 30_000, 'the log in review mode');
    await fillIn(page, [QUEUE, FORM, '#review-comment'], 'Please add who drove them to treatment.');
    await clickIn(page, [QUEUE, FORM, '[part~="return"]']);
    await until(
      async () => {
        const [row] = await stack.server.db.query<{ status: CalloutLog['status'] }>(
          'select status from callout_logs where dispatch_id = $1',
          [dispatch.id],
        );
        return row?.status === 'returned';
      },
      30_000,
      'the log returned in storage',
    );
  });

  it('imports an HSDS file after its dry run, with a progress bar', async () => {
    const page = desk.page;
    const file = join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify(Array.from({ length: 200 }, (_, n) => hsdsService(n))));
    await choose(page, DIRECTORY, '#file', file);
    await until(
      () => existsIn(page, [DIRECTORY, '[part~="import"]']),
      60_000,
      'the dry run and its import button',
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; the element shows: ${await shadowText(page, [DIRECTORY])}`);
    });
    const counts = await shadowText(page, [DIRECTORY, '[part~="counts"]']);
    assert.match(counts, /200/, `the dry run counts the records: ${counts}`);
    assert.equal(
      (await stack.server.db.query('select 1 from resources where agency_id = $1', [stack.people.agency])).length,
      0,
      'the dry run wrote nothing',
    );
    // The bar may come and go between two polls from here: the page notes whether it ever showed.
    await page.evaluate((tag: string) => {
      const seen = window as unknown as { __progressShown?: boolean };
      const timer = setInterval(() => {
        if (document.querySelector(tag)?.shadowRoot?.querySelector('[part~="progress"]')) {
          seen.__progressShown = true;
          clearInterval(timer);
        }
      }, 5);
    }, DIRECTORY);
    await clickIn(page, [DIRECTORY, '[part~="import"]']);
    await until(() => existsIn(page, [DIRECTORY, '[part~="outcome"]']), 120_000, 'the import’s outcome');
    assert.ok(
      await page.evaluate(() => (window as unknown as { __progressShown?: boolean }).__progressShown === true),
      'a progress bar while it ran',
    );
    assert.equal(
      (await stack.server.db.query('select 1 from resources where agency_id = $1', [stack.people.agency])).length,
      200,
    );
  });

  it('shows the program’s report to its supervisor: each section a chart with its table and a sentence', async () => {
    const page = desk.page;
    // The report was read when the page opened, before this run's call-out: asked by month, it reads again.
    await page.evaluate((tag: string) => {
      const report = document.querySelector<HTMLElement & { period: string }>(tag);
      if (report) report.period = 'month';
    }, REPORT);
    await until(() => existsIn(page, [REPORT, '[part~="section"]']), 60_000, 'the report’s sections').catch(
      async (error: unknown) => {
        throw new Error(`${String(error)}; the report shows: ${await shadowText(page, [REPORT])}`);
      },
    );
    const sections = await page.evaluate(
      (tag: string) =>
        [...(document.querySelector(tag)?.shadowRoot?.querySelectorAll('[part~="section"]') ?? [])].map((section) => ({
          chart: section.querySelector('[part~="chart"]') !== null,
          table: section.querySelector('[part~="table"]') !== null,
          summary: (section.querySelector('[part~="summary"]')?.textContent ?? '').trim().length > 0,
        })),
      REPORT,
    );
    assert.ok(sections.length >= 4, `the report's sections: ${JSON.stringify(sections)}`);
    for (const section of sections) assert.deepEqual(section, { chart: true, table: true, summary: true });
  });

  it('ran under the strict CSP with no violation, no page error and no failed request', async () => {
    assert.deepEqual(await desk.violations(), [], 'CSP violations');
    assert.deepEqual(desk.errors, [], 'page errors');
    // The refusals the steps asked for: the roster's dry run with a bad row answers 400 with its report;
    // the directory import's progress is asked for by the id the element chose, which answers 404
    // until the service has started that import.
    const unexpected = desk.failed
      .map((line) => line.replace(/^(\d+) https?:\/\/[^/]+/, '$1 '))
      .filter((line) => !/^404 \/v1\/directory\/imports\/[0-9a-f-]{36}$/.test(line));
    assert.deepEqual(unexpected, ['400 /v1/specialists/import?dryRun=true'], 'failed requests');
  });
});
