// HSDS 3.0 conformance of the directory's import and export endpoints: times written with an
// offset, language codes, and 24-hour opening (the SDK's fromHsds and toHsds, as the server runs them).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import type { DirectoryImport, Resource } from '@peerlink/sdk';
import type { Storage } from './harness.js';
import { harnessFor, ids, storages } from './harness.js';
import { hsdsService } from './hsds-services.js';

type Json = Record<string, unknown>;

async function asSupervisor(t: TestContext, storage: Storage) {
  const h = await harnessFor(t, storage);
  return { h, supervisor: await h.token('supervisor', { subjectId: ids.supervisor }) };
}

/** Service `n` of the test feed with its one schedule row replaced. */
function withSchedule(n: number, schedule: Json): Json {
  const service = hsdsService(n);
  const [sal] = service.service_at_locations as Json[];
  assert.ok(sal);
  const [row] = sal.schedules as Json[];
  sal.schedules = [{ id: row?.id, ...schedule }];
  return service;
}

for (const storage of await storages()) {
  describe(`HSDS 3.0 times, languages and 24-hour opening through the directory on ${storage}`, () => {
    it('reads hours written in UTC in the agency zone, and reports that they were converted', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const service = withSchedule(40, { freq: 'WEEKLY', byday: 'MO', opens_at: '14:00Z', closes_at: '22:00Z' });
      const job = (await h.call('POST', '/v1/directory/imports', { token: supervisor, body: [service] }))
        .body as DirectoryImport;
      assert.equal(job.counts.created, 1, JSON.stringify(job.records));
      const [record] = job.records;
      assert.ok(record?.resourceId);
      const warning = record.warnings?.find((found) => found.code === 'converted_time');
      assert.equal(warning?.path, '0.service_at_locations.0.schedules.0', JSON.stringify(record.warnings));
      const resource = (await h.call('GET', `/v1/resources/${record.resourceId}`, { token: supervisor }))
        .body as Resource;
      // The import reads the clock: 14:00 UTC is 09:00 in Chicago while it is UTC-5, 08:00 while UTC-6.
      const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', timeZoneName: 'shortOffset' })
        .formatToParts(new Date())
        .find((part) => part.type === 'timeZoneName')?.value;
      const [opensAt, closesAt] = offset === 'GMT-5' ? ['09:00', '17:00'] : ['08:00', '16:00'];
      assert.deepEqual(resource.schedule, {
        timeZone: 'America/Chicago',
        rules: [{ byDay: ['MO'], opensAt, closesAt }],
      });
    });

    it('moves the days of hours that cross midnight, and reads a stated offset of the zone as written', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const late = withSchedule(41, { byday: 'TU', opens_at: '03:00Z', closes_at: '05:00Z', timezone: -5 });
      const local = withSchedule(42, { byday: 'TU', opens_at: '09:00-05:00', closes_at: '17:00-05:00', timezone: -6 });
      const job = (await h.call('POST', '/v1/directory/imports', { token: supervisor, body: [late, local] }))
        .body as DirectoryImport;
      assert.equal(job.counts.created, 2, JSON.stringify(job.records));
      const schedules = [];
      for (const record of job.records) {
        const resource = (await h.call('GET', `/v1/resources/${String(record.resourceId)}`, { token: supervisor }))
          .body as Resource;
        schedules.push(resource.schedule);
      }
      // 03:00 UTC on Tuesday at the row's UTC-5 is 22:00 on Monday in Chicago.
      assert.deepEqual(schedules, [
        { timeZone: 'America/Chicago', rules: [{ byDay: ['MO'], opensAt: '22:00', closesAt: '00:00' }] },
        { timeZone: 'America/Chicago', rules: [{ byDay: ['TU'], opensAt: '09:00', closesAt: '17:00' }] },
      ]);
      assert.match(
        job.records[0]?.warnings?.find((found) => found.code === 'converted_time')?.message ?? '',
        /the days move with the hours/,
      );
      assert.ok(!job.records[1]?.warnings?.some((found) => found.code === 'converted_time'));
    });

    it('exports ISO 639 language codes and says 24-hour opening in words, and imports both back', async (t) => {
      const { h, supervisor } = await asSupervisor(t, storage);
      const languages = ['es-MX', 'zh-Hant', 'ase'];
      const changed = await h.call('PATCH', `/v1/resources/${ids.resource}`, {
        token: supervisor,
        body: { languages },
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      const exported = await h.call('GET', '/v1/directory/export', { token: supervisor });
      assert.equal(exported.status, 200);
      const page = exported.body as { contents: Json[] };
      const service = page.contents.find((found) => found.name === 'Riverside Withdrawal Management');
      assert.ok(service);
      const rows = service.languages as { code: string; name?: string; attributes?: { value?: string }[] }[];
      assert.deepEqual(
        rows.map((row) => [row.code, row.attributes?.map((attribute) => attribute.value)]),
        [
          ['es', ['es-MX']],
          ['zh', ['zh-Hant']],
          ['ase', undefined],
        ],
      );
      const [sal] = service.service_at_locations as Json[];
      const [open] = (sal?.schedules ?? []) as Json[];
      assert.deepEqual(
        [open?.byday, open?.opens_at, open?.closes_at, open?.description],
        ['MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59', 'Open 24 hours a day, 7 days a week.'],
      );
      const back = (await h.call('POST', '/v1/directory/imports', { token: supervisor, body: [service] }))
        .body as DirectoryImport;
      assert.equal(back.counts.error, 0, JSON.stringify(back.records));
      const [record] = back.records;
      assert.equal(record?.warnings, undefined);
      const again = (await h.call('GET', `/v1/resources/${String(record?.resourceId)}`, { token: supervisor }))
        .body as Resource;
      assert.deepEqual(again.languages, languages);
      assert.deepEqual(again.schedule, { timeZone: 'America/Chicago', open24x7: true, rules: [] });
    });
  });
}
