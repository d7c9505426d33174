export { closedLoopReferralStatuses, hideComplements } from './complements.js';
