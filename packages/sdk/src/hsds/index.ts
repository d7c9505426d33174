// Open Referral HSDS 3.0 import and export.
export { fromHsds } from './from-hsds.js';
export type { FromHsdsOptions, HsdsImportResult } from './from-hsds.js';
export { toHsds } from './to-hsds.js';
export type { ToHsdsOptions } from './to-hsds.js';
export { HsdsImportError } from './errors.js';
export type { HsdsWarning } from './errors.js';
export { defaultTaxonomyMap } from './taxonomy.js';
export type { TaxonomyMap, TaxonomyMapping } from './taxonomy.js';
export type {
  HsdsAddress,
  HsdsAttribute,
  HsdsCostOption,
  HsdsLanguage,
  HsdsLocation,
  HsdsOrganization,
  HsdsPage,
  HsdsPhone,
  HsdsSchedule,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceList,
  HsdsTaxonomyTerm,
} from './types.js';
