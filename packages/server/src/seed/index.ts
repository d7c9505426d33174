export { DEMO_ORIGINS, DEMO_TIME_ZONE, demoProgram } from './demo.js';
export type { DemoAgency, DemoArea, DemoCredential, DemoProgram } from './demo.js';
export { syntheticResources } from './resources.js';
export { mulberry32, stableId, uuidFrom } from './random.js';
export type { Random } from './random.js';
