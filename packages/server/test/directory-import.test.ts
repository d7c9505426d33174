import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import type { AuditEvent, DirectoryImport, Dispatch, Resource, ResourceSearchResult } from '@peerlink/sdk';
import type { Harness, Storage } from './harness.js';
import { harnessFor, ids, incident, storages } from './harness.js';
import { hsdsFeed, hsdsService } from './hsds-services.js';

const importPath = (query = '') => `/v1/directory/imports${query}`;

async function importAs(h: Harness, token: string, body: unknown, query = '') {
  return h.call('POST', importPath(query), { token, body });
}

/** An upload the test writes piece by piece (`null` ends it), to read and cancel the job while it runs. */
function streamedUpload(h: Harness, token: string, id: string) {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(opened) {
      controller = opened;
    },
  });
  const send = (text: string | null) => {
    if (text === null) controller?.close();
    else controller?.enqueue(encoder.encode(text));
  };
  const upload = fetch(`${h.server.url}${importPath(`?id=${id}`)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit);
  return { send, upload };
}

/** The job once it has checked `count` records, read while its upload runs (undefined if it never does). */
async function processedAtLeast(h: Harness, token: string, id: string, count: number) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const progress = await h.call('GET', `/v1/directory/imports/${id}`, { token });
    if (progress.status === 200 && (progress.body as DirectoryImport).processed >= count) {
      return progress.body as DirectoryImport;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}

/**
 * Services in an upload large enough that its write phase spans many staged batches (500 each), so
 * the test reads progress and other records during it however fast the machine is.
 */
const largeImport = 10_000;

/** Uploads `count` services in one request, as a feed would. */
function uploadFeed(h: Harness, token: string, id: string, count: number) {
  return fetch(`${h.server.url}${importPath(`?id=${id}`)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: [...hsdsFeed(count)].join(''),
  });
}

/** The job read once it has left validating: writing, or already ended (then the test says so). */
async function writingJob(h: Harness, token: string, id: string) {
  for (let attempt = 0; attempt < 5000; attempt++) {
    const progress = await h.call('GET', `/v1/directory/imports/${id}`, { token });
    const job = progress.body as DirectoryImport;
    if (progress.status === 200 && job.status !== 'queued' && job.status !== 'validating') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`import ${id} never left validating`);
}

/** A harness on this storage, and a token for the own agency's supervisor. */
async function asSupervisor(t: TestContext, storage: Storage) {
  const h = await harnessFor(t, storage);
  return { h, supervisor: await h.token('supervisor', { subjectId: ids.supervisor }) };
}

/** Streams an import of these services with the list left open; `seen` is its progress once all were processed. */
async function runningImport(h: Harness, token: string, services: number[]) {
  const id = randomUUID();
  const { send, upload } = streamedUpload(h, token, id);
  send(`[${services.map((n) => JSON.stringify(hsdsService(n))).join(',')},`);
  return { id, send, upload, seen: await processedAtLeast(h, token, id, services.length) };
}

const names = (result: unknown) => (result as ResourceSearchResult).items.map((hit) => hit.resource.name);

