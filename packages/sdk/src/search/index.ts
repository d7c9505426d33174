export { isOpenAt, localTime } from './schedule.js';
