import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Role } from '@peerlink/sdk';
import { Role as RoleSchema, defaultEscalationPolicy, endpoints } from '@peerlink/sdk';
import { completeLog, consent } from './fixtures.js';
import type { Harness } from './harness.js';
import { credentialRequest, harnessFor, ids, incident, rotationBody, storages } from './harness.js';
import { hsdsService } from './hsds-services.js';

type Target = 'own' | 'other';
interface Request {
  method: string;
  path: string;
  body?: unknown;
}
interface Case {
  op: string;
  /** Builds the request a role makes against a record of its own or the other agency. */
  request: (role: Role, target: Target) => Request | Promise<Request>;
  /** Expected status for an allowed role on its own agency's record. */
  own: (role: Role) => number;
  /** Expected status for an allowed role aimed at the other agency: 404 never leaks existence. */
  other: number | 'list';
}

const roles = RoleSchema.options;

function fixtures(h: Harness) {
  const tokens = new Map<string, Promise<string>>();
  const token = (role: Role, agency: Target) => {
    const key = `${role}:${agency}`;
    let found = tokens.get(key);
    if (!found) {
      const subjectId =
        agency === 'own'
          ? role === 'specialist'
            ? ids.primary
            : role === 'supervisor'
              ? ids.supervisor
              : undefined
          : role === 'specialist' || role === 'supervisor'
            ? ids.other
            : undefined;
      found = h.token(role, { agency, ...(subjectId ? { subjectId } : {}) });
      tokens.set(key, found);
    }
    return found;
  };
  const post = async (agency: Target, role: Role, path: string, body: unknown) => {
    const result = await h.call('POST', path, { token: await token(role, agency), body });
    if (result.status >= 300)
      throw new Error(`fixture ${path}: ${String(result.status)} ${JSON.stringify(result.body)}`);
    return (result.body as { id: string }).id;
  };
  const resource = (agency: Target) => (agency === 'own' ? ids.resource : ids.otherResource);
  const peer = (agency: Target) => (agency === 'own' ? ids.primary : ids.other);
  const fresh = {
    dispatch: (agency: Target) => post(agency, 'dispatcher', '/v1/dispatches', incident()),
    log: async (agency: Target, content: unknown = { narrative: 'draft' }) =>
      post(agency, 'specialist', '/v1/callout-logs', { dispatchId: await fresh.dispatch(agency), content }),
    submittedLog: async (agency: Target) => {
      const id = await fresh.log(agency, completeLog);
      await post(agency, 'specialist', `/v1/callout-logs/${id}/submit`, {});
      return id;
    },
    referral: (agency: Target) =>
      post(agency, 'specialist', '/v1/referrals', {
        personRef: 'CASE-9',
        resourceId: resource(agency),
        needs: ['detox'],
        urgency: 'routine',
        consent: consent(),
      }),
    credential: (agency: Target) =>
      post(agency, 'supervisor', '/v1/credentials', credentialRequest({ specialistId: peer(agency) })),
    rotation: (agency: Target) =>
      post(agency, 'supervisor', '/v1/schedule/rotations', rotationBody({ members: [peer(agency)] })),
    override: (agency: Target) =>
      post(agency, 'supervisor', '/v1/schedule/overrides', {
        area: 'county',
        position: 'backup',
        specialistId: peer(agency),
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      }),
    ruleSet: (agency: Target) =>
      post(agency, 'supervisor', '/v1/rule-sets', {
        rules: {
          id: `rules-${randomUUID()}`,
          name: 'Peer recovery (program rules)',
          credentialType: 'peer-recovery',
          requirements: [{ kind: 'exam' }],
        },
      }),
  };
  return { token, fresh, resource, peer, h };
}

