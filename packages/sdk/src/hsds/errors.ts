import { PeerValidationError } from '../client/errors.js';
import { problemsSummary } from '../client/problems.js';
import type { FieldError } from '../schema/problem.js';

/**
 * Something the importer noticed and worked around: a value it dropped, a service it skipped, a
 * field it could not carry over. `path` points into the HSDS payload
 * (`service_at_locations.0.location.latitude`, `contents.3.schedules.0.timezone`).
 *
 * Codes: `out_of_range`, `invalid_type`, `invalid_value`, `invalid_time_zone`,
 * `missing_time_zone`, `fixed_offset` (a UTC offset read without daylight saving),
 * `local_time_assumed` (hours with neither offset nor `timezone` read as local time, not UTC),
 * `converted_time` (hours written in another offset converted at a date-dependent offset, or
 * moved across midnight with their days), `time_zone_conflict`, `unsupported_recurrence`, `incomplete_schedule`, `expired`,
 * `unknown_language`, `invalid_country`, `incomplete_address`, `postal_address_used`,
 * `incomplete_coordinates`, `truncated`, `too_many`, `contract` (a mapped value the contract
 * refused), `unmapped_service` (imported as `other`), `category_from_name`, `inactive_service`,
 * `temporarily_closed`, `no_services`.
 */
export type HsdsWarning = FieldError;

/**
 * The payload breaks HSDS 3.0 (a required field is missing or malformed), is not a service
 * (code `not_a_service`: a location, taxonomy or organization list) or cannot become a valid
 * resource; nothing from it was imported. `errors` holds every problem with its HSDS path.
 */
export class HsdsImportError extends PeerValidationError {
  override name = 'HsdsImportError';

  constructor(errors: readonly FieldError[]) {
    super(`HSDS payload rejected (${problemsSummary(errors)})`, errors, { code: 'hsds_invalid' });
  }
}
