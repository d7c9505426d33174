export { onCallAt, resolveSchedule, shiftPositions } from './resolve.js';
export type { ResolveScheduleInput } from './resolve.js';
export { ZoneClock, dayNumber, minutesOf } from './zone.js';
