// The slice of Open Referral HSDS 3.0 that toHsds writes. Field names are the specification's.
// HSDS is someone else's format, so these describe output, not a Peerlink contract.

export interface HsdsTaxonomyTerm {
  id: string;
  code?: string;
  name: string;
  description: string;
  taxonomy?: string;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: string;
  taxonomy_term_id: string;
  taxonomy_term: HsdsTaxonomyTerm;
  value?: string;
}

export interface HsdsLanguage {
  id: string;
  name?: string;
  /** ISO 639-1 or 639-3 code; a longer BCP 47 tag travels in `attributes`. */
  code: string;
  attributes?: HsdsAttribute[];
}

export interface HsdsPhone {
  id: string;
  number: string;
}

export interface HsdsSchedule {
  id: string;
  freq?: 'WEEKLY';
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  valid_from?: string;
  valid_to?: string;
  /** UTC offset in hours at export time (HSDS 3.0 has no IANA zone; that travels in `attributes`). */
  timezone?: number;
  description?: string;
  notes?: string;
  attributes: HsdsAttribute[];
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical';
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical' | 'virtual';
  latitude?: number;
  longitude?: number;
  addresses: HsdsAddress[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  location: HsdsLocation;
  phones: HsdsPhone[];
  schedules: HsdsSchedule[];
  attributes: HsdsAttribute[];
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
  website?: string;
}

export interface HsdsCostOption {
  id: string;
  service_id: string;
  option: string;
  amount: number;
}

export interface HsdsService {
  id: string;
  organization_id: string;
  name: string;
  status: 'active';
  description?: string;
  url?: string;
  eligibility_description?: string;
  fees_description?: string;
  last_modified?: string;
  organization: HsdsOrganization;
  service_at_locations: HsdsServiceAtLocation[];
  phones: HsdsPhone[];
  schedules: HsdsSchedule[];
  languages: HsdsLanguage[];
  cost_options: HsdsCostOption[];
  attributes: HsdsAttribute[];
}

/** The paginated envelope of the HSDS API (`Page` in its OpenAPI document). */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** `GET /services?full=true`: fully nested services. */
export type HsdsServiceList = HsdsPage<HsdsService>;
