// Call-out logs through the HTTP API of the real service: personal information checked on
// submit, the investigator note's readers (HTTP and the event stream), and the review history.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent, CalloutLog, Dispatch, PeerEvent, Problem } from '@peerlink/sdk';
import { detectPii, findingKey, redactPii } from '@peerlink/sdk';
import { completeLog } from './fixtures.js';
import type { Harness } from './harness.js';
import { harnessFor, ids, incident, storages } from './harness.js';
import { readEvents } from './sse.js';

const narrative =
  'Her name is Maria Lopez; she asked us to call (217) 555-0143 tomorrow. Offered support after check-in.';
const plan = 'Call her back at 217-555-0199 on Monday with the meeting list.';
const note = 'Witness Jane Roe described a silver sedan, plate ABC-1234, leaving before police arrived.';

async function startLog(h: Harness, content: Record<string, unknown>) {
  const dispatcher = await h.token('dispatcher');
  const dispatch = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() })).body as Dispatch;
  const peer = await h.token('specialist', { subjectId: ids.primary });
  const created = await h.call('POST', '/v1/callout-logs', { token: peer, body: { dispatchId: dispatch.id, content } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
  return { log: created.body as CalloutLog, peer, supervisor, dispatcher, dispatch };
}

const keepAll = (field: 'narrative' | 'followUp.plan', text: string) =>
  detectPii(text).map((finding) => ({ field, key: findingKey(finding) }));

for (const storage of await storages()) {
  describe(`call-out logs on ${storage}`, () => {
    it('refuses to submit personal information that is neither redacted nor kept, and records what is kept', async (t) => {
      const h = await harnessFor(t, storage);
      const { log, peer, supervisor } = await startLog(h, {
        ...completeLog,
        narrative,
        followUp: { planned: true, date: '2026-11-24', plan },
        investigatorNote: note,
      });
      const path = `/v1/callout-logs/${log.id}`;

      const refused = await h.call('POST', `${path}/submit`, { token: peer, body: {} });
      assert.equal(refused.status, 422);
      assert.equal(refused.headers.get('content-type'), 'application/problem+json');
      const problem = refused.body as Problem;
      assert.equal(problem.type, '/problems/pii-unresolved');
      assert.deepEqual(
        problem.errors?.map((e) => [e.path, e.code]),
        [
          ['content.narrative', 'pii_unresolved'],
          ['content.followUp.plan', 'pii_unresolved'],
        ],
      );
      const [narrativeError, planError] = problem.errors ?? [];
      assert.match(narrativeError?.message ?? '', /person's name.*phone number|phone number.*person's name/);
      assert.match(planError?.message ?? '', /phone number/);
      // The answer names kinds, never the information itself; the investigator note is not checked.
      for (const secret of ['Maria', 'Lopez', '555-0143', '555-0199', 'Jane Roe', 'ABC-1234'])
        assert.ok(!JSON.stringify(problem).includes(secret), secret);

      // Nothing half-written: still a draft at the same version, no submission recorded.
      const unchanged = (await h.call('GET', path, { token: peer })).body as CalloutLog;
      assert.deepEqual(
        [unchanged.status, unchanged.version, unchanged.submissions, unchanged.piiKept, unchanged.submittedAt],
        ['draft', log.version, [], [], null],
      );

      // Keeping some findings leaves the others to resolve.
      const name = detectPii(narrative).find((finding) => finding.kind === 'person-name');
      assert.ok(name);
      const partly = await h.call('POST', `${path}/submit`, {
        token: peer,
        body: { keep: [{ field: 'narrative', key: findingKey(name) }] },
      });
      assert.equal(partly.status, 422);
      assert.deepEqual(
        (partly.body as Problem).errors?.map((e) => e.path),
        ['content.narrative', 'content.followUp.plan'],
      );
      assert.doesNotMatch((partly.body as Problem).errors?.[0]?.message ?? '', /name/);
      // A key kept in the wrong field does not count there.
      const wrongField = await h.call('POST', `${path}/submit`, {
        token: peer,
        body: { keep: [...keepAll('narrative', narrative), ...keepAll('narrative', plan)] },
      });
      assert.deepEqual(
        (wrongField.body as Problem).errors?.map((e) => e.path),
        ['content.followUp.plan'],
      );

      // Keep decisions are strict and bounded.
      const unknownKey = await h.call('POST', `${path}/submit`, {
        token: peer,
        body: { keep: [{ field: 'narrative', key: 'phone:1', why: 'x' }] },
      });
      assert.equal(unknownKey.status, 400);
      assert.deepEqual(
        (unknownKey.body as Problem).errors?.map((e) => e.path),
        ['keep.0.why'],
      );
      const badField = await h.call('POST', `${path}/submit`, {
        token: peer,
        body: { keep: [{ field: 'investigatorNote', key: 'phone:1' }] },
      });
      assert.deepEqual(
        (badField.body as Problem).errors?.map((e) => e.path),
        ['keep.0.field'],
      );
      const tooMany = await h.call('POST', `${path}/submit`, {
        token: peer,
        body: { keep: Array.from({ length: 201 }, (_, i) => ({ field: 'narrative', key: `phone:${String(i)}` })) },
      });
      assert.deepEqual(
        (tooMany.body as Problem).errors?.map((e) => e.path),
        ['keep'],
      );

      const keep = [
        ...keepAll('narrative', narrative),
        ...keepAll('followUp.plan', plan),
        { field: 'narrative', key: 'phone:0000000000' },
      ];
      const submitted = await h.call('POST', `${path}/submit`, { token: peer, body: { keep } });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      const asSupervisor = (await h.call('GET', path, { token: supervisor })).body as CalloutLog;
      assert.equal(asSupervisor.status, 'submitted');
      const texts = { narrative, 'followUp.plan': plan };
      assert.deepEqual(
        asSupervisor.piiKept.map((kept) => [
          kept.field,
          kept.kind,
          texts[kept.field].slice(kept.start, kept.end),
          kept.key,
        ]),
        [
          ['narrative', 'person-name', 'Maria Lopez', 'person-name:maria lopez'],
          ['narrative', 'phone', '(217) 555-0143', 'phone:2175550143'],
          ['followUp.plan', 'phone', '217-555-0199', 'phone:2175550199'],
        ],
        'what was kept, where; a key that matched nothing is not recorded',
      );
      assert.deepEqual(asSupervisor.submissions, [
        { version: log.version + 1, at: asSupervisor.submittedAt, piiKept: asSupervisor.piiKept },
      ]);

      // The investigator reads neither the narrative nor the kept keys (they hold its text).
      const investigator = (await h.call('GET', path, { token: await h.token('investigator') })).body as CalloutLog;
      assert.equal(investigator.content.narrative, undefined);
      assert.deepEqual(investigator.piiKept, []);
      assert.ok(!JSON.stringify(investigator).includes('Maria'));

      const audit = (await h.call('GET', `/v1/audit?recordId=${log.id}`, { token: supervisor })).body as {
        items: AuditEvent[];
      };
      const actions = audit.items.map((event) => event.action);
      assert.ok(actions.includes('keep-pii'), actions.join(', '));
      assert.equal(
        actions.filter((action) => action === 'transition').length,
        1,
        'refused submits left no trace but the reads',
      );
    });

    it('submits a log without personal information as it is, and a redacted one too', async (t) => {
      const h = await harnessFor(t, storage);
      const redacted = redactPii(narrative, detectPii(narrative));
      assert.equal(
        redacted,
        'Her name is [person-name]; she asked us to call [phone] tomorrow. Offered support after check-in.',
      );
      const { log, peer } = await startLog(h, {
        ...completeLog,
        narrative: `On 3/14 we arrived at 14:32; Deputy advised us to wait. Left Narcan x2 with the family. ${redacted}`,
      });
      const submitted = await h.call('POST', `/v1/callout-logs/${log.id}/submit`, { token: peer, body: {} });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      assert.deepEqual((submitted.body as CalloutLog).piiKept, []);
      const audit = (
        await h.call('GET', `/v1/audit?recordId=${log.id}`, {
          token: await h.token('supervisor', { subjectId: ids.supervisor }),
        })
      ).body as { items: AuditEvent[] };
      assert.ok(!audit.items.some((event) => event.action === 'keep-pii'));
    });

    it('lists the review queue oldest first, page by page, and tells the supervisor live of each submit', async (t) => {
      const h = await harnessFor(t, storage);
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const stream = await readEvents(h.server.url, supervisor);
      t.after(() => {
        stream.close();
      });
      const submitted: string[] = [];
      for (let n = 0; n < 3; n++) {
        const { log, peer } = await startLog(h, { ...completeLog, narrative: `Queue narrative ${String(n)}.` });
        const answer = await h.call('POST', `/v1/callout-logs/${log.id}/submit`, { token: peer, body: {} });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        submitted.push(log.id);
        const event = await stream.next((e) => e.type === 'callout-log.updated' && e.data.status === 'submitted');
        assert.equal(event.data.id, log.id, 'the supervisor hears of the submit');
        assert.ok(!JSON.stringify(event).includes('Queue narrative'), 'the event carries no narrative');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const list = async (query: string) => {
        const answer = await h.call('GET', `/v1/callout-logs?${query}`, { token: supervisor });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        return answer.body as { items: CalloutLog[]; nextCursor: string | null };
      };
      const first = await list('status=submitted&order=oldest&limit=2');
      assert.deepEqual(
        first.items.map((log) => log.id),
        submitted.slice(0, 2),
      );
      assert.ok(first.nextCursor);
      const second = await list(`status=submitted&order=oldest&limit=2&cursor=${first.nextCursor}`);
      assert.deepEqual(
        second.items.map((log) => log.id),
        submitted.slice(2),
      );
      assert.equal(second.nextCursor, null);
      const newest = await list('status=submitted');
      assert.deepEqual(
        newest.items.map((log) => log.id),
        [...submitted].reverse(),
      );
      assert.equal((await h.call('GET', '/v1/callout-logs?order=sideways', { token: supervisor })).status, 400);
    });

    it('shows the investigator note to investigators and supervisors, to the author only before submitting, never in events', async (t) => {
      const h = await harnessFor(t, storage);
      const supervisorToken = await h.token('supervisor', { subjectId: ids.supervisor });
      const streams = {
        supervisor: await readEvents(h.server.url, supervisorToken),
        investigator: await readEvents(h.server.url, await h.token('investigator')),
        author: await readEvents(h.server.url, await h.token('specialist', { subjectId: ids.primary })),
        dispatcher: await readEvents(h.server.url, await h.token('dispatcher')),
        otherPeer: await readEvents(h.server.url, await h.token('specialist', { subjectId: ids.outsider })),
        courtStaff: await readEvents(h.server.url, await h.token('court-staff')),
      };
      t.after(() => {
        for (const stream of Object.values(streams)) stream.close();
      });
      const { log, peer, supervisor, dispatcher } = await startLog(h, { ...completeLog, investigatorNote: note });
      const path = `/v1/callout-logs/${log.id}`;
      const investigator = await h.token('investigator');
      const otherPeer = await h.token('specialist', { subjectId: ids.outsider });
      const noteOf = async (token: string) => {
        const read = await h.call('GET', path, { token });
        assert.equal(read.status, 200);
        return (read.body as CalloutLog).content.investigatorNote;
      };
      const listedNote = async (token: string) =>
        ((await h.call('GET', '/v1/callout-logs', { token })).body as { items: CalloutLog[] }).items.find(
          (l) => l.id === log.id,
        )?.content.investigatorNote;

      // Draft: the author reads what they wrote.
      assert.equal(log.content.investigatorNote, note);
      assert.equal(await noteOf(peer), note);
      const edited = await h.call('PATCH', path, {
        token: peer,
        body: { content: { ...completeLog, investigatorNote: `${note} Two people left on foot.` } },
      });
      assert.equal((edited.body as CalloutLog).content.investigatorNote, `${note} Two people left on foot.`);
      const restored = await h.call('PATCH', path, {
        token: peer,
        body: { content: { ...completeLog, investigatorNote: note } },
      });
      assert.equal(restored.status, 200);

      const submitted = await h.call('POST', `${path}/submit`, { token: peer, body: {} });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      assert.equal(
        (submitted.body as CalloutLog).content.investigatorNote,
        undefined,
        'not in the answer to the author',
      );
      assert.equal((submitted.body as CalloutLog).content.narrative, completeLog.narrative);

      // Submitted: investigators and supervisors only.
      assert.equal(await noteOf(investigator), note);
      assert.equal(await noteOf(supervisor), note);
      assert.equal(await noteOf(peer), undefined);
      assert.equal(await listedNote(investigator), note);
      assert.equal(await listedNote(supervisor), note);
      assert.equal(await listedNote(peer), undefined);
      assert.equal((await h.call('GET', path, { token: dispatcher })).status, 403);
      assert.equal((await h.call('GET', '/v1/callout-logs', { token: dispatcher })).status, 403);
      assert.equal((await h.call('GET', path, { token: otherPeer })).status, 404);
      assert.equal(await listedNote(otherPeer), undefined);
      for (const role of ['court-staff', 'clinician'] as const)
        assert.equal((await h.call('GET', path, { token: await h.token(role) })).status, 403, role);

      // Returned: the author edits without reading the note; leaving it out keeps it.
      const returned = await h.call('POST', `${path}/review`, {
        token: supervisor,
        body: { decision: 'return', comment: 'Add who you referred.' },
      });
      assert.equal(
        (returned.body as CalloutLog).content.investigatorNote,
        note,
        'the supervisor reads it in the answer',
      );
      assert.equal(await noteOf(peer), undefined);
      const { investigatorNote: _left, ...withoutNote } = completeLog;
      const kept = await h.call('PATCH', path, {
        token: peer,
        body: { content: { ...withoutNote, narrative: 'Offered support to the family; referred the son to detox.' } },
      });
      assert.equal(kept.status, 200, JSON.stringify(kept.body));
      assert.equal((kept.body as CalloutLog).content.investigatorNote, undefined);
      assert.equal(await noteOf(supervisor), note, 'kept though the author sent none');
      await h.call('PATCH', path, {
        token: peer,
        body: { content: { ...withoutNote, investigatorNote: 'Replaced by the author.' } },
      });
      assert.equal(await noteOf(investigator), 'Replaced by the author.');
      await h.call('PATCH', path, { token: peer, body: { content: { ...withoutNote, investigatorNote: '' } } });
      assert.equal(await noteOf(supervisor), undefined, 'an empty note removes it');

      // Events carry the status only; a dispatcher and an uninvolved peer get none about the log.
      await streams.supervisor.next((e) => e.type === 'callout-log.updated' && e.data.status === 'returned');
      await streams.author.next((e) => e.type === 'callout-log.updated' && e.data.status === 'returned');
      await streams.investigator.next((e) => e.type === 'callout-log.updated' && e.data.status === 'returned');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const about = (events: PeerEvent[]) =>
        events.filter((e) => e.type === 'callout-log.updated' && e.data.id === log.id);
      for (const [name, stream] of Object.entries(streams)) {
        const text = JSON.stringify(stream.received);
        for (const secret of ['Witness', 'Jane Roe', 'ABC-1234', 'Replaced by the author', completeLog.narrative])
          assert.ok(!text.includes(secret), `${name} stream carries "${secret}"`);
      }
      assert.ok(about(streams.supervisor.received).length >= 5);
      assert.deepEqual(about(streams.dispatcher.received), []);
      assert.deepEqual(about(streams.otherPeer.received), []);
      assert.deepEqual(about(streams.courtStaff.received), []);
    });

    it('keeps every submit, return and approval with versions; the author sees field comments', async (t) => {
      const h = await harnessFor(t, storage);
      const { log, peer, supervisor } = await startLog(h, { ...completeLog });
      const path = `/v1/callout-logs/${log.id}`;
      const review = (body: unknown, token = supervisor) => h.call('POST', `${path}/review`, { token, body });

      assert.equal((await review({ decision: 'approve' })).status, 409, 'a draft cannot be approved');
      assert.equal((await review({ decision: 'return', comment: 'x' })).status, 409, 'nor returned');
      assert.equal(
        (await h.call('POST', `${path}/submit`, { token: supervisor, body: {} })).status,
        403,
        'only the author submits',
      );

      const first = (await h.call('POST', `${path}/submit`, { token: peer, body: { expectedVersion: log.version } }))
        .body as CalloutLog;
      assert.equal(first.status, 'submitted');
      assert.equal(
        (await h.call('POST', `${path}/submit`, { token: peer, body: {} })).status,
        409,
        'already submitted',
      );
      assert.equal(
        (await h.call('PATCH', path, { token: peer, body: { content: completeLog } })).status,
        409,
        'a submitted log is not edited',
      );
      assert.equal((await review({ decision: 'approve' }, peer)).status, 403, 'the author does not review');

      const noComment = await review({ decision: 'return' });
      assert.equal(noComment.status, 400);
      assert.deepEqual(
        (noComment.body as Problem).errors?.map((e) => e.path),
        ['comment'],
      );
      const badPath = await review({ decision: 'return', fieldComments: [{ path: 'times.leftAt', comment: 'When?' }] });
      assert.deepEqual(
        (badPath.body as Problem).errors?.map((e) => e.path),
        ['fieldComments.0.path'],
      );
      const emptyComment = await review({ decision: 'return', fieldComments: [{ path: 'narrative', comment: ' ' }] });
      assert.deepEqual(
        (emptyComment.body as Problem).errors?.map((e) => e.path),
        ['fieldComments.0.comment'],
      );

      const fieldComments = [
        { path: 'times.arrivedAt', comment: 'Dispatch shows 14:32, not 14:31.' },
        { path: 'peopleServed.0.count', comment: 'Three family members, per the check-in.' },
        { path: 'narrative', comment: 'Say what you shared about detox.' },
      ];
      const returned = await review({ decision: 'return', fieldComments });
      assert.equal(returned.status, 200, JSON.stringify(returned.body));
      const seen = (await h.call('GET', path, { token: peer })).body as CalloutLog;
      assert.equal(seen.status, 'returned');
      assert.deepEqual(
        seen.reviews.map((r) => [r.decision, r.version, r.fieldComments]),
        [['return', first.version, fieldComments]],
      );
      const investigatorView = (await h.call('GET', path, { token: await h.token('investigator') })).body as CalloutLog;
      assert.deepEqual(
        investigatorView.reviews.map((r) => Object.keys(r).sort()),
        [['at', 'decision', 'reviewerId', 'version']],
        "reviewers' wording is not for investigators",
      );

      const stale = await h.call('PATCH', path, {
        token: peer,
        body: { content: completeLog, expectedVersion: first.version },
      });
      assert.equal(stale.status, 409, 'the return moved the version on');
      const updated = await h.call('PATCH', path, {
        token: peer,
        body: {
          content: {
            ...completeLog,
            times: { ...completeLog.times, arrivedAt: '2026-11-22T14:32:00Z' },
            peopleServed: [{ role: 'family-member', ageBand: '41-64', count: 3 }],
            narrative: 'Offered support after check-in and shared what detox intake is like.',
          },
          expectedVersion: seen.version,
        },
      });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      const second = (await h.call('POST', `${path}/submit`, { token: peer, body: {} })).body as CalloutLog;
      assert.equal(second.status, 'submitted');
      const approved = (await review({ decision: 'approve', comment: 'Thank you.' })).body as CalloutLog;
      assert.equal(approved.status, 'approved');

      assert.deepEqual(
        approved.submissions.map((s) => s.version),
        [first.version, second.version],
      );
      assert.deepEqual(
        approved.reviews.map((r) => [
          r.decision,
          r.version,
          r.comment ?? null,
          r.fieldComments?.length ?? 0,
          r.reviewerId,
        ]),
        [
          ['return', first.version, null, 3, ids.supervisor],
          ['approve', second.version, 'Thank you.', 0, ids.supervisor],
        ],
      );
      assert.ok(
        approved.submissions.every((s, i) => Date.parse(s.at) <= Date.parse(approved.reviews[i]?.at ?? '')),
        'each review follows its submission',
      );
      assert.equal(approved.version, second.version + 1);

      assert.equal((await review({ decision: 'return', comment: 'Again?' })).status, 409, 'an approved log is final');
      assert.equal((await h.call('POST', `${path}/submit`, { token: peer, body: {} })).status, 409);
      assert.equal((await h.call('PATCH', path, { token: peer, body: { content: completeLog } })).status, 409);
    });
  });
}
