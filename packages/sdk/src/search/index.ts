export { isOpenAt, localTime } from './schedule.js';
export type { LocalTime } from './schedule.js';
export { createResourceIndex } from './resource-index.js';
export type { ResourceIndex, ResourceIndexOptions, SearchFieldWeights } from './resource-index.js';
export { distanceKm } from './geo.js';
export { categoryAliases } from './aliases.js';
