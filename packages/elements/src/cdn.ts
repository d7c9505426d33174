// The single-file build for hosts that only add a script tag and cannot serve a folder: every
// element, defined, and the SDK client (./client.ts). The contract's schemas stay in the ESM
// packages: a script-tag host talks to Peerlink through the elements and the client, which parse
// with them internally.
import './define-all.js';

export * from './index.js';
export * from './client.js';
