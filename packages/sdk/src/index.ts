export * from './schema/index.js';
export * from './search/index.js';
export * from './client/index.js';
export * from './pii/index.js';
export * from './schedule/index.js';
export * from './report/index.js';
