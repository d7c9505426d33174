import * as api from '../../schema/api/schedule.js';
import type { OverrideListQuery, RotationListQuery, ScheduleQuery } from '../../schema/schedule.js';
import type { ScheduleChange } from '../../schema/events.js';
import type { ClientCore } from '../core.js';
import { SCHEDULE_RECORD, type Watch, type WatchOptions } from '../watch.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

/**
 * The on-call schedule, built on its own so pages that never show the roster do not carry it:
 * `scheduleApi(createClientCore(options))`. Rotation changes are sent at once, never kept in the offline outbox:
 * each names the version its author read, and a change replayed later would meet a newer one. A new override names
 * none (the later override wins), so one added offline waits in the outbox when the client has one.
 */
export function scheduleApi(core: ClientCore) {
  return {
    rotations: {
      list: (query: RotationListQuery = {}, call?: CallOptions) => core.get(api.listRotations, { query }, call),
      create: (body: Body<typeof api.createRotation>, call?: CallOptions) =>
        core.get(api.createRotation, { body }, call),
      /** Changes the fields given; `version` is the one read (a rotation changed since is refused: 409). */
      update: (id: string, body: Body<typeof api.updateRotation>, call?: CallOptions) =>
        core.get(api.updateRotation, { params: { id }, body }, call),
      /** Ends the rotation at the handoff of `endsOn` (a local date); it is kept for past schedules. */
      end: (id: string, body: Body<typeof api.endRotation>, call?: CallOptions) =>
        core.get(api.endRotation, { params: { id }, body }, call),
    },
    overrides: {
      list: (query: OverrideListQuery = {}, call?: CallOptions) => core.get(api.listOverrides, { query }, call),
      /** Offline (with an outbox), kept and sent later: throws `PeerQueuedError` with the change's key. */
      create: (body: Body<typeof api.createOverride>, call?: CallOptions) =>
        core.change(api.createOverride, { body }, call),
      cancel: (id: string, call?: CallOptions) => core.get(api.cancelOverride, { params: { id } }, call),
    },
    /** Who is primary, backup and supervisor over a range (at most 93 days), with gaps and conflicts. */
    resolve: (query: ScheduleQuery, call?: CallOptions) => core.get(api.getSchedule, { query }, call),
    /**
     * Follows changes to the agency's schedule (a rotation or override written by any supervisor, on any
     * instance): the first value arrives when the stream opens, then one per change. Each says the area and the
     * record that changed, never who is on call: read the schedule again with `resolve`.
     */
    watch: (options?: WatchOptions): Watch<ScheduleChange | { opened: number }> =>
      core.watch<ScheduleChange | { opened: number }>(
        SCHEDULE_RECORD,
        () => Promise.resolve({ opened: Date.now() }),
        (event) => (event.type === 'schedule.updated' ? event.data : undefined),
        (value) => ('opened' in value ? `opened:${String(value.opened)}` : `${value.recordId}:${value.updatedAt}`),
        options,
      ),
    /** The caller's own upcoming shifts, for `days` days from now (14 by default). */
    mine: (days?: number, call?: CallOptions) =>
      core.get(api.getMyShifts, { query: days === undefined ? {} : { days } }, call),
  };
}
