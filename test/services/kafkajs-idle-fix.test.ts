import { skipIdlePendingRequestChecks } from '../../apps/runtime/kafkajs-idle-fix';

/** kafkajs' internal per-connection request queue, the object the fix changes. */
interface RequestQueue {
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
}
type RequestQueueClass = new (options: Record<string, unknown>) => RequestQueue;

describe("kafkajs' idle request-queue check", () => {
  // kafkajs exports no types or entry for its internal modules, so it is required by path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueueImpl = require('kafkajs/src/network/requestQueue') as RequestQueueClass;
  const newQueue = (): RequestQueue =>
    new RequestQueueImpl({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: 'test:9092',
      logger: { debug: () => undefined } });
  let queue: RequestQueue;

  beforeAll(() => skipIdlePendingRequestChecks());
  afterEach(() => queue.destroy());

  test('with nothing pending, no check is scheduled (kafkajs 2.2.4 would re-arm a 1 ms timer forever)', () => {
    // GIVEN an idle queue
    queue = newQueue();

    // WHEN kafkajs asks for a check, as after every response
    queue.scheduleCheckPendingRequests();

    // THEN no timer is armed
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  test('with a request pending behind a throttle, the check is still scheduled as kafkajs does it', () => {
    // GIVEN a throttled queue holding a request
    queue = newQueue();
    queue.throttledUntil = Date.now() + 50;
    queue.pending.push({});

    // WHEN a check is asked for
    queue.scheduleCheckPendingRequests();

    // THEN a timer is armed to send it later
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
  });
});
