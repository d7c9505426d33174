import {
  createSpecialist,
  deactivateSpecialist,
  getOnCall,
  getSpecialist,
  importRoster,
  listSpecialists,
  reactivateSpecialist,
  updateOwnContacts,
  updateSpecialist,
} from '@peerlink/sdk';
import type { RequestMeta } from '../../domain/audit.js';
import { wholeAgency } from '../../domain/auth.js';
import { onCall } from '../../domain/directory.js';
import * as roster from '../../domain/roster.js';
import * as specialists from '../../domain/specialists.js';
import type { Sql } from '../../infra/db/database.js';
import { readRoute, route } from '../route.js';

export const getOnCallRoute = route(getOnCall, {
  auth: 'embed-token',
  handler: ({ query, principal, tx, meta }) => onCall(tx, principal.agencyId, query, meta.now),
});

export const createSpecialistRoute = route(createSpecialist, {
  auth: 'embed-token',
  audit: [
    {
      action: 'create',
      recordType: 'specialist',
      fields: (answer) => specialists.specialistFields.filter((field) => answer[field] !== undefined),
    },
  ],
  handler: ({ body, principal, tx, meta }) => specialists.createSpecialist(tx, principal, body, meta.now),
});

export const listSpecialistsRoute = readRoute(listSpecialists, 'list', 'specialist', ({ query, principal, tx }) =>
  specialists.listSpecialists(tx, principal, query),
);

export const getSpecialistRoute = readRoute(getSpecialist, 'read', 'specialist', ({ params, principal, tx }) =>
  specialists.readSpecialist(tx, principal, params.id),
);

/** A change is recorded with the names of the fields it touched, and only when it touched any. */
const changeAudit = {
  action: 'update',
  recordType: 'specialist',
  when: (_: unknown, __: unknown, fields: readonly string[] | undefined) => (fields?.length ?? 0) > 0,
  fields: (_: unknown, fields: readonly string[] | undefined) => fields ?? [],
} as const;

export const updateSpecialistRoute = route(updateSpecialist, {
  auth: 'embed-token',
  audit: [changeAudit],
  async handler({ params, body, principal, tx, meta }) {
    const { specialist, fields } = await specialists.updateSpecialist(tx, principal, params.id, body, meta.now);
    return { status: 200, body: specialist, facts: fields };
  },
});

export const updateOwnContactsRoute = route(updateOwnContacts, {
  auth: 'embed-token',
  audit: [changeAudit],
  async handler({ body, principal, tx, meta }) {
    const { specialist, fields } = await specialists.updateOwnContacts(tx, principal, body, meta.now);
    return { status: 200, body: specialist, facts: fields };
  },
});

const activation = (active: boolean) => ({
  auth: 'embed-token' as const,
  audit: [
    {
      action: 'update' as const,
      recordType: 'specialist' as const,
      when: (_: unknown, __: unknown, changed: boolean | undefined) => changed === true,
      fields: () => ['active'],
    },
  ],
  async handler({
    params,
    principal,
    tx,
    meta,
  }: {
    params: { id: string };
    principal: Parameters<typeof specialists.setActive>[1];
    tx: Sql;
    meta: RequestMeta;
  }) {
    const { specialist, changed } = await specialists.setActive(tx, principal, params.id, active, meta.now);
    return { status: 200 as const, body: specialist, facts: changed };
  },
});

export const deactivateSpecialistRoute = route(deactivateSpecialist, activation(false));
export const reactivateSpecialistRoute = route(reactivateSpecialist, activation(true));

export const importRosterRoute = route(importRoster, {
  auth: 'embed-token',
  async handler({ query, body, principal, tx, meta }) {
    wholeAgency(principal);
    const report = await roster.importRoster(tx, principal.agencyId, body.csv, {
      dryRun: query.dryRun === 'true',
      now: meta.now,
    });
    await roster.auditImport(tx, principal, meta, report);
    return report;
  },
});
