import {
  createClientCore,
  directoryApi,
  resourcesApi,
  type DirectoryImport,
  type GetToken,
  type Resource,
} from '@peerlink/sdk';

/**
 * The calls `<peer-directory-import>` makes. The program client (`createProgramClient()`)
 * satisfies it; so does `{ directory: directoryApi(core), resources: resourcesApi(core) }`.
 */
export interface DirectoryImportClient {
  readonly directory: Pick<
    ReturnType<typeof directoryApi>,
    'importHsds' | 'importStatus' | 'cancelImport' | 'updateCapacity'
  >;
  readonly resources: Pick<ReturnType<typeof resourcesApi>, 'search'>;
}

/** Builds the client the element needs from a service URL and a token source. Nothing is queued offline. */
export function directoryImportClient(baseUrl: string, getToken: GetToken): DirectoryImportClient {
  const core = createClientCore({ baseUrl, getToken, offline: false });
  return { directory: directoryApi(core), resources: resourcesApi(core) };
}

declare module '../base/events.js' {
  interface PeerEventMap {
    'peer-import-checked': { job: DirectoryImport };
    'peer-import-done': { job: DirectoryImport };
    'peer-import-cancelled': { id: string };
    'peer-capacity-saved': { resource: Resource };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'peer-import-checked': CustomEvent<{ job: DirectoryImport }>;
    'peer-import-done': CustomEvent<{ job: DirectoryImport }>;
    'peer-import-cancelled': CustomEvent<{ id: string }>;
    'peer-capacity-saved': CustomEvent<{ resource: Resource }>;
  }
}
