import * as api from '../../lib';

describe('public API (lib/index.ts, the package entry point)', () => {
  test('exports the constructs and their helpers, and nothing internal', () => {
    // GIVEN the package entry point WHEN its runtime exports are listed THEN they are exactly the documented ones
    expect(Object.keys(api).sort()).toEqual([
      'CleanupPolicy', 'DEFAULT_LISTENERS', 'HTTP_PORT', 'KafkaCluster', 'KafkaListenerType', 'KafkaMicroservice',
      'KafkaVersion', 'MicroservicePair', 'Topic',
    ]);
  });
});
