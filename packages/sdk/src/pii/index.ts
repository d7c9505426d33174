export { detectPii, findingKey, redactPii } from './detect.js';
export type { PiiFinding } from './detect.js';
export type { PiiKind } from '../schema/callout-log.js';
export { piiKinds } from './kinds.js';