for (const storage of await storages()) {
  describe(`directory management on ${storage}`, () => {
    it('imports HSDS as an upsert by id: a second import updates, keeps ids, and reports each record', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const first = await importAs(h, supervisor, [hsdsService(1), hsdsService(2)]);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const job = first.body as DirectoryImport;
      assert.equal(job.status, 'done');
      assert.deepEqual(job.counts, { created: 2, updated: 0, unchanged: 0, error: 0 });
      const [one, two] = job.records.map((record) => record.resourceId);
      assert.ok(one && two);

      const second = await importAs(h, supervisor, {
        contents: [hsdsService(1, { name: 'Detox service 1 (renamed)' }), hsdsService(2), hsdsService(3)],
      });
      const again = second.body as DirectoryImport;
      assert.deepEqual(again.counts, { created: 1, updated: 1, unchanged: 1, error: 0 });
      assert.deepEqual(
        again.records.map((record) => [
          record.path,
          record.outcome,
          record.resourceId === one || record.resourceId === two,
        ]),
        [
          ['contents.0', 'updated', true],
          ['contents.1', 'unchanged', true],
          ['contents.2', 'created', false],
        ],
      );
      const read = await h.call('GET', `/v1/resources/${one}`, { token: supervisor });
      assert.equal((read.body as Resource).name, 'Detox service 1 (renamed)');
      const status = await h.call('GET', `/v1/directory/imports/${again.id}`, { token: supervisor });
      assert.equal((status.body as DirectoryImport).records.length, 3);
      const trail = await h.call('GET', '/v1/audit?recordType=resource', { token: supervisor });
      assert.ok((trail.body as { items: AuditEvent[] }).items.some((event) => event.action === 'import'));
    });

    it('writes nothing in a dry run, and nothing at all when one record among good ones is bad', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const dry = await importAs(h, supervisor, [hsdsService(10), hsdsService(11)], '?dryRun=true');
      assert.equal(dry.status, 200);
      const report = dry.body as DirectoryImport;
      assert.equal(report.dryRun, true);
      assert.deepEqual(report.counts, { created: 2, updated: 0, unchanged: 0, error: 0 });
      for (const record of report.records) {
        assert.ok(record.resourceId);
        assert.equal((await h.call('GET', `/v1/resources/${record.resourceId}`, { token: supervisor })).status, 404);
      }

      const bad = { ...hsdsService(13), name: '' };
      const refused = await importAs(h, supervisor, [hsdsService(12), bad, hsdsService(14)]);
      assert.equal(refused.status, 400);
      assert.match(refused.headers.get('content-type') ?? '', /problem\+json/);
      const problem = refused.body as { errors: { path: string }[]; detail: string };
      assert.deepEqual(
        problem.errors.map((error) => error.path),
        ['1.name'],
      );
      const search = await h.call('GET', '/v1/resources/search?q=service', { token: supervisor });
      assert.deepEqual(names(search.body), []);

      const dryBad = await importAs(h, supervisor, [hsdsService(12), bad], '?dryRun=true');
      const dryReport = dryBad.body as DirectoryImport;
      assert.equal(dryReport.status, 'failed');
      assert.deepEqual(
        dryReport.records.map((record) => [record.path, record.outcome]),
        [
          ['0', 'created'],
          ['1', 'error'],
        ],
      );

      const broken = await h.call('POST', importPath(), { token: supervisor, body: '[{"id": "x"' });
      assert.equal(broken.status, 400);
    });

    it('shows progress while the upload is still arriving', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const { id, send, upload, seen } = await runningImport(h, supervisor, [1, 2, 3]);
      assert.ok(seen, 'progress was readable while the upload ran');
      assert.equal(seen.status, 'validating');
      assert.equal(seen.total, null);
      send(`${JSON.stringify(hsdsService(4))}]`);
      send(null);
      const done = (await (await upload).json()) as DirectoryImport;
      assert.equal(done.status, 'done');
      assert.equal(done.total, 4);
      assert.equal(done.written, 4);
      const other = await h.token('supervisor', { agency: 'other', subjectId: ids.other });
      assert.equal((await h.call('GET', `/v1/directory/imports/${id}`, { token: other })).status, 404);
    });

    it('cancels a running import: nothing written, status cancelled, an ended import refused', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const { id, send, upload, seen } = await runningImport(h, supervisor, [41, 42, 43]);
      assert.ok(seen, 'the import was running');
      const other = await h.token('supervisor', { agency: 'other', subjectId: ids.other });
      const cancelPath = `/v1/directory/imports/${id}/cancel`;
      assert.equal((await h.call('POST', cancelPath, { token: other, body: {} })).status, 404);
      const cancelled = await h.call('POST', cancelPath, { token: supervisor, body: {} });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.equal((cancelled.body as DirectoryImport).status, 'cancelled');
      send(`${JSON.stringify(hsdsService(44))}]`);
      send(null);
      const answer = await upload;
      assert.equal(answer.status, 409);
      assert.match(((await answer.json()) as { detail: string }).detail, /cancelled/);
      const read = (await h.call('GET', `/v1/directory/imports/${id}`, { token: supervisor })).body as DirectoryImport;
      assert.equal(read.status, 'cancelled');
      assert.ok(read.finishedAt);
      const search = await h.call('GET', '/v1/resources/search?q=service', { token: supervisor });
      assert.deepEqual(names(search.body), [], 'nothing was written');
      const again = await h.call('POST', cancelPath, { token: supervisor, body: {} });
      assert.equal(again.status, 200, 'cancelling a cancelled import answers it again');

      const done = (await importAs(h, supervisor, [hsdsService(45)])).body as DirectoryImport;
      const late = await h.call('POST', `/v1/directory/imports/${done.id}/cancel`, { token: supervisor, body: {} });
      assert.equal(late.status, 409);
      assert.equal(
        (await h.call('POST', `/v1/directory/imports/${randomUUID()}/cancel`, { token: supervisor, body: {} })).status,
        404,
      );
    });

    it('answers progress and other requests while a large import writes, then holds every resource', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const dispatch = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() }))
        .body as Dispatch;
      const id = randomUUID();
      const upload = uploadFeed(h, supervisor, id, largeImport);
      let job = await writingJob(h, supervisor, id);
      assert.equal(job.status, 'writing', `the import was read while it wrote (read ${job.status})`);
      assert.equal(job.total, largeImport);
      // Each round reads a dispatch card, then the progress: a progress read still writing proves the card was answered meanwhile.
      const written = [job.written];
      let cardsAnswered = 0;
      for (;;) {
        const card = await h.call('GET', `/v1/dispatches/${dispatch.id}`, { token: dispatcher });
        assert.equal(card.status, 200);
        job = (await h.call('GET', `/v1/directory/imports/${id}`, { token: supervisor })).body as DirectoryImport;
        if (job.status !== 'writing') break;
        cardsAnswered += 1;
        written.push(job.written);
      }
      assert.ok(cardsAnswered > 0, 'a dispatch card was answered while the import wrote');
      assert.ok(
        (written.at(-1) ?? 0) > (written[0] ?? 0),
        `written rose while the import wrote: ${written.join(', ')}`,
      );
      assert.deepEqual(
        written,
        [...written].sort((a, b) => a - b),
        'written never goes back',
      );

      const answer = await upload;
      assert.equal(answer.status, 200);
      const done = (await answer.json()) as DirectoryImport;
      assert.equal(done.status, 'done');
      assert.equal(done.written, largeImport);
      assert.deepEqual(done.counts, { created: largeImport, updated: 0, unchanged: 0, error: 0 });
      const exported = (await h.call('GET', '/v1/directory/export', { token: supervisor })).body as {
        contents: unknown[];
      };
      assert.equal(exported.contents.length, largeImport + 1, 'every imported resource, and the one the program had');
    });

    it('cancelled while it writes, a large import leaves no resource written', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const id = randomUUID();
      const upload = uploadFeed(h, supervisor, id, largeImport);
      const job = await writingJob(h, supervisor, id);
      assert.equal(job.status, 'writing', `the import was read while it wrote (read ${job.status})`);
      const cancelled = await h.call('POST', `/v1/directory/imports/${id}/cancel`, { token: supervisor, body: {} });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      const answer = await upload;
      assert.equal(answer.status, 409);
      const read = (await h.call('GET', `/v1/directory/imports/${id}`, { token: supervisor })).body as DirectoryImport;
      assert.equal(read.status, 'cancelled');
      const search = await h.call('GET', '/v1/resources/search?q=service', { token: supervisor });
      assert.deepEqual(names(search.body), [], 'nothing was written');
      const exported = (await h.call('GET', '/v1/directory/export', { token: supervisor })).body as {
        contents: unknown[];
      };
      assert.equal(exported.contents.length, 1, 'only the resource the program had before');

      // The same services imported afterwards are all created: the cancelled import left nothing behind.
      const after = (
        await importAs(
          h,
          supervisor,
          [...Array(3).keys()].map((n) => hsdsService(n)),
        )
      ).body as DirectoryImport;
      assert.deepEqual(after.counts, { created: 3, updated: 0, unchanged: 0, error: 0 });
    });

    it('exports HSDS 3.0 that imports back onto the same resources', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const first = (await importAs(h, supervisor, [hsdsService(20), hsdsService(21)])).body as DirectoryImport;
      const exported = await h.call('GET', '/v1/directory/export', { token: supervisor });
      assert.equal(exported.status, 200);
      const page = exported.body as { contents: { id: string; name: string }[] };
      const imported = page.contents.filter((service) => service.name.includes('service 2'));
      assert.equal(imported.length, 2);
      const back = (await importAs(h, supervisor, { contents: imported })).body as DirectoryImport;
      assert.equal(back.counts.error, 0);
      assert.equal(back.counts.created, 0);
      assert.deepEqual(
        back.records.map((record) => record.resourceId).sort(),
        first.records.map((record) => record.resourceId).sort(),
      );
      const other = await h.token('supervisor', { agency: 'other', subjectId: ids.other });
      const theirs = (await h.call('GET', '/v1/directory/export', { token: other })).body as typeof page;
      assert.ok(theirs.contents.every((service) => !service.name.includes('service 2')));
    });

    it('reads a UTC-offset schedule in the agency time zone', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const job = (
        await importAs(h, supervisor, [
          hsdsService(30, { timezone: -5 }),
          hsdsService(31, { timezone: '-06:00' }),
          hsdsService(32, { timezone: 3 }),
        ])
      ).body as DirectoryImport;
      const zones = [];
      for (const record of job.records) {
        const resource = (await h.call('GET', `/v1/resources/${String(record.resourceId)}`, { token: supervisor }))
          .body as Resource;
        zones.push(resource.schedule?.timeZone);
      }
      // The harness agency is in America/Chicago (UTC-5 in summer, UTC-6 in winter); +3 is never Chicago.
      assert.deepEqual(zones, ['America/Chicago', 'America/Chicago', 'Etc/GMT-3']);
    });

    it('changes and deactivates a resource: hidden from search, still readable, audited by field name', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const specialist = await h.token('specialist', { subjectId: ids.primary });
      const changed = await h.call('PATCH', `/v1/resources/${ids.resource}`, {
        token: supervisor,
        body: { name: 'Riverside Withdrawal Management (North)', phone: '555-0100' },
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal((changed.body as Resource).name, 'Riverside Withdrawal Management (North)');
      const wrong = await h.call('PATCH', `/v1/resources/${ids.resource}`, {
        token: supervisor,
        body: { categories: ['casino'] },
      });
      assert.equal(wrong.status, 400);
      assert.equal((wrong.body as { errors: { path: string }[] }).errors[0]?.path, 'categories.0');
      const trail = (await h.call('GET', `/v1/audit?recordId=${ids.resource}`, { token: supervisor })).body as {
        items: AuditEvent[];
      };
      const update = trail.items.find((event) => event.action === 'update');
      assert.deepEqual(update?.fields, ['name', 'phone']);
      assert.ok(!JSON.stringify(trail).includes('555-0100'));

      assert.deepEqual(names((await h.call('GET', '/v1/resources/search?q=riverside', { token: specialist })).body), [
        'Riverside Withdrawal Management (North)',
      ]);
      const off = await h.call('POST', `/v1/resources/${ids.resource}/deactivate`, { token: supervisor, body: {} });
      assert.equal(off.status, 200);
      assert.equal((off.body as Resource).active, false);
      assert.deepEqual(
        names((await h.call('GET', '/v1/resources/search?q=riverside', { token: specialist })).body),
        [],
      );
      const kept = await h.call('GET', `/v1/resources/${ids.resource}`, { token: specialist });
      assert.equal(kept.status, 200);
      const exported = (await h.call('GET', '/v1/directory/export', { token: supervisor })).body as {
        contents: unknown[];
      };
      assert.equal(exported.contents.length, 0);

      const other = await h.token('supervisor', { agency: 'other', subjectId: ids.other });
      for (const [method, path, body] of [
        ['PATCH', `/v1/resources/${ids.resource}`, { name: 'Taken over' }],
        ['POST', `/v1/resources/${ids.resource}/deactivate`, {}],
        ['POST', `/v1/resources/${ids.resource}/capacity`, { openBeds: 1 }],
      ] as const) {
        assert.equal((await h.call(method, path, { token: other, body })).status, 404, `${method} ${path}`);
      }
    });

    it('takes capacity from a supervisor, shown with its time, and refuses a key not made for the resource', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const reported = await h.call('POST', `/v1/resources/${ids.resource}/capacity`, {
        token: supervisor,
        body: { openBeds: 3, openSlots: 1, waitDays: 2, acceptingNewClients: true },
      });
      assert.equal(reported.status, 200, JSON.stringify(reported.body));
      const { capacity } = reported.body as Resource;
      assert.equal(capacity?.available, 4);
      assert.equal(capacity.waitDays, 2);
      assert.ok(capacity.updatedAt);
      const full = await h.call('POST', `/v1/resources/${ids.resource}/capacity`, {
        token: supervisor,
        body: { acceptingNewClients: false },
      });
      assert.equal((full.body as Resource).capacity?.available, 0);
      assert.equal((full.body as Resource).capacity?.openBeds, 3);
      const hits = (await h.call('GET', '/v1/resources/search?q=riverside', { token: supervisor }))
        .body as ResourceSearchResult;
      assert.equal(hits.items[0]?.resource.capacity?.acceptingNewClients, false);
      const empty = await h.call('POST', `/v1/resources/${ids.resource}/capacity`, { token: supervisor, body: {} });
      assert.equal(empty.status, 400);
      const negative = await h.call('POST', `/v1/resources/${ids.resource}/capacity`, {
        token: supervisor,
        body: { openBeds: -1 },
      });
      assert.deepEqual(
        (negative.body as { errors: { path: string }[] }).errors.map((error) => error.path),
        ['openBeds'],
      );

      // An agency key is not a provider's key; another agency's key is not either.
      for (const key of [h.apiKey, h.otherApiKey]) {
        const refused = await h.call('POST', `/v1/provider/resources/${ids.resource}/capacity`, {
          token: key,
          body: { openBeds: 9 },
        });
        assert.equal(refused.status, 403);
      }
      assert.equal(
        (await h.call('POST', `/v1/provider/resources/${ids.resource}/capacity`, { body: { openBeds: 9 } })).status,
        401,
      );
      const after = (await h.call('GET', `/v1/resources/${ids.resource}`, { token: supervisor })).body as Resource;
      assert.equal(after.capacity?.openBeds, 3);
    });
  });
}
