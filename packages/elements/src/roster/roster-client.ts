import { createClientCore, credentialsApi, rosterApi, scheduleApi, specialistsApi, type GetToken } from '@peerlink/sdk';

/**
 * The calls `<peer-roster>` makes: the roster (supervisors), who is on call now (the resolved schedule) and
 * the peers' credentials. `{ ...createProgramClient(options), credentials: credentialsApi(core) }` satisfies it.
 */
export interface RosterClient {
  readonly specialists: Pick<ReturnType<typeof specialistsApi>, 'list'>;
  readonly roster: ReturnType<typeof rosterApi>;
  readonly schedule: Pick<ReturnType<typeof scheduleApi>, 'resolve'>;
  /** Without it the roster shows no credential status. */
  readonly credentials?: Pick<ReturnType<typeof credentialsApi>, 'list'>;
}

/** Builds the roster's client from a service URL and a token source: one core, one token cache. */
export function rosterClient(baseUrl: string, getToken: GetToken): RosterClient {
  const core = createClientCore({ baseUrl, getToken, offline: false });
  return {
    specialists: specialistsApi(core),
    roster: rosterApi(core),
    schedule: scheduleApi(core),
    credentials: credentialsApi(core),
  };
}
