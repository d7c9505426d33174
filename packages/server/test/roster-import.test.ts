import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { AuditEvent, Problem, RosterImportReport, Specialist } from '@peerlink/sdk';
import { PeerValidationError, createPeerlinkClient, createProgramClient } from '@peerlink/sdk';
import type { Harness } from './harness.js';
import { harnessFor, ids, storages } from './harness.js';

const sample = readFileSync(new URL('fixtures/roster.csv', import.meta.url), 'utf8');

async function importCsv(h: Harness, csv: string, dryRun: boolean) {
  const token = await h.token('supervisor', { subjectId: ids.supervisor });
  return h.call('POST', `/v1/specialists/import?dryRun=${String(dryRun)}`, { token, body: { csv } });
}

async function roster(h: Harness): Promise<Specialist[]> {
  const token = await h.token('supervisor', { subjectId: ids.supervisor });
  const result = await h.call('GET', '/v1/specialists?limit=200', { token });
  return (result.body as { items: Specialist[] }).items;
}

const header = 'name,phone,email,languages,roles,supervisor,area';

for (const storage of await storages()) {
  describe(`roster import on ${storage}`, () => {
    it('dry-runs the sample (BOM, CRLF, quotes) without writing, then imports it', async (t) => {
      const h = await harnessFor(t, storage);
      const before = (await roster(h)).length;
      const dry = await importCsv(h, sample, true);
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      const report = dry.body as RosterImportReport;
      assert.deepEqual(
        { dryRun: report.dryRun, created: report.created, updated: report.updated },
        { dryRun: true, created: 4, updated: 0 },
      );
      assert.deepEqual(
        report.lines.map((line) => line.line),
        [2, 3, 4, 5],
      );
      assert.equal((await roster(h)).length, before, 'a dry run writes nothing');

      const real = await importCsv(h, sample, false);
      assert.equal(real.status, 200, JSON.stringify(real.body));
      const people = await roster(h);
      assert.equal(people.length, before + 4);
      const byName = new Map(people.map((peer) => [peer.displayName, peer]));
      const riley = byName.get('Riley Example');
      const pat = byName.get('Pat "PJ" Demo');
      const casey = byName.get('Casey Fictional, Jr.');
      assert.ok(riley && pat && casey);
      assert.equal(riley.canSupervise, true);
      assert.deepEqual(riley.languages, ['en', 'es']);
      assert.deepEqual(pat.contacts, [
        { kind: 'sms', address: '+13125550103' },
        { kind: 'email', address: 'pat.demo@example.org' },
      ]);
      assert.equal(pat.supervisorId, riley.id, 'supervisor by e-mail');
      assert.equal(casey.supervisorId, riley.id, 'supervisor by name');
      assert.deepEqual(byName.get('Jo Sample')?.areas, ['county', 'north']);
      assert.deepEqual(casey.languages, ['en', 'ht']);

      const token = await h.token('supervisor', { subjectId: ids.supervisor });
      const trail = await h.call('GET', '/v1/audit?recordType=specialist', { token });
      const imports = (trail.body as { items: AuditEvent[] }).items.filter((event) => event.action === 'import');
      assert.equal(imports.length, 4);
      assert.doesNotMatch(JSON.stringify(trail.body), /\+1312|555-01|example\.org/);
    });

    it('names every bad row by line and column, and writes nothing when one row of many is bad', async (t) => {
      const h = await harnessFor(t, storage);
      const before = await roster(h);
      const csv = [
        header,
        'Good One,312 555 0111,good.one@example.org,en,crisis-interventionist,,county',
        'Bad Phone,555-01,bad.phone@example.org,en,crisis-interventionist,,county',
        'Bad Role,312 555 0113,bad.role@example.org,en,astronaut,,county',
        ',312 555 0114,,en,crisis-interventionist,,county',
        'Bad Area,312 555 0115,not-an-email,en,recovery-coach,Nobody Known,North Side',
        'Good Two,312 555 0116,good.two@example.org,en,recovery-coach,Morgan K.,county',
        'Twin,312 555 0111,twin@example.org,en,recovery-coach,,county',
      ].join('\n');
      for (const dryRun of [true, false]) {
        const result = await importCsv(h, csv, dryRun);
        assert.equal(result.status, 400, JSON.stringify(result.body));
        const problem = result.body as Problem;
        assert.deepEqual(
          problem.errors?.map((error) => error.path),
          [
            'line 3, column phone',
            'line 4, column roles',
            'line 5, column name',
            'line 6, column email',
            'line 6, column area',
            'line 6, column supervisor',
            'line 8, column phone',
          ],
        );
        // Numbers whole: the problem's random request id can hold four digits by chance.
        assert.doesNotMatch(
          JSON.stringify(problem),
          /555-01|555 ?0111|555 ?0114|not-an-email|Nobody Known/,
          'no values',
        );
      }
      assert.deepEqual(await roster(h), before, 'nothing half-written');
    });

    it('updates peers matched by e-mail or phone on re-import, and reports unchanged lines', async (t) => {
      const h = await harnessFor(t, storage);
      assert.equal((await importCsv(h, sample, false)).status, 200);
      const edited = sample
        .replace(
          'Jo Sample,312-555-0102,jo.sample@example.org,en,',
          'Jo Sample,312-555-0199,jo.sample@example.org,en;so,',
        )
        .replace('riley.example@example.org', 'riley.new@example.org');
      const again = await importCsv(h, edited, false);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      const report = again.body as RosterImportReport;
      assert.deepEqual(
        report.lines.map((line) => [line.line, line.outcome, line.fields ?? []]),
        [
          [2, 'updated', ['contacts']],
          [3, 'updated', ['languages', 'contacts']],
          [4, 'unchanged', []],
          [5, 'unchanged', []],
        ],
      );
      const people = await roster(h);
      assert.equal(people.filter((peer) => peer.displayName === 'Jo Sample').length, 1, 'no duplicate');
      // The harness's peers are matched too: their e-mail updates them.
      const existing = await importCsv(h, `${header}\nDana Renamed,,peer1@example.org,,,,\n`, false);
      assert.equal(existing.status, 200, JSON.stringify(existing.body));
      const line = (existing.body as RosterImportReport).lines[0];
      assert.equal(line?.specialistId, ids.primary);
      assert.deepEqual(line.fields, ['displayName']);
    });

    it('takes a roster larger than the service-wide body limit over HTTP (a program of 1,200 peers)', async (t) => {
      const h = await harnessFor(t, storage);
      const rows = Array.from(
        { length: 1200 },
        (_, i) => `Peer Number ${String(i)},,peer.${String(i)}@example.org,en;es,recovery-coach,,county`,
      );
      const csv = `${header}\n${rows.join('\n')}\n`;
      assert.ok(csv.length > 64 * 1024, 'larger than the general limit');
      const dry = await importCsv(h, csv, true);
      assert.equal(dry.status, 200, JSON.stringify(dry.body).slice(0, 300));
      assert.equal((dry.body as RosterImportReport).created, 1200);
    });

    it('refuses malformed files and bad headers with the line', async (t) => {
      const h = await harnessFor(t, storage);
      const unclosed = await importCsv(h, `${header}\n"Open quote,1,2,3,4,5,6\n`, true);
      assert.equal(unclosed.status, 400);
      assert.equal((unclosed.body as Problem).errors?.[0]?.path, 'line 2');
      const unknown = await importCsv(h, 'name,shoe size\nA,9\n', true);
      assert.equal(unknown.status, 400);
      assert.equal((unknown.body as Problem).errors?.[0]?.path, 'line 1, column shoe size');
      const noName = await importCsv(h, 'phone\n3125550100\n', true);
      assert.equal((noName.body as Problem).errors?.[0]?.path, 'line 1, column name');
      const extra = await importCsv(h, `${header}\nA,3125550100,,en,recovery-coach,,county,surplus\n`, true);
      assert.equal((extra.body as Problem).errors?.[0]?.path, 'line 2');
    });

    it('is for supervisors of the agency only', async (t) => {
      const h = await harnessFor(t, storage);
      for (const role of ['dispatcher', 'specialist', 'investigator', 'court-staff', 'clinician'] as const) {
        const token = await h.token(role, role === 'specialist' ? { subjectId: ids.primary } : {});
        const result = await h.call('POST', '/v1/specialists/import?dryRun=true', { token, body: { csv: sample } });
        assert.equal(result.status, 403, role);
      }
      // Another agency's supervisor imports into their own agency: our roster is untouched.
      const before = await roster(h);
      const other = await h.token('supervisor', { subjectId: ids.other, agency: 'other' });
      const result = await h.call('POST', '/v1/specialists/import?dryRun=false', {
        token: other,
        body: { csv: sample },
      });
      assert.equal(result.status, 200, JSON.stringify(result.body));
      assert.deepEqual(await roster(h), before);
    });

    it('works through the SDK: the roster, the import and its typed errors', async (t) => {
      const h = await harnessFor(t, storage);
      const client = createProgramClient({
        baseUrl: h.server.url,
        getToken: () => h.token('supervisor', { subjectId: ids.supervisor }),
      });
      const report = await client.roster.importRoster(sample, { dryRun: true });
      assert.equal(report.created, 4);
      const error = await client.roster.importRoster(`${header}\nNo Phone,12,,en,recovery-coach,,county\n`).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof PeerValidationError);
      assert.equal(
        error.fieldErrors['line 2, column phone'],
        'Expected a phone number with its country code, such as +1 312 555 0100',
      );
      const peer = await client.roster.create({ displayName: 'Sdk P.', roles: ['recovery-coach'] });
      const changed = await client.roster.update(peer.id, { areas: ['north'] });
      assert.deepEqual(changed.areas, ['north']);
      assert.equal((await client.roster.deactivate(peer.id)).active, false);
      assert.equal((await client.roster.reactivate(peer.id)).active, true);
      const page = await client.specialists.list({ area: 'north' });
      assert.deepEqual(
        page.items.map((item) => item.id),
        [peer.id],
      );
      assert.equal((await client.specialists.get(peer.id)).displayName, 'Sdk P.');
      const own = createPeerlinkClient({
        baseUrl: h.server.url,
        getToken: () => h.token('specialist', { subjectId: ids.primary }),
        offline: false,
      });
      const mine = await own.specialists.updateOwnContacts({ contacts: [{ kind: 'sms', address: '312.555.0177' }] });
      assert.deepEqual(mine.contacts, [{ kind: 'sms', address: '+13125550177' }]);
    });
  });
}
