// The `resources` endpoints: the resource directory.
import { ById, endpoint, everyone } from '../endpoint.js';
import { Resource, ResourceSearchQuery, ResourceSearchResult } from '../resource.js';

export const searchResources = endpoint({
  operationId: 'searchResources',
  method: 'GET',
  path: '/v1/resources/search',
  summary: 'Ranked search over the resource directory with filters',
  description:
    "Ranked, typo-tolerant text search over the agency's directory, with filters for category, open now, language, payment, capacity, distance, setting and intercept stage. Lists in the query are comma separated; pages continue with the returned cursor.",
  tag: 'resources',
  roles: everyone,
  query: ResourceSearchQuery,
  response: ResourceSearchResult,
});

export const getResource = endpoint({
  operationId: 'getResource',
  method: 'GET',
  path: '/v1/resources/{id}',
  summary: 'Read one resource',
  description: 'One resource of the directory with its location, hours, languages, fees and capacity.',
  tag: 'resources',
  roles: everyone,
  params: ById,
  response: Resource,
});
