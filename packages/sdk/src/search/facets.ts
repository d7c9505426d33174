// A resource's facets in one number: a bit per category, then per setting and intercept stage,
// then the payment and capacity flags (27 bits with 13 categories; an Int32 holds 31). Filters
// turn into the same bits, so a candidate is checked with a few ANDs.
import { categoryLabels } from '../hsds/extensions.js';
import type { Resource, ResourceCategory, ResourceSearchQuery, ResourceSetting } from '../schema/resource.js';

export const categoryCodes = Object.keys(categoryLabels);
export const categoryBits = Object.fromEntries(categoryCodes.map((code, i) => [code, 1 << i])) as Readonly<
  Record<ResourceCategory, number>
>;
export const CATEGORY_MASK = (1 << categoryCodes.length) - 1;
const SETTING_BIT = categoryCodes.length;
export const settingBits: Readonly<Record<ResourceSetting, number>> = {
  community: 1 << SETTING_BIT,
  hospital: 1 << (SETTING_BIT + 1),
  'jail-prison': 1 << (SETTING_BIT + 2),
  court: 1 << (SETTING_BIT + 3),
  treatment: 1 << (SETTING_BIT + 4),
};
const STAGE_BIT = SETTING_BIT + 5;
const stageBit = (stage: number) => 1 << (STAGE_BIT + stage);
const MEDICAID = 1 << (STAGE_BIT + 6);
const FREE = MEDICAID << 1;
const CAPACITY = MEDICAID << 2;

/** The facet bits of one resource. */
export function facetsOf(resource: Resource): number {
  let facets = 0;
  for (const category of resource.categories) facets |= categoryBits[category];
  for (const setting of resource.settings) facets |= settingBits[setting];
  for (const stage of resource.interceptStages) facets |= stageBit(stage);
  const available = resource.capacity?.available;
  if (resource.fees.acceptsMedicaid) facets |= MEDICAID;
  if (resource.fees.free === true) facets |= FREE;
  if (available !== undefined && available !== null && available > 0) facets |= CAPACITY;
  return facets;
}

/** What a query's filters ask of the facet bits: any bit of each group, every bit of the flags. */
export interface WantedFacets {
  categories: number;
  settings: number;
  stages: number;
  flags: number;
}

export function wantedFacets(query: ResourceSearchQuery): WantedFacets {
  let categories = 0;
  for (const category of query.categories ?? []) categories |= categoryBits[category];
  let settings = 0;
  for (const setting of query.settings ?? []) settings |= settingBits[setting];
  let stages = 0;
  for (const stage of query.interceptStages ?? []) stages |= stageBit(stage);
  const flags = (query.medicaid ? MEDICAID : 0) | (query.free ? FREE : 0) | (query.capacity ? CAPACITY : 0);
  return { categories, settings, stages, flags };
}
