// The `dispatches` endpoints: duty call-outs, their steps and the acknowledgement link.
import * as z from 'zod/mini';
import { ById, endpoint } from '../endpoint.js';
import {
  AcknowledgementRequest,
  CreateDispatchRequest,
  Dispatch,
  DispatchListQuery,
  DispatchTransitionRequest,
} from '../dispatch.js';
import { page } from '../primitives.js';

export const createDispatch = endpoint({
  operationId: 'createDispatch',
  method: 'POST',
  path: '/v1/dispatches',
  summary: 'Request a duty call-out for a call for service',
  description:
    'Creates a duty call-out for a call for service and notifies the on-call specialist and supervisor. Repeating the request with the same Idempotency-Key returns the first dispatch instead of calling out twice.',
  tag: 'dispatches',
  roles: ['dispatcher', 'supervisor'],
  body: CreateDispatchRequest,
  response: Dispatch,
  status: 201,
});

export const listDispatches = endpoint({
  operationId: 'listDispatches',
  method: 'GET',
  path: '/v1/dispatches',
  summary: 'List dispatches, newest first',
  description:
    "Dispatches of the agency the caller's role may see, newest first, one page at a time; filter by status or by the CAD incident id.",
  tag: 'dispatches',
  roles: ['dispatcher', 'specialist', 'supervisor', 'investigator'],
  query: DispatchListQuery,
  response: page(Dispatch),
});

export const getDispatch = endpoint({
  operationId: 'getDispatch',
  method: 'GET',
  path: '/v1/dispatches/{id}',
  summary: 'Read one dispatch with its timeline',
  description: 'One dispatch with its status and timeline: every transition with its time and actor.',
  tag: 'dispatches',
  roles: ['dispatcher', 'specialist', 'supervisor', 'investigator'],
  params: ById,
  response: Dispatch,
});

export const transitionDispatch = endpoint({
  operationId: 'transitionDispatch',
  method: 'POST',
  path: '/v1/dispatches/{id}/transitions',
  summary: 'Move a dispatch to its next status',
  description:
    "Moves the dispatch along its state machine (acknowledged, en route, on scene, checked in, engaged, cleared, cancelled...). A transition the current status does not allow, or one the caller's role may not make, is refused.",
  tag: 'dispatches',
  roles: ['dispatcher', 'specialist', 'supervisor'],
  params: ById,
  body: DispatchTransitionRequest,
  response: Dispatch,
});

export const acknowledgeByLink = endpoint({
  operationId: 'acknowledgeByLink',
  method: 'POST',
  path: '/v1/ack/{token}',
  summary: "Acknowledge or decline a call-out from the notification's single-use link",
  description:
    'Used by the page a responder opens from a text or e-mail notification: the single-use token in the link acknowledges or declines the call-out without signing in.',
  tag: 'dispatches',
  auth: 'ack-token',
  params: z.strictObject({ token: z.string().check(z.minLength(16), z.maxLength(2048)) }),
  body: AcknowledgementRequest,
  response: Dispatch,
});
