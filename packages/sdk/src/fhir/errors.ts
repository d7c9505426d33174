import { PeerValidationError } from '../client/errors.js';
import { problemsSummary } from '../client/problems.js';
import type { FieldError } from '../schema/problem.js';

/**
 * A FHIR Task that cannot be read back into a referral status; each error names the Task field at
 * fault (`status`, `output.1.valueDateTime`, `identifier.0.value`).
 */
export class FhirImportError extends PeerValidationError {
  override name = 'FhirImportError';

  constructor(errors: readonly FieldError[]) {
    super(`The FHIR Task cannot be read as a referral update (${problemsSummary(errors)})`, errors, {
      code: 'fhir_invalid',
    });
  }
}
