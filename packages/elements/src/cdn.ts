// The single-file build for hosts that only add a script tag: every element, defined,
// and the SDK, in one module.
import './define-all.js';

export * from './index.js';
export * from '@peerlink/sdk';
