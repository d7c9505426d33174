import {
  changeCredentialStatus,
  createCredential,
  getCredential,
  getJwks,
  getStatusList,
  listCredentials,
} from '@peerlink/sdk';
import * as credentials from '../../domain/credentials.js';
import { requireAgency } from '../../domain/directory.js';
import { forbidden } from '../../domain/problems.js';
import { readRoute, route } from '../route.js';

export const createCredentialRoute = route(createCredential, {
  auth: 'embed-token',
  audit: [{ action: 'create', recordType: 'credential' }],
  async handler({ body, principal, tx, deps, meta }) {
    if (!credentials.credentialInScope(principal, { id: '', specialistId: body.specialistId })) {
      throw forbidden('This token is scoped to another record');
    }
    const { keys, config } = deps;
    return credentials.issueCredential(tx, keys, config.publicUrl, principal.agencyId, body, meta.now);
  },
});

export const changeCredentialStatusRoute = route(changeCredentialStatus, {
  auth: 'embed-token',
  audit: [{ action: 'update', recordType: 'credential' }],
  async handler({ params, body, principal, tx, meta }) {
    await credentials.readableCredential(tx, principal, params.id);
    return credentials.changeCredentialStatus(tx, principal.agencyId, params.id, body, meta.now);
  },
});

export const listCredentialsRoute = readRoute(listCredentials, 'list', 'credential', ({ query, principal, tx, meta }) =>
  credentials.listCredentials(tx, principal, query, meta.now),
);

export const getCredentialRoute = route(getCredential, {
  auth: 'embed-token',
  audit: [{ action: 'read', recordType: 'credential' }],
  async handler({ params, principal, tx, meta }) {
    return credentials.oneWithStatus(tx, await credentials.readableCredential(tx, principal, params.id), meta.now);
  },
});

export const getStatusListRoute = route(getStatusList, {
  auth: 'public',
  async handler({ params, tx, deps, meta }) {
    await requireAgency(tx, params.id);
    return { jwt: await credentials.signedStatusList(tx, deps.keys, deps.config.publicUrl, params.id, meta.now) };
  },
});

export const getJwksRoute = route(getJwks, {
  auth: 'public',
  async handler({ params, tx, deps }) {
    await requireAgency(tx, params.id);
    return deps.keys.jwks(tx, params.id);
  },
});