function cases(f: ReturnType<typeof fixtures>): { prepared: () => Promise<void>; list: Case[] } {
  const { fresh } = f;
  const once = <T>(make: () => Promise<T>) => {
    let value: Promise<T> | undefined;
    return () => (value ??= make());
  };
  /** A record of each kind that cases read, made the first time one asks for it. */
  const standingOf = (agency: Target) => ({
    dispatch: once(() => fresh.dispatch(agency)),
    log: once(() => fresh.log(agency)),
    referral: once(() => fresh.referral(agency)),
    credential: once(() => fresh.credential(agency)),
    ruleSet: once(() => fresh.ruleSet(agency)),
  });
  const standing = {
    own: standingOf('own'),
    // The other agency's also has the records cases change (see `changing`).
    other: {
      ...standingOf('other'),
      submittedLog: once(() => fresh.submittedLog('other')),
      rotation: once(() => fresh.rotation('other')),
      override: once(() => fresh.override('other')),
    },
  };
  /** A record for a request that changes it: a new one of the own agency, the other agency's standing one. */
  const changing = (kind: keyof typeof standing.other, t: Target) =>
    t === 'own' ? fresh[kind]('own') : standing.other[kind]();
  const ok = (status: number) => () => status;
  /** A read of the caller's own agency (a list, its settings): nothing of the other agency may show. */
  const agencyRead = (op: string, path: string): Case => ({
    op,
    request: () => ({ method: 'GET', path }),
    own: ok(200),
    other: 'list',
  });
  /**
   * A request to one record, `{id}` in `path`: to the own agency's record `id` names, or to the other
   * agency's, which is not found.
   */
  const onRecord = (
    op: string,
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    id: (t: Target) => string | Promise<string>,
    body?: unknown,
  ): Case => ({
    op,
    request: async (_r, t) => ({
      method,
      path: path.replace('{id}', await id(t)),
      ...(body === undefined ? {} : { body }),
    }),
    own: ok(200),
    other: 404,
  });
  const specialist = (t: Target) => (t === 'own' ? ids.outsider : ids.other);
  let services = 100;
  const importAs = async (agency: Target, dryRun: boolean) => {
    const path = `/v1/directory/imports${dryRun ? '?dryRun=true' : ''}`;
    const token = await f.token('supervisor', agency);
    const result = await f.h.call('POST', path, { token, body: [hsdsService((services += 1))] });
    if (result.status !== 200)
      throw new Error(`fixture ${path}: ${String(result.status)} ${JSON.stringify(result.body)}`);
    return result.body as { id: string; records: { resourceId: string }[] };
  };
  const directoryImport = {
    own: once(async () => (await importAs('own', true)).id),
    other: once(async () => (await importAs('other', true)).id),
  };
  const importedResource = async () => String((await importAs('own', false)).records[0]?.resourceId);
  const prepared = async () => {
    for (const make of Object.values(standing.other)) await make();
  };
  return {
    prepared,
    list: [
      agencyRead('getOnCall', '/v1/specialists/on-call'),
      {
        op: 'createDispatch',
        request: () => ({ method: 'POST', path: '/v1/dispatches', body: incident() }),
        own: ok(201),
        other: 'list',
      },
      agencyRead('listDispatches', '/v1/dispatches'),
      onRecord('getDispatch', 'GET', '/v1/dispatches/{id}', (t) => standing[t].dispatch()),
      {
        op: 'transitionDispatch',
        request: async (role, t) => ({
          method: 'POST',
          path: `/v1/dispatches/${await changing('dispatch', t)}/transitions`,
          body: { to: role === 'specialist' ? 'acknowledged' : 'cancelled' },
        }),
        own: ok(200),
        other: 404,
      },
      agencyRead('streamEvents', '/v1/events'),
      {
        op: 'createCalloutLog',
        request: async (_r, t) => ({
          method: 'POST',
          path: '/v1/callout-logs',
          body: {
            dispatchId: await changing('dispatch', t),
            content: {},
          },
        }),
        own: ok(201),
        other: 404,
      },
      agencyRead('listCalloutLogs', '/v1/callout-logs'),
      onRecord('getCalloutLog', 'GET', '/v1/callout-logs/{id}', (t) => standing[t].log()),
      onRecord('updateCalloutLog', 'PATCH', '/v1/callout-logs/{id}', (t) => changing('log', t), {
        content: { narrative: 'edited' },
      }),
      {
        op: 'submitCalloutLog',
        request: async (_r, t) => ({
          method: 'POST',
          path: `/v1/callout-logs/${t === 'own' ? await fresh.log('own', completeLog) : await standing.other.log()}/submit`,
          body: {},
        }),
        own: ok(200),
        other: 404,
      },
      onRecord('reviewCalloutLog', 'POST', '/v1/callout-logs/{id}/review', (t) => changing('submittedLog', t), {
        decision: 'approve',
      }),
      agencyRead('searchResources', '/v1/resources/search?q=detox'),
      onRecord('getResource', 'GET', '/v1/resources/{id}', f.resource),
      {
        op: 'createReferral',
        request: (_r, t) => ({
          method: 'POST',
          path: '/v1/referrals',
          body: {
            personRef: 'CASE-7',
            resourceId: f.resource(t),
            needs: ['detox'],
            urgency: 'routine',
            consent: consent(),
          },
        }),
        own: ok(201),
        other: 404,
      },
      agencyRead('listReferrals', '/v1/referrals'),
      onRecord('getReferral', 'GET', '/v1/referrals/{id}', (t) => standing[t].referral()),
      onRecord(
        'revokeReferralConsent',
        'POST',
        '/v1/referrals/{id}/consent/revoke',
        (t) => changing('referral', t),
        {},
      ),
      onRecord('transitionReferral', 'POST', '/v1/referrals/{id}/transitions', (t) => changing('referral', t), {
        to: 'sent',
      }),
      {
        op: 'createCredential',
        request: (_r, t) => ({
          method: 'POST',
          path: '/v1/credentials',
          body: credentialRequest({ specialistId: f.peer(t) }),
        }),
        own: ok(201),
        other: 400,
      },
      onRecord('changeCredentialStatus', 'POST', '/v1/credentials/{id}/status', (t) => changing('credential', t), {
        administrativeStatus: 'suspended',
      }),
      agencyRead('listCredentials', '/v1/credentials'),
      onRecord('getCredential', 'GET', '/v1/credentials/{id}', (t) => standing[t].credential()),
      agencyRead('listAuditEvents', '/v1/audit'),
      agencyRead('listRotations', '/v1/schedule/rotations'),
      {
        op: 'createRotation',
        request: (_r, t) => ({
          method: 'POST',
          path: '/v1/schedule/rotations',
          body: rotationBody({ position: 'backup', members: [t === 'own' ? ids.backup : ids.other] }),
        }),
        own: ok(201),
        other: 400,
      },
      onRecord('updateRotation', 'PATCH', '/v1/schedule/rotations/{id}', (t) => changing('rotation', t), {
        version: 1,
        turnDays: 2,
      }),
      onRecord('endRotation', 'POST', '/v1/schedule/rotations/{id}/end', (t) => changing('rotation', t), {
        version: 1,
        endsOn: '2030-01-01',
      }),
      agencyRead('listOverrides', '/v1/schedule/overrides'),
      {
        op: 'createOverride',
        request: (_r, t) => ({
          method: 'POST',
          path: '/v1/schedule/overrides',
          body: {
            area: 'county',
            position: 'primary',
            specialistId: t === 'own' ? ids.backup : ids.other,
            startsAt: '2030-01-01T00:00:00Z',
            endsAt: '2030-01-02T00:00:00Z',
          },
        }),
        own: ok(201),
        other: 400,
      },
      onRecord('cancelOverride', 'POST', '/v1/schedule/overrides/{id}/cancel', (t) => changing('override', t)),
      {
        op: 'getSchedule',
        request: () => ({
          method: 'GET',
          path: `/v1/schedule?from=${new Date().toISOString()}&to=${new Date(Date.now() + 86_400_000).toISOString()}`,
        }),
        own: ok(200),
        other: 'list',
      },
      agencyRead('getMyShifts', '/v1/schedule/mine'),
      agencyRead('listRuleSets', '/v1/rule-sets'),
      onRecord('getRuleSet', 'GET', '/v1/rule-sets/{id}', (t) => standing[t].ruleSet()),
      onRecord('listRuleSetVersions', 'GET', '/v1/rule-sets/{id}/versions', (t) => standing[t].ruleSet()),
      {
        op: 'createRuleSet',
        request: () => ({
          method: 'POST',
          path: '/v1/rule-sets',
          body: {
            rules: {
              id: `rules-${randomUUID()}`,
              name: 'Crisis response (program rules)',
              credentialType: 'crisis-response-72h',
              requirements: [{ kind: 'background-check' }],
            },
          },
        }),
        own: ok(201),
        other: 'list',
      },
      {
        op: 'updateRuleSet',
        request: async (_r, t) => {
          const id = await changing('ruleSet', t);
          const rules = { id: `rules-${id}`, name: 'Changed', credentialType: 'peer-recovery', requirements: [] };
          return { method: 'PATCH', path: `/v1/rule-sets/${id}`, body: { rules, expectedVersion: 1 } };
        },
        own: ok(200),
        other: 404,
      },
      {
        op: 'assignRuleSet',
        request: async (_r, t) => ({
          method: 'POST',
          path: `/v1/rule-sets/${await standing[t].ruleSet()}/assign`,
          body: { roles: ['recovery-coach'] },
        }),
        own: ok(200),
        other: 404,
      },
      agencyRead('getEscalationPolicy', '/v1/escalation-policy'),
      {
        // Only supervisors change it, once per run: from the built-in default, version 0.
        op: 'updateEscalationPolicy',
        request: () => ({
          method: 'POST',
          path: '/v1/escalation-policy',
          body: { ...defaultEscalationPolicy, name: 'Matrix policy', expectedVersion: 0 },
        }),
        own: ok(200),
        other: 'list',
      },
      agencyRead('listEscalationPolicyVersions', '/v1/escalation-policy/versions'),
      {
        op: 'createSpecialist',
        request: () => ({
          method: 'POST',
          path: '/v1/specialists',
          body: {
            displayName: 'Matrix P.',
            roles: ['recovery-coach'],
            contacts: [{ kind: 'email', address: 'matrix@example.org' }],
          },
        }),
        own: ok(201),
        other: 'list',
      },
      agencyRead('listSpecialists', '/v1/specialists'),
      onRecord('getSpecialist', 'GET', '/v1/specialists/{id}', specialist),
      onRecord('updateSpecialist', 'PATCH', '/v1/specialists/{id}', specialist, { languages: ['en', 'es'] }),
      onRecord('deactivateSpecialist', 'POST', '/v1/specialists/{id}/deactivate', specialist),
      onRecord('reactivateSpecialist', 'POST', '/v1/specialists/{id}/reactivate', specialist),
      {
        op: 'updateOwnContacts',
        request: (role) => ({
          method: 'PATCH',
          path: '/v1/specialists/me/contacts',
          body: {
            contacts: [{ kind: 'email', address: role === 'supervisor' ? 'peer3@example.org' : 'peer1@example.org' }],
          },
        }),
        own: ok(200),
        other: 'list',
      },
      {
        op: 'importRoster',
        request: () => ({
          method: 'POST',
          path: '/v1/specialists/import?dryRun=true',
          body: { csv: 'name,email,roles\nMatrix Q.,matrix.q@example.org,recovery-coach\n' },
        }),
        own: ok(200),
        other: 'list',
      },
      {
        op: 'importDirectory',
        request: () => ({ method: 'POST', path: '/v1/directory/imports?dryRun=true', body: [hsdsService(1)] }),
        own: ok(200),
        other: 'list',
      },
      {
        op: 'getDirectoryImport',
        request: async (_r, t) => ({ method: 'GET', path: `/v1/directory/imports/${await directoryImport[t]()}` }),
        own: ok(200),
        other: 404,
      },
      {
        op: 'cancelDirectoryImport',
        // A finished dry run: an allowed role reaches it and is refused because it ended.
        request: async (_r, t) => ({
          method: 'POST',
          path: `/v1/directory/imports/${await directoryImport[t]()}/cancel`,
          body: {},
        }),
        own: ok(409),
        other: 404,
      },
      agencyRead('exportDirectory', '/v1/directory/export'),
      onRecord('updateResource', 'PATCH', '/v1/resources/{id}', f.resource, { description: 'Changed.' }),
      {
        op: 'deactivateResource',
        request: async (_r, t) => ({
          method: 'POST',
          path: `/v1/resources/${t === 'own' ? await importedResource() : f.resource('other')}/deactivate`,
          body: {},
        }),
        own: ok(200),
        other: 404,
      },
      onRecord('updateResourceCapacity', 'POST', '/v1/resources/{id}/capacity', f.resource, { openBeds: 1 }),
      // Reports are aggregates of the caller's own agency: the other agency's rows never count.
      ...(
        [
          ['getProgramReport', '/v1/reports/program?period=week&'],
          ['exportProgramReportCsv', '/v1/reports/program/csv?period=month&'],
          ['exportCalloutsCsv', '/v1/reports/callouts/csv?'],
        ] as const
      ).map(([op, path]) => ({
        op,
        request: () => ({ method: 'GET', path: `${path}from=${reportDay(-40)}&to=${reportDay(0)}` }),
        own: ok(200),
        other: 'list' as const,
      })),
    ] satisfies Case[],
  };
}

