/** The part of kafkajs' (untyped, internal) per-connection request queue this module touches. */
interface RequestQueuePrototype {
  readonly pending?: readonly unknown[];
  scheduleCheckPendingRequests(this: RequestQueuePrototype): void;
}

let applied = false;

/**
 * kafkajs 2.2.4, its last release, re-arms its pending-request check on every connection every
 * millisecond even when no request is pending (a negative delay, clamped to 1 ms): about 30
 * millicores of CPU for an idle service here, most of the chart's 50m request; on Node 24 the
 * negative delay also puts a TimeoutNegativeWarning (not JSON) on stderr. Reported as
 * tulios/kafkajs#1556, #1604, #1704 and #1751, never released. With nothing pending there is nothing to check, and a request queued
 * later schedules its own check, so the check is skipped then; otherwise kafkajs' own code runs.
 */
export function skipIdlePendingRequestChecks(): void {
  if (applied) return;
  applied = true;
  // kafkajs exports no types or entry for its internal modules, so it is required by path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueuePrototype };
  const schedule = RequestQueue.prototype.scheduleCheckPendingRequests;
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueuePrototype): void {
    if (this.pending?.length === 0) return;
    schedule.call(this);
  };
}
