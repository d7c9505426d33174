import { PeerValidationError } from '../client/errors.js';
import type { FieldError } from '../schema/problem.js';

/** An EIDO that cannot become a call for service; each error names the EIDO field at fault. */
export class EidoImportError extends PeerValidationError {
  override name = 'EidoImportError';

  constructor(errors: readonly FieldError[]) {
    super('The EIDO cannot be imported as a call for service', errors, { code: 'eido_invalid' });
  }
}