/** A day relative to today, in UTC, for report ranges that cover the matrix's fresh records. */
const reportDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const otherAgencyIds = () => [ids.otherAgency, ids.other, ids.otherResource];

async function send(h: Harness, token: string, request: Request): Promise<{ status: number; text: string }> {
  if (request.path === '/v1/events') {
    const controller = new AbortController();
    const response = await fetch(`${h.server.url}${request.path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    controller.abort();
    return { status: response.status, text: '' };
  }
  const result = await h.call(request.method, request.path, {
    token,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: result.status, text: JSON.stringify(result.body) };
}

for (const storage of await storages()) {
  describe(`authorization matrix on ${storage}`, () => {
    it('gives every role × endpoint × own/other agency the expected status, with zero leaks', async (t) => {
      const h = await harnessFor(t, storage, { config: { rateLimit: { capacity: 10_000, perSecond: 1_000 } } });
      const f = fixtures(h);
      const { prepared, list: table } = cases(f);
      // The other agency has records of every kind before anyone looks, so a leak would show.
      await prepared();
      const covered = new Set([
        ...table.map((c) => c.op),
        'createEmbedSession',
        'acknowledgeByLink',
        'getJwks',
        'getStatusList',
        'getSuspensionStatusList',
        // api-key endpoints: own/other agency and embed-token refusal are in agency-settings.test.ts and api-keys.test.ts.
        'getAgency',
        'updateAgency',
        'testAgencyNotification',
        'listApiKeys',
        'createApiKey',
        'revokeApiKey',
        'rollApiKey',
        // Signed by the gateway, not a token: covered in sms-reply.test.ts.
        'receiveInboundSms',
        'receiveTwilioSms',
        // A provider's own key: covered in directory-import.test.ts.
        'reportProviderCapacity',
      ]);
      assert.deepEqual(
        Object.keys(endpoints).filter((op) => !covered.has(op)),
        [],
        'every endpoint is in the matrix',
      );

      const rows: string[] = [];
      const failures: string[] = [];
      let leaks = 0;
      let checks = 0;
      for (const testCase of table) {
        const endpoint = endpoints[testCase.op];
        assert.ok(endpoint, testCase.op);
        const cells: string[] = [];
        for (const role of roles) {
          const allowed = endpoint.roles.includes(role);
          const outcome: string[] = [];
          for (const target of ['own', 'other'] as const) {
            const request = await testCase.request(role, target);
            const { status, text } = await send(h, await f.token(role, 'own'), request);
            checks += 1;
            const expected = !allowed
              ? 403
              : target === 'own'
                ? testCase.own(role)
                : testCase.other === 'list'
                  ? testCase.own(role)
                  : testCase.other;
            if (status !== expected)
              failures.push(
                `${testCase.op} ${role} ${target}: ${String(status)} (expected ${String(expected)}) ${text.slice(0, 160)}`,
              );
            if (testCase.other === 'list' && otherAgencyIds().some((id) => text.includes(id))) {
              leaks += 1;
              failures.push(`${testCase.op} ${role}: leaked another agency's record`);
            }
            if (target === 'other' && testCase.other !== 'list' && status < 300) leaks += 1;
            outcome.push(String(status));
            if (testCase.other === 'list') break;
          }
          cells.push(outcome.join('/').padEnd(8));
        }
        rows.push(`${testCase.op.padEnd(20)} ${cells.join(' ')}`);
      }
      console.log(
        `\nauthorization matrix on ${storage} (own/other agency)\n${'endpoint'.padEnd(20)} ${roles.map((r) => r.slice(0, 8).padEnd(8)).join(' ')}\n${rows.join('\n')}\n${String(checks)} checks, ${String(leaks)} leaks`,
      );
      assert.deepEqual(failures, []);
      assert.equal(leaks, 0);
    });
  });
}
