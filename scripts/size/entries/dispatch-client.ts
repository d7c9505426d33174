// What a CAD toolbar button needs of the SDK: the client core with the dispatch and on-call calls.
export { createClientCore, dispatchesApi, specialistsApi } from '@peerlink/sdk';
