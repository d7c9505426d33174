export { credentialStatus, expiringWithinDays } from './status.js';
