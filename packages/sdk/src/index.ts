export * from './schema/index.js';
export * from './search/index.js';
