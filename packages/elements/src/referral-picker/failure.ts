// The picker shows failures the way every element does (`base/failure.ts`).
export { errorInfo } from '../base/errors.js';
export { renderFailure } from '../base/failure.js';
