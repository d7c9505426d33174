import {
  changeCredentialStatus,
  createCredential,
  getCredential,
  getJwks,
  getStatusList,
  getSuspensionStatusList,
  listCredentials,
} from '@peerlink/sdk';
import * as credentials from '../../domain/credentials.js';
import { requireAgency } from '../../domain/directory.js';
import { forbidden } from '../../domain/problems.js';
import { readRoute, route } from '../route.js';
import type { RawRequest } from '../route.js';

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
  async handler({ params, body, principal, tx, deps, meta }) {
    await credentials.readableCredential(tx, principal, params.id);
    const { keys, config } = deps;
    return credentials.changeCredentialStatus(
      tx,
      keys,
      config.publicUrl,
      principal.agencyId,
      params.id,
      body,
      meta.now,
    );
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

/**
 * Whether the caller asked for the JSON wrapper `{ "jwt": … }` earlier versions answered with:
 * `application/json` named and `application/vc+jwt` not. Anyone else (a verifier dereferencing
 * `statusListCredential`, a caller that takes any type or sends no Accept) gets the VC-JWT itself.
 */
function wantsJsonWrapper(request: RawRequest): boolean {
  const types = (request.headers.get('accept') ?? '')
    .split(',')
    .map((range) => range.split(';')[0]?.trim().toLowerCase());
  return types.includes('application/json') && !types.includes('application/vc+jwt');
}

const statusListRoute = (purpose: credentials.StatusPurpose) =>
  route(purpose === 'revocation' ? getStatusList : getSuspensionStatusList, {
    auth: 'public',
    async handler({ params, tx, deps, meta, request }) {
      await requireAgency(tx, params.id);
      const jwt = await credentials.signedStatusList(
        tx,
        deps.keys,
        deps.config.publicUrl,
        params.id,
        meta.now,
        purpose,
      );
      return wantsJsonWrapper(request) ? { jwt } : jwt;
    },
  });

export const getStatusListRoute = statusListRoute('revocation');
export const getSuspensionStatusListRoute = statusListRoute('suspension');

export const getJwksRoute = route(getJwks, {
  auth: 'public',
  async handler({ params, tx, deps }) {
    await requireAgency(tx, params.id);
    return credentials.publishedKeys(tx, deps.keys, deps.config.publicUrl, params.id);
  },
});
