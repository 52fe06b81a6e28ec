import { Testing } from 'cdk8s';
import { KafkaCluster, Warnings } from '../../../lib';
import { appWithChart } from '../support/synth';
import { strictWarning, warned } from '../support/warnings';

describe('warnings: dangerous but valid settings', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => (stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)));
  afterEach(() => stderr.mockRestore());

  test('are recorded with a code, printed once at synth, and do not stop the synth', () => {
    // GIVEN a cluster with an even number of controllers
    const { app, chart } = appWithChart();
    new KafkaCluster(chart, 'c', { brokers: 3, controllers: 2 });

    // WHEN the chart is synthesized twice
    Testing.synth(chart);
    Testing.synth(chart);

    // THEN the warning names the object, the danger and the fix, and stderr got it once
    expect(Warnings.of(app).all).toEqual([warned('even-controllers', "KafkaCluster 'c' (test/c)", '2 controllers', '1 or 3')]);
    const printed = stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('even-controllers'));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^\[strimzi-cdk8s\] warning 'even-controllers': KafkaCluster 'c'/);
  });

  test('fail the synth in strict mode', () => {
    // GIVEN strict mode set on the app before its charts
    const { app, chart } = appWithChart(undefined, { [Warnings.STRICT_CONTEXT]: true });
    new KafkaCluster(chart, 'c', { controllers: 4 });
    // WHEN synthesized THEN the warning is an error
    expect(app.node.tryGetContext(Warnings.STRICT_CONTEXT)).toBe(true);
    expect(() => Testing.synth(chart)).toThrow(strictWarning('even-controllers', "KafkaCluster 'c' (test/c)", '4 controllers'));
  });

  test('an app without dangerous settings has none', () => {
    const { app, chart } = appWithChart();
    new KafkaCluster(chart, 'c', { brokers: 3 });
    Testing.synth(chart);
    expect(Warnings.of(app).all).toEqual([]);
  });
});
