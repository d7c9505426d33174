// The `specialists` endpoint: who is on call.
import { endpoint } from '../endpoint.js';
import { OnCallNow, OnCallQuery } from '../agency.js';

export const getOnCall = endpoint({
  operationId: 'getOnCall',
  method: 'GET',
  path: '/v1/specialists/on-call',
  summary: 'Who would be called now (primary, backup, supervisor) for an area',
  description:
    'Resolves the on-call schedule for an area, now or at the time given: the primary, the backup and the supervisor a call-out would notify. A position nobody covers comes back empty.',
  tag: 'specialists',
  roles: ['dispatcher', 'specialist', 'supervisor'],
  query: OnCallQuery,
  response: OnCallNow,
});
