// The `schedule` endpoints: rotations, overrides, the resolved schedule and a peer's own shifts.
import { ById, endpoint } from '../endpoint.js';
import {
  EndRotationRequest,
  MyShifts,
  MyShiftsQuery,
  Override,
  OverrideInput,
  OverrideListQuery,
  OverridePage,
  ResolvedSchedule,
  Rotation,
  RotationInput,
  RotationListQuery,
  RotationPage,
  RotationUpdate,
  ScheduleQuery,
} from '../schedule.js';

const readers = ['dispatcher', 'specialist', 'supervisor'] as const;

export const listRotations = endpoint({
  operationId: 'listRotations',
  method: 'GET',
  path: '/v1/schedule/rotations',
  summary: 'List the on-call rotations',
  description:
    "The agency's rotations (peers taking turns at a handoff time), by area and position; rotations that ended before today only when asked for.",
  tag: 'schedule',
  roles: readers,
  query: RotationListQuery,
  response: RotationPage,
});

export const createRotation = endpoint({
  operationId: 'createRotation',
  method: 'POST',
  path: '/v1/schedule/rotations',
  summary: 'Create a rotation',
  description:
    "A supervisor adds a rotation for an area and position: members (active peers of the agency) take turns of `turnDays` days, handing off at `handoffTime` on the agency's wall clock from `startsOn`.",
  tag: 'schedule',
  roles: ['supervisor'],
  body: RotationInput,
  response: Rotation,
  status: 201,
});

export const updateRotation = endpoint({
  operationId: 'updateRotation',
  method: 'PATCH',
  path: '/v1/schedule/rotations/{id}',
  summary: 'Change a rotation',
  description:
    'Changes the fields given. `version` is the version the caller read: a rotation changed since then is refused with 409. The version rises with every change.',
  tag: 'schedule',
  roles: ['supervisor'],
  params: ById,
  body: RotationUpdate,
  response: Rotation,
});

export const endRotation = endpoint({
  operationId: 'endRotation',
  method: 'POST',
  path: '/v1/schedule/rotations/{id}/end',
  summary: 'End a rotation',
  description:
    'Ends a rotation at the handoff of a local date; it is never deleted, so past schedules keep it. `version` as for a change.',
  tag: 'schedule',
  roles: ['supervisor'],
  params: ById,
  body: EndRotationRequest,
  response: Rotation,
});

export const listOverrides = endpoint({
  operationId: 'listOverrides',
  method: 'GET',
  path: '/v1/schedule/overrides',
  summary: 'List the overrides of a range',
  description:
    'Overrides (one person covering a time range) that overlap the range, at most 93 days, from now for 31 days by default; cancelled ones only when asked for.',
  tag: 'schedule',
  roles: readers,
  query: OverrideListQuery,
  response: OverridePage,
});

export const createOverride = endpoint({
  operationId: 'createOverride',
  method: 'POST',
  path: '/v1/schedule/overrides',
  summary: 'Have one person cover a time range',
  description:
    'A supervisor puts an active peer on call for an area and position over a range, whoever the rotations say (a swap, sick leave, a holiday). A later override beats an earlier one.',
  tag: 'schedule',
  roles: ['supervisor'],
  body: OverrideInput,
  response: Override,
  status: 201,
});

export const cancelOverride = endpoint({
  operationId: 'cancelOverride',
  method: 'POST',
  path: '/v1/schedule/overrides/{id}/cancel',
  summary: 'Cancel an override',
  description: 'The rotations apply again over its range. Cancelling a cancelled override answers it unchanged.',
  tag: 'schedule',
  roles: ['supervisor'],
  params: ById,
  response: Override,
});

export const getSchedule = endpoint({
  operationId: 'getSchedule',
  method: 'GET',
  path: '/v1/schedule',
  summary: 'The resolved schedule of a range',
  description:
    'Who is primary, backup and supervisor at every moment of the range (at most 93 days), for one area or every area the agency staffs: overrides first, then rotations by layer, then single shifts. Lists the gaps (nobody on call) and the conflicts (one person in two places). A call-out notifies whoever this says.',
  tag: 'schedule',
  roles: readers,
  query: ScheduleQuery,
  response: ResolvedSchedule,
});

export const getMyShifts = endpoint({
  operationId: 'getMyShifts',
  method: 'GET',
  path: '/v1/schedule/mine',
  summary: "The caller's own upcoming shifts",
  description: 'The turns on call of the peer the token acts as, from now for `days` days (14 by default, at most 31).',
  tag: 'schedule',
  roles: ['specialist', 'supervisor'],
  query: MyShiftsQuery,
  response: MyShifts,
});
