import {
  cancelOverride,
  createOverride,
  createRotation,
  endRotation,
  getMyShifts,
  getSchedule,
  listOverrides,
  listRotations,
  updateRotation,
} from '@peerlink/sdk';
import * as schedule from '../../domain/schedule.js';
import { route } from '../route.js';

// Changes record the names of the fields they touched; reads of the schedule are not audited
// (it names who is on call, never their contacts).
const changed = (_: unknown, facts: string[] | undefined) => facts ?? [];

export const listRotationsRoute = route(listRotations, {
  auth: 'embed-token',
  handler: ({ query, principal, tx, meta }) => schedule.listRotations(tx, principal, query, meta.now),
});

export const createRotationRoute = route<typeof createRotation, string[]>(createRotation, {
  auth: 'embed-token',
  audit: [{ action: 'create', recordType: 'rotation', fields: changed }],
  handler: ({ body, principal, tx, meta }) => schedule.createRotation(tx, principal, body, meta.now),
});

export const updateRotationRoute = route<typeof updateRotation, string[]>(updateRotation, {
  auth: 'embed-token',
  audit: [{ action: 'update', recordType: 'rotation', fields: changed, when: (_, __, facts) => !!facts?.length }],
  handler: ({ params, body, principal, tx, meta }) => schedule.updateRotation(tx, principal, params.id, body, meta.now),
});

export const endRotationRoute = route<typeof endRotation, string[]>(endRotation, {
  auth: 'embed-token',
  audit: [{ action: 'update', recordType: 'rotation', fields: changed, when: (_, __, facts) => !!facts?.length }],
  handler: ({ params, body, principal, tx, meta }) => schedule.updateRotation(tx, principal, params.id, body, meta.now),
});

export const listOverridesRoute = route(listOverrides, {
  auth: 'embed-token',
  handler: ({ query, principal, tx, meta }) => schedule.listOverrides(tx, principal, query, meta.now),
});

export const createOverrideRoute = route<typeof createOverride, string[]>(createOverride, {
  auth: 'embed-token',
  audit: [{ action: 'create', recordType: 'override', fields: changed }],
  handler: ({ body, principal, tx, meta }) => schedule.createOverride(tx, principal, body, meta.now),
});

export const cancelOverrideRoute = route<typeof cancelOverride, string[]>(cancelOverride, {
  auth: 'embed-token',
  audit: [{ action: 'update', recordType: 'override', fields: changed, when: (_, __, facts) => !!facts?.length }],
  handler: ({ params, principal, tx, meta }) => schedule.cancelOverride(tx, principal, params.id, meta.now),
});

export const getScheduleRoute = route(getSchedule, {
  auth: 'embed-token',
  handler: ({ query, principal, tx, meta }) => schedule.getSchedule(tx, principal, query, meta.now),
});

export const getMyShiftsRoute = route(getMyShifts, {
  auth: 'embed-token',
  handler: ({ query, principal, tx, meta }) => schedule.myShifts(tx, principal, query.days ?? 14, meta.now),
});
